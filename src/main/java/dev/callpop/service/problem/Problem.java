package dev.callpop.service.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem document, the body of every error callpop answers.
 *
 * @param type     {@code urn:callpop:problem:<kind>}, stable for each kind of problem
 * @param title    a short summary of the kind
 * @param status   the HTTP status
 * @param detail   what is wrong with this request, and how to fix it
 * @param instance the request path
 * @param errors   for {@code invalid-request}: each field at fault and what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
// Returned through a Response, so no method signature tells the native build to keep it serialisable.
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class})
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /**
     * One field at fault.
     *
     * @param field   the field's path in the request body, for example {@code contact.id}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}

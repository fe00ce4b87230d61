package dev.callpop.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * callpop's answer to every event: which CRM, which event, and the actions the client carries out in
 * order. {@code matches}, {@code reason} and {@code steps} appear only when they have something to say.
 *
 * @param crm     the CRM id
 * @param event   {@code call-received}, {@code open-log-page} or {@code logout}
 * @param actions what the client does, in order; may be empty
 * @param matches the contacts found for the caller
 * @param reason  why nothing, or something other than what was asked, is opened
 * @param steps   the outcome of each server-side clean-up step of a logout
 */
@JsonPropertyOrder({"crm", "event", "actions", "matches", "reason", "steps"})
public record EventAnswer(
        String crm,
        String event,
        List<ActionView> actions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MatchView> matches,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StepView> steps) {

    /**
     * One action for the client.
     *
     * @param type   {@code open-url}, {@code remove-storage} or {@code clear-cookies}
     * @param url    for {@code open-url}: the https page to open
     * @param target for {@code open-url}: {@code tab} or {@code popup}
     * @param keys   for {@code remove-storage}: the storage keys to remove
     * @param domain for {@code clear-cookies}: the cookie domain
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "url", "target", "keys", "domain"})
    public record ActionView(String type, String url, String target, List<String> keys, String domain) {
    }

    /**
     * A contact found for the caller.
     *
     * @param id   its record id
     * @param name its name, when the CRM has one
     * @param type its contact type (the CRM's value), for CRMs with several
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MatchView(String id, String name, String type) {
    }

    /**
     * The outcome of one server-side clean-up step.
     *
     * @param name    what the step does
     * @param outcome {@code done}, {@code not-needed} or {@code failed}
     * @param detail  why it failed or was not needed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(String name, String outcome, String detail) {
    }
}

package dev.callpop.adapter.bullhorn;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.rest.client.reactive.Url;

/**
 * Bullhorn's REST API, at the user's own {@code restUrl}. Every call names that URL with {@link Url}; the
 * base URI below is Bullhorn's public REST host, which the REST Client requires but callpop never calls.
 * Notes carry the agent's words: their records never show their text in {@code toString}. The Note calls themselves
 * are {@link BullhornNotesApi}'s, a client of their own with a write's time-outs; their bodies and answers are here.
 */
@RegisterRestClient(configKey = "bullhorn-rest", baseUri = "https://rest.bullhornstaffing.com/rest-services/")
public interface BullhornRestApi {

    /**
     * {@code POST {restUrl}search/{Entity}?fields=…&count=…} with a Lucene query.
     *
     * @param restUrl     the user's REST URL, ending in {@code /}
     * @param bhRestToken the user's session token
     * @param entity      {@code Candidate}, {@code ClientContact} or {@code Lead}
     * @param fields      the fields to return
     * @param count       how many records at most
     * @param query       the Lucene query
     * @return the matching records
     */
    @POST
    @Path("search/{entity}")
    @Consumes(MediaType.APPLICATION_JSON)
    SearchResult search(@Url String restUrl, @HeaderParam("BhRestToken") String bhRestToken, @PathParam("entity") String entity,
                        @QueryParam("fields") String fields, @QueryParam("count") int count, Query query);

    /** The search body: {@code {"query": "phone:\"+14155550100\" OR mobile:…"}}. */
    record Query(String query) {
    }

    /** The search answer: {@code {"total": 1, "start": 0, "count": 1, "data": [{"id": 9876, …}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SearchResult(List<Record> data) {
    }

    /**
     * A person found.
     *
     * @param id               its id
     * @param firstName        the first name, or {@code null}
     * @param lastName         the last name, or {@code null}
     * @param dateAdded        when the record was created, epoch milliseconds, or {@code null}
     * @param dateLastModified when it last changed, epoch milliseconds, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Record(long id, String firstName, String lastName, Long dateAdded, Long dateLastModified) {
    }

    /**
     * The fields of a Note written: {@code null} ones are not sent, so an update sends only what changed.
     *
     * @param comments        the note's text, plain text
     * @param personReference the candidate, contact or lead it is about
     * @param action          the Note action
     * @param minutesSpent    the call's length in whole minutes
     * @param dateAdded       when the call started, epoch milliseconds
     * @param externalId      the telephony session's id, by which callpop finds the Note again
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoteFields(String comments, PersonId personReference, String action, Long minutesSpent, Long dateAdded,
                      @JsonProperty("externalID") String externalId) {

        @Override
        public String toString() {
            return "NoteFields[***]";
        }
    }

    /** A to-one reference to a person by id: {@code {"id": 9876}}. */
    record PersonId(long id) {
    }

    /** The answer to a PUT or POST: {@code {"changedEntityType": "Note", "changedEntityId": 4321, "changeType": "INSERT"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Change(Long changedEntityId) {
    }

    /** The query answer: {@code {"start": 0, "count": 1, "data": [{"id": 4321, …}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NoteList(List<Note> data) {
    }

    /** The entity answer: {@code {"data": {"id": 4321, …}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OneNote(Note data) {
    }

    /**
     * A Note as Bullhorn answers it; any field not asked for is {@code null}.
     *
     * @param id              its id
     * @param comments        its text
     * @param action          its Note action
     * @param minutesSpent    the minutes it records
     * @param personReference the person it is about
     * @param externalId      the id an integration gave it (callpop: the telephony session)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Note(long id, String comments, String action, Long minutesSpent, Person personReference,
                @JsonProperty("externalID") String externalId) {

        @Override
        public String toString() {
            return "Note[id=" + id + ", ***]";
        }
    }

    /**
     * A Note's person: {@code {"id": 9876, "_subtype": "Candidate", "firstName": "Ada", "lastName": "Lovelace"}}.
     *
     * @param id        the person's id
     * @param subtype   {@code Candidate}, {@code ClientContact}, {@code Lead} or another kind of person
     * @param firstName the first name, or {@code null}
     * @param lastName  the last name, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Person(long id, @JsonProperty("_subtype") String subtype, String firstName, String lastName) {

        @Override
        public String toString() {
            return "Person[id=" + id + ", ***]";
        }
    }

    /**
     * Bullhorn's error answer: {@code {"errorMessage": "…", "errorCode": 400, "errors": [{"propertyName": "personReference", …}]}}.
     *
     * @param errorMessage what went wrong
     * @param errors       the fields at fault, where Bullhorn names them
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Failure(String errorMessage, List<FieldFailure> errors) {
    }

    /**
     * One field at fault.
     *
     * @param propertyName the field
     * @param type         Bullhorn's kind of fault, for example {@code INVALID_ASSOCIATION}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FieldFailure(String propertyName, String type) {
    }
}

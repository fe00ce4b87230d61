package dev.callpop.adapter.pipedrive;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
 * What writing a call log asks of Pipedrive, on the company's own host: the company's activity types (API v1), the
 * person's organization and the activity itself (API v2). Every call names that host with {@link Url}, as
 * {@link PipedrivePersonsApi} does; its HTTP settings are {@code quarkus.rest-client.pipedrive-activities.*}, apart
 * from the look-up's, since a write is not bound by a call pop's deadline.
 */
@RegisterRestClient(configKey = "pipedrive-activities", baseUri = "https://api.pipedrive.com")
public interface PipedriveActivitiesApi {

    /**
     * {@code GET https://{company}.pipedrive.com/v1/activityTypes}
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @return the company's activity types, active or not
     */
    @GET
    @Path("/v1/activityTypes")
    ActivityTypes activityTypes(@Url String baseUrl, @HeaderParam("Authorization") String authorization);

    /**
     * {@code GET https://{company}.pipedrive.com/api/v2/persons/{id}}; 404 when there is no such person.
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @param id            the person's id
     * @return the person
     */
    @GET
    @Path("/api/v2/persons/{id}")
    PersonAnswer person(@Url String baseUrl, @HeaderParam("Authorization") String authorization, @PathParam("id") long id);

    /**
     * {@code GET https://{company}.pipedrive.com/api/v2/persons?ids=…&limit=…}: the persons with these ids (up to 100 in
     * one request), with their {@code add_time} and {@code update_time}, which the persons search does not give. Ids
     * Pipedrive does not have, or the user may not see, are left out of the answer.
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @param ids           the person ids, comma-separated
     * @param limit         how many persons at most (as many as ids)
     * @return the persons found
     */
    @GET
    @Path("/api/v2/persons")
    PersonList persons(@Url String baseUrl, @HeaderParam("Authorization") String authorization, @QueryParam("ids") String ids,
                       @QueryParam("limit") int limit);

    /**
     * {@code POST https://{company}.pipedrive.com/api/v2/activities}
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @param activity      the new activity
     * @return the activity Pipedrive holds
     */
    @POST
    @Path("/api/v2/activities")
    @Consumes(MediaType.APPLICATION_JSON)
    ActivityAnswer createActivity(@Url String baseUrl, @HeaderParam("Authorization") String authorization, ActivityFields activity);

    /**
     * {@code PATCH https://{company}.pipedrive.com/api/v2/activities/{id}}, with only the fields that change; 404 when
     * there is no such activity.
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @param id            the activity's id
     * @param change        the fields that change
     * @return the activity as Pipedrive now holds it
     */
    @PATCH
    @Path("/api/v2/activities/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    ActivityAnswer updateActivity(@Url String baseUrl, @HeaderParam("Authorization") String authorization, @PathParam("id") long id,
                                  ActivityFields change);

    /**
     * {@code GET https://{company}.pipedrive.com/api/v2/activities/{id}}; 404 when there is no such activity.
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @param id            the activity's id
     * @return the activity
     */
    @GET
    @Path("/api/v2/activities/{id}")
    ActivityAnswer activity(@Url String baseUrl, @HeaderParam("Authorization") String authorization, @PathParam("id") long id);

    /** {@code {"success": true, "data": [{"id": 1, "name": "Call", "key_string": "call", "active_flag": true, …}]}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActivityTypes(List<ActivityType> data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActivityType(String name, @JsonProperty("key_string") String keyString, @JsonProperty("active_flag") boolean active) {
    }

    /** {@code {"success": true, "data": {"id": 42, "name": …, "org_id": 7, …}}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PersonAnswer(Person data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Person(long id, String name, @JsonProperty("org_id") Long orgId) {
    }

    /** {@code {"success": true, "data": [{"id": 42, "add_time": "2021-01-01T00:00:00Z", "update_time": "…", …}]}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PersonList(List<DatedPerson> data) {
    }

    /**
     * A person with its record dates, as API v2 gives them (RFC 3339, for example {@code 2021-01-01T00:00:00Z}).
     *
     * @param id         the person's id
     * @param addTime    when it was created, or {@code null}
     * @param updateTime when it last changed, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DatedPerson(long id, @JsonProperty("add_time") String addTime, @JsonProperty("update_time") String updateTime) {
    }

    /**
     * An activity's fields as callpop writes them; a {@code null} field is not sent, so a change sends only what
     * changes.
     *
     * @param subject      the title
     * @param type         the activity type's key
     * @param done         whether the call took place
     * @param dueDate      {@code YYYY-MM-DD}, UTC
     * @param dueTime      {@code HH:MM}, UTC
     * @param duration     {@code HH:MM}
     * @param note         the note, HTML
     * @param participants the person the call was with
     * @param orgId        the person's organization
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActivityFields(String subject, String type, Boolean done, @JsonProperty("due_date") String dueDate,
                          @JsonProperty("due_time") String dueTime, String duration, String note, List<Participant> participants,
                          @JsonProperty("org_id") Long orgId) {
    }

    /** {@code {"person_id": 42, "primary": true}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Participant(@JsonProperty("person_id") long personId, boolean primary) {
    }

    /** {@code {"success": true, "data": {"id": 9, "subject": …, "note": …, "participants": […], …}}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActivityAnswer(Activity data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Activity(Long id, String subject, String duration, String note, List<Participant> participants,
                    @JsonProperty("person_id") Long personId) {
    }
}

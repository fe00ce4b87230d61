package dev.callpop.adapter.bullhorn;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.Url;

/**
 * Bullhorn's REST API, at the user's own {@code restUrl}. Every call names that URL with {@link Url}; the
 * base URI below is Bullhorn's public REST host, which the REST Client requires but callpop never calls.
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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Record(long id, String firstName, String lastName) {
    }
}

package dev.callpop.adapter.pipedrive;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.Url;

/**
 * Pipedrive's persons search, on the company's own host (API v2). Every call names that host with
 * {@link Url}; the base URI below is Pipedrive's public API host, which the REST Client requires but
 * callpop never calls.
 */
@RegisterRestClient(configKey = "pipedrive-api", baseUri = "https://api.pipedrive.com")
public interface PipedrivePersonsApi {

    /**
     * {@code GET https://{company}.pipedrive.com/api/v2/persons/search?term=…&fields=phone}
     *
     * @param baseUrl       the company's API base URL
     * @param authorization {@code Bearer <the user's OAuth access token>}
     * @param term          the number, in one of its formats
     * @param fields        {@code phone}
     * @param limit         how many persons at most
     * @return the matching persons, best first
     */
    @GET
    @Path("/api/v2/persons/search")
    SearchResponse search(@Url String baseUrl, @HeaderParam("Authorization") String authorization,
                          @QueryParam("term") String term, @QueryParam("fields") String fields, @QueryParam("limit") int limit);

    /** The search answer: {@code {"success": true, "data": {"items": [{"result_score": …, "item": {…}}]}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SearchResponse(Data data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(List<Item> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(Person item) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Person(long id, String name) {
    }
}

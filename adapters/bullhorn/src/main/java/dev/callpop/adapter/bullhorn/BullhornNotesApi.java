package dev.callpop.adapter.bullhorn;

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

import io.quarkus.rest.client.reactive.Url;

/**
 * Bullhorn's Note entity, which call logs are written as, at the user's own {@code restUrl} (named with {@link Url}
 * on every call, as {@link BullhornRestApi} does). A client of its own, {@code quarkus.rest-client.bullhorn-notes.*},
 * because a write is not bound by a call pop's deadline: it runs on the CRM's threads for writes and may take seconds,
 * so its read time-out is a write's (10 s by default, callpop's default {@code log-timeout}), not the look-up's 850 ms.
 */
@RegisterRestClient(configKey = "bullhorn-notes", baseUri = "https://rest.bullhornstaffing.com/rest-services/")
public interface BullhornNotesApi {

    /**
     * {@code GET {restUrl}query/Note?where=…&fields=…}: the Notes a where clause selects.
     *
     * @param restUrl     the user's REST URL, ending in {@code /}
     * @param bhRestToken the user's session token
     * @param where       the where clause, for example {@code externalID='abc'}; the REST Client encodes it
     * @param fields      the fields to return
     * @return the Notes found
     */
    @GET
    @Path("query/Note")
    BullhornRestApi.NoteList queryNotes(@Url String restUrl, @HeaderParam("BhRestToken") String bhRestToken, @QueryParam("where") String where,
                        @QueryParam("fields") String fields);

    /**
     * {@code GET {restUrl}entity/Note/{id}?fields=…}: one Note.
     *
     * @param restUrl     the user's REST URL, ending in {@code /}
     * @param bhRestToken the user's session token
     * @param id          the Note's id
     * @param fields      the fields to return
     * @return the Note
     */
    @GET
    @Path("entity/Note/{id}")
    BullhornRestApi.OneNote note(@Url String restUrl, @HeaderParam("BhRestToken") String bhRestToken, @PathParam("id") long id,
                 @QueryParam("fields") String fields);

    /**
     * {@code PUT {restUrl}entity/Note}: a new Note.
     *
     * @param restUrl     the user's REST URL, ending in {@code /}
     * @param bhRestToken the user's session token
     * @param note        its fields
     * @return the change, with the new Note's id
     */
    @PUT
    @Path("entity/Note")
    @Consumes(MediaType.APPLICATION_JSON)
    BullhornRestApi.Change createNote(@Url String restUrl, @HeaderParam("BhRestToken") String bhRestToken, BullhornRestApi.NoteFields note);

    /**
     * {@code POST {restUrl}entity/Note/{id}}: changes the fields the body sets.
     *
     * @param restUrl     the user's REST URL, ending in {@code /}
     * @param bhRestToken the user's session token
     * @param id          the Note's id
     * @param note        the fields to change
     * @return the change
     */
    @POST
    @Path("entity/Note/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    BullhornRestApi.Change updateNote(@Url String restUrl, @HeaderParam("BhRestToken") String bhRestToken, @PathParam("id") long id, BullhornRestApi.NoteFields note);
}

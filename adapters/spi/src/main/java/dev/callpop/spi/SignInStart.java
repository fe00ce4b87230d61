package dev.callpop.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The first step of a sign-in: the CRM's authorization page, and what the adapter needs again when the
 * code comes back.
 *
 * @param authorizationUrl the CRM's authorization page with the client id, redirect URI and response type,
 *                         but no {@code state}: callpop adds its own
 * @param remembered       short values the adapter needs again in {@link CrmSignIn#complete} (Bullhorn: the
 *                         user's OAuth and REST URLs). They travel inside callpop's signed {@code state},
 *                         which the client can read: never a secret. At most a few hundred characters.
 */
public record SignInStart(URI authorizationUrl, Map<String, String> remembered) {

    /** Checks the page is there and copies the map. */
    public SignInStart {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        remembered = Map.copyOf(remembered);
    }
}

package dev.callpop.spi;

import java.net.URI;

/**
 * What the client sent to sign a user in, checked by callpop.
 *
 * @param redirectUri where the CRM sends the browser back: one the operator allowed; {@code null} for a refresh
 * @param username    the user's CRM login name, where the CRM needs it to find the user's data centre
 *                    (Bullhorn), or {@code null}
 * @param hostname    the user's CRM host, when the client knows it and the CRM needs it, or {@code null}
 */
public record SignInRequest(URI redirectUri, String username, String hostname) {
}

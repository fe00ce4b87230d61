package dev.callpop.spi;

import java.util.Objects;

/**
 * Clear the cookies the client's browser holds for a CRM domain, where the client is allowed to.
 *
 * @param domain the cookie domain, for example {@code .pipedrive.com}
 */
public record ClearCookies(String domain) implements ClientAction {

    /** Checks the domain is present. */
    public ClearCookies {
        Objects.requireNonNull(domain, "domain");
    }
}

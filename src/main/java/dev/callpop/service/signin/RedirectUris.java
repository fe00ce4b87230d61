package dev.callpop.service.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.inject.Singleton;

import dev.callpop.service.api.problem.ProblemException;
import dev.callpop.service.api.problem.ProblemKind;

/**
 * The operator's allow-list of sign-in redirect URIs ({@code callpop.sign-in.redirect-uris}): the one rule
 * for where a CRM may send the browser back with a code. Checked before any CRM is contacted.
 */
@Singleton
class RedirectUris {

    private static final String FIELD = "redirectUri";

    private final List<URI> allowed;

    RedirectUris(SignInConfig config) {
        this.allowed = config.redirectUris().orElse(List.of()).stream().map(entry -> {
            URI uri = parse(entry);
            if (uri == null) {
                throw new IllegalStateException("callpop.sign-in.redirect-uris: '" + entry + "' is not an absolute URI without user info or fragment");
            }
            return uri;
        }).toList();
    }

    /**
     * @param redirectUri the client's redirect URI
     * @return it, parsed
     * @throws ProblemException 400 {@code redirect-uri-not-allowed} when it is not one the operator allowed
     */
    URI checked(String redirectUri) {
        URI uri = parse(redirectUri);
        if (uri == null || allowed.stream().noneMatch(entry -> covers(entry, uri))) {
            throw new ProblemException(ProblemKind.REDIRECT_URI_NOT_ALLOWED, FIELD, FIELD + " is not one this callpop allows"
                    + (allowed.isEmpty() ? ": none is configured (callpop.sign-in.redirect-uris)." : "; it allows " + allowed + " and paths under them."));
        }
        return uri;
    }

    private static boolean covers(URI entry, URI uri) {
        String entryPath = entry.getRawPath() == null || entry.getRawPath().isEmpty() ? "/" : entry.getRawPath();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return entry.getScheme().equalsIgnoreCase(uri.getScheme())
                && Objects.equals(lower(entry.getHost()), lower(uri.getHost()))
                && entry.getPort() == uri.getPort()
                && (path.equals(entryPath) || (entryPath.endsWith("/") && path.startsWith(entryPath)));
    }

    private static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    /** An absolute, hierarchical URI with a host, no user info, no fragment and no dot segments; else {@code null}. */
    private static URI parse(String value) {
        try {
            URI uri = new URI(value);
            boolean dotSegments = uri.getRawPath() != null && !uri.getRawPath().equals(uri.normalize().getRawPath());
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null || dotSegments) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

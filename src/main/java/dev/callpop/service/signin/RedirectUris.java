package dev.callpop.service.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;

/**
 * The operator's allow-list of sign-in redirect URIs ({@code callpop.sign-in.redirect-uris}): the one rule
 * for where a CRM may send the browser back with a code. Checked before any CRM is contacted.
 */
@Singleton
class RedirectUris {

    private static final Logger LOG = Logger.getLogger(RedirectUris.class);
    private static final String FIELD = "redirectUri";
    /** A percent-encoded dot, slash or backslash, or a backslash: path separators a browser may act on after decoding. */
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%2[eEfF]|%5[cC]|\\\\");

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
            // The allow-list is the operator's business, not the client's: it goes to the log only.
            LOG.debugf("A sign-in named a redirect URI outside callpop.sign-in.redirect-uris %s", allowed);
            throw new ProblemException(ProblemKind.REDIRECT_URI_NOT_ALLOWED, FIELD, FIELD + " is not one this callpop allows"
                    + (allowed.isEmpty() ? ": none is configured (callpop.sign-in.redirect-uris)." : ": ask the operator which are."));
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

    /**
     * An absolute, hierarchical URI with a host, no user info, no fragment, no dot segments and no encoded dot, slash or
     * backslash in its path (browsers resolve {@code /demo/%2e%2e/evil} to {@code /evil}); else {@code null}.
     */
    private static URI parse(String value) {
        try {
            URI uri = new URI(value);
            boolean dotSegments = uri.getRawPath() != null && !uri.getRawPath().equals(uri.normalize().getRawPath());
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null || dotSegments || ENCODED_SEPARATOR.matcher(uri.getRawPath()).find()) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

package dev.callpop.service.signin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Signing users in to their CRMs through callpop: {@code callpop.sign-in.*}. */
@ConfigMapping(prefix = "callpop.sign-in")
public interface SignInConfig {

    /**
     * Whether the sign-in endpoints serve the CRMs whose adapters can sign users in. Off, every CRM answers
     * 404 {@code sign-in-unsupported}.
     *
     * @return whether sign-in is on
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The keys that sign the sign-in {@code state}: secrets of at least 32 characters, the same on every
     * replica (a Kubernetes Secret, {@code CALLPOP_SIGN_IN_STATE_KEYS}). The first signs; every key verifies,
     * so a new key can be put first while states signed with the old one finish. Required in the prod
     * profile while sign-in is on; elsewhere a key made up at start-up is used when none is set, which
     * only this process accepts. Never logged.
     *
     * @return the keys, newest first
     */
    Optional<List<String>> stateKeys();

    /**
     * How long a sign-in may take, from its start to its completion: the {@code state}'s lifetime.
     *
     * @return the lifetime
     */
    @WithDefault("10M")
    Duration stateLifetime();

    /**
     * The redirect URIs a sign-in may name: each entry is an absolute URI, and a redirect URI is allowed when
     * it has the entry's scheme, host and port and its path is the entry's or under it (an entry ending in
     * {@code /}), for example {@code chrome-extension://abcdefghijklmnopabcdefghijklmnop/} or
     * {@code https://softphone.example.com/oauth/}. None: every sign-in is refused.
     *
     * @return the allowed redirect URIs
     */
    Optional<List<String>> redirectUris();

    /**
     * Origins besides the CRM's own hosts where a CRM's authorization page may be, each {@code scheme://host[:port]}
     * (for example a CRM whose OAuth server has a domain of its own, or a fake OAuth server in tests). Every
     * authorization page callpop answers is https on one of the CRM's hosts, a page of callpop itself (a path,
     * such as the sample CRM's stand-in page), or on one of these origins; any other is refused (503) and never
     * answered.
     *
     * @return the extra origins
     */
    Optional<List<String>> authorizationOrigins();
}

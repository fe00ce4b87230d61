package dev.callpop.service.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may use callpop: {@code callpop.security.*}. The token itself is verified by Quarkus OIDC
 * ({@code quarkus.oidc.*}: issuer, audience, keys).
 */
@ConfigMapping(prefix = "callpop.security")
public interface SecurityConfig {

    /**
     * The role (from the token's {@code groups} claim, or wherever {@code quarkus.oidc.roles.role-claim-path}
     * points, such as {@code scope}) a telephony client needs to list CRMs and send events.
     *
     * @return the client role
     */
    @WithDefault("callpop")
    String clientRole();

    /**
     * The role an operator needs for what reveals callpop's configuration ({@code /api/v1/admin/*}).
     *
     * @return the admin role
     */
    @WithDefault("callpop-admin")
    String adminRole();

    /**
     * The token claim listing the CRM hosts an organisation owns (a JSON array of host names or
     * {@code *.domain} patterns, or one such string). When a token carries it, events for any other
     * hostname are refused with 403. Tokens without it may use every host of every CRM.
     *
     * @return the claim name
     */
    @WithDefault("crm_hosts")
    String tenantHostsClaim();

    /**
     * Bearer tokens already verified, kept until they expire so that their signature is checked once
     * (see {@link VerifiedTokens}).
     *
     * @return the cache's settings
     */
    VerifiedTokenCache verifiedTokenCache();

    /** {@code callpop.security.verified-token-cache.*} */
    interface VerifiedTokenCache {

        /**
         * @return how many verified tokens are kept, about 1 KiB each; {@code 0} verifies every request's token
         */
        @WithDefault("10000")
        int size();

        /**
         * The longest a verified token is kept, even when it expires later: also how long a token signed by
         * a key the issuer has withdrawn may still be accepted.
         *
         * @return the maximum age of an entry
         */
        @WithDefault("5M")
        Duration maxAge();
    }
}

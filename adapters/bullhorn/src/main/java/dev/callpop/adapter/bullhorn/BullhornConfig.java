package dev.callpop.adapter.bullhorn;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Bullhorn adapter's own settings: {@code callpop.bullhorn.*}. */
@ConfigMapping(prefix = "callpop.bullhorn")
public interface BullhornConfig {

    /**
     * What a user's REST URL (the {@code restUrl} Bullhorn's REST login returns with the BhRestToken, sent
     * by the client in {@code X-CRM-Api-Url}) must look like, as a regular expression over the whole URL.
     * callpop calls no other URL with a user's token. Change it only for a proxy, or a fake Bullhorn in tests.
     *
     * @return the pattern
     */
    @WithDefault("https://rest[a-z0-9-]*[.]bullhornstaffing[.]com/rest-services/[A-Za-z0-9]+/")
    String restUrlPattern();

    /**
     * How many records of each entity one look-up asks Bullhorn for.
     *
     * @return the limit
     */
    @WithDefault("10")
    int searchLimit();

    /**
     * The client id of callpop's Bullhorn OAuth app, used to sign users in.
     *
     * @return the client id, if configured
     */
    Optional<String> clientId();

    /**
     * The client secret of callpop's Bullhorn OAuth app. A secret: set it from a secret store
     * ({@code CALLPOP_BULLHORN_CLIENT_SECRET}), never in a committed file. Never logged.
     *
     * @return the client secret, if configured
     */
    Optional<String> clientSecret();
}

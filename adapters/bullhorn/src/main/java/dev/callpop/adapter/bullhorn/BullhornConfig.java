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
     * What the user's OAuth server and pre-login REST URL (the {@code oauthUrl} and {@code restUrl} of Bullhorn's
     * {@code loginInfo} answer) must look like, as a regular expression over the whole URL. callpop sends the
     * app's client secret to the one and the user's access token to the other, so it refuses a sign-in whose
     * {@code loginInfo} names any other URL. The default allows https on Bullhorn's own hosts only, with no user
     * and no port. Change it only for a proxy, or a fake Bullhorn in tests.
     *
     * @return the pattern
     */
    @WithDefault("https://[a-z0-9-]+[.]bullhornstaffing[.]com(/.*)?")
    String signInUrlPattern();

    /**
     * How many records of each entity one look-up asks Bullhorn for.
     *
     * @return the limit
     */
    @WithDefault("10")
    int searchLimit();

    /**
     * The {@code action} of the Note callpop writes for a call: one of the Note actions the agency defined in
     * Bullhorn (its "Note Actions" list), which Bullhorn shows as the note's type and agencies report on. The
     * default is {@code Call}, the action most agencies keep for phone calls; set the agency's own word where it
     * differs (RingCentral App Connect's agencies choose theirs too).
     *
     * @return the Note action
     */
    @WithDefault("Call")
    String noteAction();

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

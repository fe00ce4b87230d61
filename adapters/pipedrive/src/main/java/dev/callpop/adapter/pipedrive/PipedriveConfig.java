package dev.callpop.adapter.pipedrive;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Pipedrive adapter's own settings: {@code callpop.pipedrive.*}. */
@ConfigMapping(prefix = "callpop.pipedrive")
public interface PipedriveConfig {

    /**
     * The Pipedrive API's base URL for a company; {@code {hostname}} is the company's host. Change it only
     * to reach Pipedrive through a proxy, or a fake Pipedrive in tests.
     *
     * @return the URL template
     */
    @WithDefault("https://{hostname}")
    String apiUrl();

    /**
     * Pipedrive's OAuth authorization page, where a sign-in sends the user. Change it only for a fake
     * Pipedrive in tests.
     *
     * @return the page's URL
     */
    @WithDefault("https://oauth.pipedrive.com/oauth/authorize")
    String authorizationUrl();

    /**
     * The client id of callpop's Pipedrive OAuth app, used to sign users in and to revoke a user's tokens at logout.
     *
     * @return the client id, if configured
     */
    Optional<String> clientId();

    /**
     * The client secret of callpop's Pipedrive OAuth app. A secret: set it from a secret store
     * ({@code CALLPOP_PIPEDRIVE_CLIENT_SECRET}), never in a committed file. Never logged.
     *
     * @return the client secret, if configured
     */
    Optional<String> clientSecret();

    /**
     * How many persons one look-up asks Pipedrive for.
     *
     * @return the limit
     */
    @WithDefault("10")
    int searchLimit();
}

package dev.callpop.adapter.sample;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sample CRM's own settings: {@code callpop.sample.*}. An adapter's keys live under its own prefix. */
@ConfigMapping(prefix = "callpop.sample")
public interface SampleConfig {

    /**
     * The sample CRM's authorization page, where a sign-in sends the user. The sample CRM has no server: in
     * the local, dev and test profiles this is callpop's own stand-in page ({@code /demo/sample-crm/authorize}).
     *
     * @return the page's URL
     */
    @WithDefault("https://crm.example.com/oauth/authorize")
    String authorizationUrl();
}

package dev.callpop.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithName;

/**
 * How the operator tunes each CRM adapter: {@code callpop.crms."<id>".*}, where {@code <id>} is the
 * adapter's id ({@code sample}, {@code pipedrive}, {@code bullhorn}, …). A key naming no adapter stops
 * the start, so a typo never goes unnoticed.
 */
@ConfigMapping(prefix = "callpop")
public interface CrmsConfig {

    /**
     * Settings per CRM, keyed by adapter id. A CRM with no settings gets the defaults below.
     *
     * @return the settings per CRM id
     */
    @WithDefaults
    @WithName("crms")
    Map<String, CrmSettings> crms();

    /** The settings of one CRM. */
    interface CrmSettings {

        /**
         * Whether callpop serves this CRM. A disabled CRM is not listed and its endpoints answer 404.
         *
         * @return true to serve the CRM
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The hostname used when a client sends none, for example {@code acme.pipedrive.com} for a
         * deployment serving one Pipedrive company. Defaults to the adapter's own default host, if it has
         * one (the sample CRM's is {@code crm.example.com}). Must be one of the CRM's hosts.
         *
         * @return the default hostname
         */
        Optional<String> defaultHostname();

        /**
         * Whether the open-log-page event opens the CRM's log page. When false, the contact's page is
         * opened instead (as RingCentral App Connect does). Defaults to the adapter's own choice
         * (Pipedrive: false, Bullhorn and the sample CRM: true).
         *
         * @return whether log pages are opened
         */
        Optional<Boolean> canOpenLogPage();

        /**
         * More hosts this CRM may be reached at, besides the adapter's own (for example a CRM's
         * vanity domain or a test instance): exact hostnames, or {@code *.example.com} for one label
         * under a domain. Every URL callpop answers with is {@code https} on the CRM's hosts or these.
         *
         * @return the extra host patterns
         */
        Optional<List<String>> allowedHosts();
    }
}

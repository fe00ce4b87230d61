package dev.callpop.service.crm.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * CRMs defined by URL templates alone: {@code callpop.template-crms."<id>".*}. Each appears in the CRM list
 * and serves call-received and open-log-page like a coded adapter; the common {@code callpop.crms."<id>".*}
 * settings apply to it too. A bad template stops the start, naming the setting.
 */
@ConfigMapping(prefix = "callpop.template-crms")
public interface TemplateCrmsConfig {

    /**
     * The template CRMs, keyed by id (a lowercase slug).
     *
     * @return the definitions
     */
    @WithParentName
    Map<String, TemplateCrm> crms();

    /** One template CRM. */
    interface TemplateCrm {

        /**
         * The CRM's name for users.
         *
         * @return the name
         */
        String displayName();

        /**
         * The CRM's hosts: exact names, or {@code *.example.com} for one label under a domain.
         *
         * @return the host patterns
         */
        List<String> hostPatterns();

        /**
         * The hostname used when the client sends none.
         *
         * @return the hostname
         */
        Optional<String> defaultHostname();

        /**
         * The contact page: an https URL template with {@code {hostname}} and {@code {contactId}}, and
         * optionally {@code {contactType}} and {@code {phone}}.
         *
         * @return the template
         */
        String contactPageUrl();

        /**
         * The call-log page: an https URL template with {@code {hostname}} and {@code {logId}}, and
         * optionally {@code {contactId}} and {@code {contactType}}.
         *
         * @return the template
         */
        Optional<String> logPageUrl();

        /**
         * Whether open-log-page opens the log page by default (else the contact's page). Defaults to
         * whether a log page template is set.
         *
         * @return whether log pages open
         */
        Optional<Boolean> canOpenLogPage();

        /**
         * The contact types, for CRMs with several: each {@code value} or {@code value=Display name}, for
         * example {@code lead=Lead,contact=Contact}. The value is what {@code {contactType}} becomes.
         *
         * @return the contact types
         */
        Optional<List<String>> contactTypes();

        /**
         * The page for callers nobody knows: an https URL template with {@code {hostname}} and
         * {@code {phone}} (E.164). A template CRM cannot look callers up, so a call with only a number
         * opens this page (with the default {@code on-no-match=new-contact-page}).
         *
         * @return the template
         */
        Optional<String> noMatchUrl();

        /**
         * Where pages open: {@code tab} or {@code popup}.
         *
         * @return the target
         */
        @WithDefault("tab")
        dev.callpop.spi.OpenUrl.Target opensIn();
    }
}

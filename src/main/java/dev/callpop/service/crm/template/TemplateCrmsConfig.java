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
         * The CRM's hosts: exact names, {@code *.example.com} for one label under a domain, or
         * {@code **.example.com} for the domain and any name under it.
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
         * optionally {@code {contactType}} and {@code {phone}}. A CRM without one serves open-log-page only.
         *
         * @return the template
         */
        Optional<String> contactPageUrl();

        /**
         * The page a call-received opens for a contact the client knows, when it is not the contact
         * page (App Connect's {@code callPopUrl}): an https URL template with {@code {contactId}}.
         *
         * @return the template
         */
        Optional<String> callPopUrl();

        /**
         * The call-log page: an https URL template with {@code {hostname}} and {@code {logId}} or
         * {@code {contactId}} (a CRM whose log page is the contact's history), and optionally
         * {@code {contactType}}.
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
         * optionally {@code {phone}} (E.164). A template CRM cannot look callers up, so a call with only a number
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

        /**
         * Names of the user's own CRM settings the templates use as placeholders (a board or workspace id,
         * for example {@code contactBoardId} for {@code {contactBoardId}}): the client sends their values
         * in an event's {@code userSettings}.
         *
         * @return the names
         */
        Optional<List<String>> userSettings();
    }
}

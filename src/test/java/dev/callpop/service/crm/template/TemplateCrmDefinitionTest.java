package dev.callpop.service.crm.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.spi.ContactType;
import dev.callpop.spi.OpenUrl;

/** What stops a template CRM from being served, and the setting each message names. */
class TemplateCrmDefinitionTest {

    /** RingCentral App Connect's sample manifest, copied from the project's shared fixtures. */
    static final String FIXTURE = "src/test/resources/appconnect-manifest-sample.json";

    private static TemplateCrmAdapter.Definition definition(String contactPage, Optional<String> logPage, boolean canOpenLogPage,
                                                             List<ContactType> types, List<String> hosts) {
        return new TemplateCrmAdapter.Definition("callpop.template-crms.acmecrm", "Acme CRM", hosts, Optional.empty(),
                Optional.of(contactPage), Optional.empty(), logPage, canOpenLogPage, types, Optional.empty(), OpenUrl.Target.TAB, Set.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown placeholder | https://{hostname}/c/{contactId}?u={userId} | callpop.template-crms.acmecrm.contact-page-url has the unknown placeholder(s) [userId]",
            "not https | http://{hostname}/c/{contactId} | callpop.template-crms.acmecrm.contact-page-url must be an https URL",
            "another host | https://cdn.example.com/c/{contactId} | callpop.template-crms.acmecrm.contact-page-url must point at one of the CRM's hosts",
            "a port | https://{hostname}:8443/c/{contactId} | callpop.template-crms.acmecrm.contact-page-url must point at one of the CRM's hosts",
            "no contact id | https://{hostname}/c/ | callpop.template-crms.acmecrm.contact-page-url must contain {contactId}",
            "a type without types | https://{hostname}/{contactType}/{contactId} | uses {contactType}, but the CRM defines no contact types",
            "not a URL | https://{hostname/c/{contactId} | callpop.template-crms.acmecrm.contact-page-url"})
    void aBadContactTemplateIsRefusedNamingTheSetting(String name, String template, String message) {
        assertThatThrownBy(() -> TemplateCrmAdapter.define("acmecrm", definition(template, Optional.empty(), false, List.of(), List.of("*.acme.test"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aLogTemplateWithNeitherTheLogIdNorTheContactIdIsRefused() {
        assertThatThrownBy(() -> TemplateCrmAdapter.define("acmecrm", definition("https://{hostname}/c/{contactId}",
                Optional.of("https://{hostname}/logs/"), true, List.of(), List.of("*.acme.test"))))
                .hasMessageContaining("callpop.template-crms.acmecrm.log-page-url must contain {logId} or {contactId}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a standard placeholder | contactId", "a dash | board-id", "a leading digit | 9board", "a space | board id"})
    void aUserSettingThatCannotBeAPlaceholderIsRefused(String name, String setting) {
        TemplateCrmAdapter.Definition definition = new TemplateCrmAdapter.Definition("callpop.template-crms.acmecrm", "Acme CRM",
                List.of("*.acme.test"), Optional.empty(), Optional.of("https://{hostname}/c/{contactId}"), Optional.empty(), Optional.empty(),
                false, List.of(), Optional.empty(), OpenUrl.Target.TAB, Set.of(setting));
        assertThatThrownBy(() -> TemplateCrmAdapter.define("acmecrm", definition))
                .hasMessageContaining("callpop.template-crms.acmecrm.user-settings: '" + setting + "' is not a setting name");
    }

    @Test
    void aCrmWithNeitherPageIsRefused() {
        TemplateCrmAdapter.Definition definition = new TemplateCrmAdapter.Definition("callpop.template-crms.acmecrm", "Acme CRM",
                List.of("*.acme.test"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, List.of(), Optional.empty(), OpenUrl.Target.TAB, Set.of());
        assertThatThrownBy(() -> TemplateCrmAdapter.define("acmecrm", definition))
                .hasMessageContaining("callpop.template-crms.acmecrm has neither a contact-page-url nor a log-page-url");
    }

    @Test
    void logPagesOnWithoutALogTemplateAreRefused() {
        assertThatThrownBy(() -> TemplateCrmAdapter.define("acmecrm", definition("https://{hostname}/c/{contactId}",
                Optional.empty(), true, List.of(), List.of("*.acme.test"))))
                .hasMessageContaining("callpop.template-crms.acmecrm.log-page-url is missing");
    }

    @Test
    void aMalformedHostPatternIsRefused() {
        assertThatThrownBy(() -> TemplateCrmAdapter.define("acmecrm", definition("https://{hostname}/c/{contactId}",
                Optional.empty(), false, List.of(), List.of("https://acme.test"))))
                .hasMessageContaining("callpop.template-crms.acmecrm.host-patterns");
    }

    @Test
    void aLiteralHostOnTheCrmsPatternsIsAccepted() {
        assertThat(TemplateCrmAdapter.define("acmecrm", definition("https://app.acme.test/c/{contactId}", Optional.empty(), false,
                List.of(), List.of("app.acme.test"))).id()).isEqualTo("acmecrm");
    }

    @Test
    void manifestPlatformsCallpopCannotServeAreListedWithTheReason() {
        List<AppConnectManifest.Platform> platforms = AppConnectManifest.read(new ObjectMapper(), "src/test/resources/appconnect-manifest-unservable.json");
        assertThat(platforms).extracting(AppConnectManifest.Platform::name)
                .containsExactly("clio", "9lives", "plainhttp", "elsewhere", "oddplaceholder", "fine");
        assertThat(platforms.get(0).skipped()).contains("neither a contactPageUrl nor a logPageUrl");
        assertThat(platforms.get(1).skipped()).contains("makes no CRM id");
        assertThat(platforms.get(2).skipped()).contains("must be an https URL");
        assertThat(platforms.get(3).skipped()).contains("must point at one of the CRM's hosts");
        assertThat(platforms.get(4).skipped()).contains("unknown placeholder");
        assertThat(platforms.get(5).skipped()).isNull();
        assertThat(platforms.get(5).adapter().description().displayName()).isEqualTo("Fine CRM");
    }

    @Test
    void aManifestThatCannotBeReadStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> AppConnectManifest.read(new ObjectMapper(), "no/such/manifest.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callpop.appconnect.manifest");
        assertThatThrownBy(() -> AppConnectManifest.read(new ObjectMapper(), "pom.xml"))
                .hasMessageContaining("callpop.appconnect.manifest");
    }

    @Test
    void theSampleManifestGivesEveryPlatformWithTemplates() {
        assertThat(AppConnectManifest.read(new ObjectMapper(), FIXTURE))
                .allMatch(platform -> platform.skipped() == null)
                .extracting(AppConnectManifest.Platform::name).containsExactly("pipedrive", "insightly", "redtail");
    }
}

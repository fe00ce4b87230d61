package dev.callpop.service.crm.template;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.service.crm.Placeholder;
import dev.callpop.service.crm.UrlTemplate;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;

/**
 * A CRM whose pages are plain URL templates, defined in settings ({@code callpop.template-crms."<id>".*})
 * or imported from a RingCentral App Connect manifest; no Java needed. Placeholders are filled with
 * JAX-RS {@code UriBuilder}, which encodes each value for the part of the URL it lands in.
 */
final class TemplateCrmAdapter implements CrmAdapter {


    private final String id;
    private final Definition definition;
    private final CrmDescription description;

    /** The placeholders every template may use; user settings add their own names. */
    /**
     * What defines a template CRM.
     *
     * @param source          where it was defined, for messages: a settings prefix or a manifest entry
     * @param displayName     the CRM's name for users
     * @param hostPatterns    its hosts, as {@link HostPattern}s
     * @param defaultHostname the host used when the client sends none
     * @param contactPageUrl  the contact page template; needs {@code {contactId}}; empty for a CRM with only log pages
     * @param callPopUrl      the page a call-received opens for a known contact, when not the contact page; needs {@code {contactId}}
     * @param logPageUrl      the log page template; needs {@code {logId}} or {@code {contactId}}
     * @param canOpenLogPage  whether log pages open by default
     * @param contactTypes    the contact types, if several
     * @param noMatchUrl      the page for callers nobody knows (the CRM cannot look them up)
     * @param target          where pages open
     * @param userSettings    names of the user's own settings the templates may use as placeholders
     */
    record Definition(String source, String displayName, List<String> hostPatterns, Optional<String> defaultHostname,
                      Optional<String> contactPageUrl, Optional<String> callPopUrl, Optional<String> logPageUrl, boolean canOpenLogPage,
                      List<ContactType> contactTypes, Optional<String> noMatchUrl, OpenUrl.Target target, Set<String> userSettings) {

        /** Copies the lists. */
        Definition {
            hostPatterns = List.copyOf(hostPatterns);
            contactTypes = List.copyOf(contactTypes);
            userSettings = Set.copyOf(userSettings);
        }
    }

    private TemplateCrmAdapter(String id, Definition definition) {
        this.id = id;
        this.definition = definition;
        this.description = new CrmDescription(definition.displayName(), definition.hostPatterns(), definition.defaultHostname(),
                definition.canOpenLogPage(), false, definition.contactTypes());
    }

    /**
     * Checks a definition and makes the adapter.
     *
     * @param id         the CRM id
     * @param definition the definition
     * @return the adapter
     * @throws IllegalArgumentException naming the setting at fault: an unknown placeholder, a URL that is
     *                                  not https or not on the CRM's hosts, a missing required placeholder
     */
    static TemplateCrmAdapter define(String id, Definition definition) {
        String source = definition.source();
        if (definition.displayName() == null || definition.displayName().isBlank()) {
            throw new IllegalArgumentException(source + ".display-name is missing");
        }
        if (definition.hostPatterns().isEmpty()) {
            throw new IllegalArgumentException(source + ".host-patterns is missing");
        }
        if (definition.contactPageUrl().isEmpty() && definition.logPageUrl().isEmpty()) {
            throw new IllegalArgumentException(source + " has neither a contact-page-url nor a log-page-url");
        }
        definition.userSettings().forEach(name -> {
            if (!Placeholder.isUserSettingName(name)) {
                throw new IllegalArgumentException(source + ".user-settings: '" + name + "' is not a setting name callpop accepts"
                        + " (a letter, then up to 63 letters, digits or '_', and none of " + List.of(Placeholder.values()) + ")");
            }
        });
        List<HostPattern> hosts = definition.hostPatterns().stream().map(pattern -> {
            try {
                return HostPattern.parse(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ".host-patterns: " + e.getMessage(), e);
            }
        }).toList();
        String sampleHost = definition.defaultHostname().orElse(hosts.get(0).example());
        if (hosts.stream().noneMatch(pattern -> pattern.matches(sampleHost))) {
            throw new IllegalArgumentException(source + ".default-hostname '" + sampleHost + "' is not one of the CRM's hosts " + hosts);
        }
        definition.contactPageUrl().ifPresent(url -> check(source + ".contact-page-url", url, List.of(Placeholder.CONTACT_ID), definition, hosts, sampleHost));
        definition.callPopUrl().ifPresent(url -> check(source + ".call-pop-url", url, List.of(Placeholder.CONTACT_ID), definition, hosts, sampleHost));
        definition.logPageUrl().ifPresent(url -> check(source + ".log-page-url", url, List.of(Placeholder.LOG_ID, Placeholder.CONTACT_ID), definition, hosts, sampleHost));
        definition.noMatchUrl().ifPresent(url -> check(source + ".no-match-url", url, List.of(), definition, hosts, sampleHost));
        if (definition.canOpenLogPage() && definition.logPageUrl().isEmpty()) {
            throw new IllegalArgumentException(source + ".can-open-log-page is true but " + source + ".log-page-url is missing");
        }
        return new TemplateCrmAdapter(id, definition);
    }

    /** Checks a template by filling it with samples; it must use one of {@code needsOneOf} (if any). */
    private static void check(String key, String template, List<Placeholder> needsOneOf, Definition definition, List<HostPattern> hosts, String sampleHost) {
        if (UrlTemplate.placeholders(template).contains(Placeholder.CONTACT_TYPE.key()) && definition.contactTypes().isEmpty()) {
            throw new IllegalArgumentException(key + " uses " + Placeholder.CONTACT_TYPE + ", but the CRM defines no contact types");
        }
        Map<String, String> sample = new HashMap<>(Map.of(Placeholder.HOSTNAME.key(), sampleHost, Placeholder.CONTACT_ID.key(), "1001",
                Placeholder.CONTACT_TYPE.key(), definition.contactTypes().isEmpty() ? "contact" : definition.contactTypes().get(0).value(),
                Placeholder.LOG_ID.key(), "2002", Placeholder.PHONE.key(), UrlTemplate.SAMPLE_PHONE));
        definition.userSettings().forEach(name -> sample.put(name, "sample-" + name));
        UrlTemplate.check(key, template, sample, needsOneOf, hosts);
    }

    /** @return where this CRM was defined: a settings prefix or a manifest entry */
    String source() {
        return definition.source();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CrmDescription description() {
        return description;
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return page(definition.contactPageUrl().orElseThrow(this::noContactPage), context, contactValues(contact));
    }

    /** A known contact opens the call-pop page where the definition has one (App Connect's {@code callPopUrl}). */
    @Override
    public OpenUrl callPopPage(Contact contact, CrmContext context) {
        if (definition.contactPageUrl().isPresent() && definition.callPopUrl().isPresent()) {
            return page(definition.callPopUrl().get(), context, contactValues(contact));
        }
        return contactPage(contact, context);
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return definition.logPageUrl().map(template -> {
            Map<String, String> values = event.contact() == null ? new HashMap<>() : contactValues(event.contact());
            values.put(Placeholder.LOG_ID.key(), event.logId());
            return page(template, context, values);
        });
    }

    @Override
    public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
        if (definition.contactPageUrl().isEmpty()) {
            throw noContactPage(); // a log-only platform: a call from a number has nothing to open either
        }
        return definition.noMatchUrl().map(template -> page(template, context, new HashMap<>(Map.of(Placeholder.PHONE.key(), phone.e164()))));
    }

    private CrmInputException noContactPage() {
        return new CrmInputException("contact-page-unavailable", "contact.id", description.displayName()
                + " has no contact page in its definition, only a log page: callpop serves open-log-page for it, not call-received.");
    }

    private static Map<String, String> contactValues(Contact contact) {
        Map<String, String> values = new HashMap<>();
        if (contact.id() != null) {
            values.put(Placeholder.CONTACT_ID.key(), contact.id());
        }
        if (contact.type() != null) {
            values.put(Placeholder.CONTACT_TYPE.key(), contact.type().value());
        }
        if (contact.phone() != null) {
            values.put(Placeholder.PHONE.key(), contact.phone());
        }
        return values;
    }

    /** Fills a template; a value it needs that the client did not send is the client's to send (a 4xx naming it). */
    private OpenUrl page(String template, CrmContext context, Map<String, String> values) {
        definition.userSettings().forEach(name -> {
            String value = context.userSettings().get(name);
            if (value != null) {
                values.put(name, value);
            }
        });
        values.put(Placeholder.HOSTNAME.key(), context.hostname());
        Set<String> missing = new LinkedHashSet<>(UrlTemplate.placeholders(template));
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            List<String> fields = missing.stream().map(TemplateCrmAdapter::requestField).toList();
            throw new CrmInputException("missing-template-value", fields.get(0), description.displayName() + "'s page needs "
                    + missing.stream().map(name -> "{" + name + "}").toList() + ": send " + String.join(" and ", fields) + ".");
        }
        return new OpenUrl(UriBuilder.fromUri(template).buildFromMap(values), definition.target());
    }

    /** The request field that carries a placeholder's value: a standard one's, else the user setting's. */
    private static String requestField(String placeholder) {
        return Placeholder.named(placeholder).map(Placeholder::requestField).orElse("userSettings." + placeholder);
    }
}

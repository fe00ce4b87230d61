package dev.callpop.service.crm.template;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.UriBuilder;

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

    /**
     * What defines a template CRM.
     *
     * @param source          where it was defined, for messages: a settings prefix or a manifest entry
     * @param displayName     the CRM's name for users
     * @param hostPatterns    its hosts ({@code *.} for one label)
     * @param defaultHostname the host used when the client sends none
     * @param contactPageUrl  the contact page template; needs {@code {contactId}}
     * @param logPageUrl      the log page template; needs {@code {logId}}
     * @param canOpenLogPage  whether log pages open by default
     * @param contactTypes    the contact types, if several
     * @param noMatchUrl      the page for callers nobody knows (the CRM cannot look them up), with {@code {phone}}
     * @param target          where pages open
     */
    record Definition(String source, String displayName, List<String> hostPatterns, Optional<String> defaultHostname,
                      String contactPageUrl, Optional<String> logPageUrl, boolean canOpenLogPage,
                      List<ContactType> contactTypes, Optional<String> noMatchUrl, OpenUrl.Target target) {
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
        check(source + ".contact-page-url", definition.contactPageUrl(), "contactId", definition, hosts, sampleHost);
        definition.logPageUrl().ifPresent(url -> check(source + ".log-page-url", url, "logId", definition, hosts, sampleHost));
        definition.noMatchUrl().ifPresent(url -> check(source + ".no-match-url", url, "phone", definition, hosts, sampleHost));
        if (definition.canOpenLogPage() && definition.logPageUrl().isEmpty()) {
            throw new IllegalArgumentException(source + ".can-open-log-page is true but " + source + ".log-page-url is missing");
        }
        return new TemplateCrmAdapter(id, definition);
    }

    private static void check(String key, String template, String required, Definition definition, List<HostPattern> hosts, String sampleHost) {
        if (UrlTemplate.placeholders(template).contains("contactType") && definition.contactTypes().isEmpty()) {
            throw new IllegalArgumentException(key + " uses {contactType}, but the CRM defines no contact types");
        }
        UrlTemplate.check(key, template, Map.of("hostname", sampleHost, "contactId", "1001",
                "contactType", definition.contactTypes().isEmpty() ? "contact" : definition.contactTypes().get(0).value(),
                "logId", "2002", "phone", UrlTemplate.SAMPLE_PHONE), required, hosts);
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
        Map<String, String> values = new HashMap<>();
        values.put("contactId", contact.id());
        if (contact.type() != null) {
            values.put("contactType", contact.type().value());
        }
        if (contact.phone() != null) {
            values.put("phone", contact.phone());
        }
        return page(definition.contactPageUrl(), context, values);
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return definition.logPageUrl().map(template -> {
            Map<String, String> values = new HashMap<>();
            values.put("logId", event.logId());
            Contact contact = event.contact();
            if (contact != null && contact.id() != null) {
                values.put("contactId", contact.id());
            }
            if (contact != null && contact.type() != null) {
                values.put("contactType", contact.type().value());
            }
            return page(template, context, values);
        });
    }

    @Override
    public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
        return definition.noMatchUrl().map(template -> page(template, context, Map.of("phone", phone.e164())));
    }

    private OpenUrl page(String template, CrmContext context, Map<String, String> values) {
        Set<String> missing = new LinkedHashSet<>(UrlTemplate.placeholders(template));
        missing.remove("hostname");
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            String field = missing.contains("contactType") ? "contact.type" : missing.contains("contactId") ? "contact.id" : "contact.phone";
            throw new CrmInputException("missing-template-value", field, description.displayName() + "'s page needs "
                    + missing.stream().map(name -> "{" + name + "}").toList() + ": send " + field + ".");
        }
        Map<String, String> all = new HashMap<>(values);
        all.put("hostname", context.hostname());
        return new OpenUrl(UriBuilder.fromUri(template).buildFromMap(all), definition.target());
    }
}

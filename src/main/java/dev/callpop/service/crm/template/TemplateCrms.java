package dev.callpop.service.crm.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.crm.CrmDefinitions;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmId;
import dev.callpop.spi.OpenUrl;

/**
 * The template CRMs: those in {@code callpop.template-crms}, then those of the App Connect manifest.
 * A bad template in settings stops the start; a manifest platform callpop cannot serve is skipped and
 * listed in the start-up log with the reason.
 */
@Singleton
class TemplateCrms implements CrmDefinitions {

    private static final Logger LOG = Logger.getLogger(TemplateCrms.class);

    private final List<TemplateCrmAdapter> adapters;

    @Inject
    TemplateCrms(TemplateCrmsConfig settings, AppConnectConfig appConnect, ObjectMapper json) {
        Map<String, TemplateCrmAdapter> byId = new LinkedHashMap<>();
        settings.crms().forEach((id, crm) -> {
            try {
                byId.put(id, TemplateCrmAdapter.define(id, definition("callpop.template-crms." + id, crm)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        appConnect.manifest().ifPresent(path -> {
            for (Platform platform : read(json, path)) {
                if (platform.skipped() != null) {
                    LOG.warnf("App Connect platform '%s' in %s is not served: %s", platform.name(), path, platform.skipped());
                } else if (byId.containsKey(platform.adapter().id())) {
                    LOG.infof("App Connect platform '%s' in %s is not imported: callpop.template-crms.%s defines that CRM",
                            platform.name(), path, platform.adapter().id());
                } else {
                    byId.put(platform.adapter().id(), platform.adapter());
                }
            }
        });
        this.adapters = List.copyOf(byId.values());
    }

    @Override
    public List<Defined> crms() {
        return adapters.stream().map(adapter -> new Defined(adapter, adapter.source())).toList();
    }

    private static TemplateCrmAdapter.Definition definition(String source, TemplateCrmsConfig.TemplateCrm crm) {
        List<ContactType> types = crm.contactTypes().orElse(List.of()).stream().map(entry -> {
            int equals = entry.indexOf('=');
            return equals < 0 ? new ContactType(entry, entry) : new ContactType(entry.substring(0, equals), entry.substring(equals + 1));
        }).toList();
        return new TemplateCrmAdapter.Definition(source, crm.displayName(), crm.hostPatterns(), crm.defaultHostname(),
                crm.contactPageUrl(), crm.logPageUrl(), crm.canOpenLogPage().orElse(crm.logPageUrl().isPresent()), types,
                crm.noMatchUrl(), crm.opensIn());
    }

    /**
     * One platform of a manifest: the adapter made from it, or why none was.
     *
     * @param name    the platform's name in the manifest
     * @param adapter the adapter, or {@code null}
     * @param skipped why the platform is not served, or {@code null}
     */
    record Platform(String name, TemplateCrmAdapter adapter, String skipped) {
    }

    /**
     * Reads an App Connect manifest: {@code platforms.<name>} with {@code urlIdentifier},
     * {@code contactPageUrl}, {@code logPageUrl}, {@code canOpenLogPage}, {@code contactTypes},
     * {@code displayName}.
     *
     * @param json the JSON reader
     * @param path the manifest file
     * @return every platform, served or not
     * @throws IllegalStateException when the file cannot be read or is not a manifest (the start stops)
     */
    static List<Platform> read(ObjectMapper json, String path) {
        JsonNode platforms;
        try {
            platforms = json.readTree(Files.readString(Path.of(path))).path("platforms");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("callpop.appconnect.manifest: cannot read " + path + " as JSON: " + e.getMessage(), e);
        }
        if (!platforms.isObject()) {
            throw new IllegalStateException("callpop.appconnect.manifest: " + path + " has no \"platforms\" object, so it is not an App Connect manifest");
        }
        List<Platform> result = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = platforms.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            result.add(platform(path, entry.getKey(), entry.getValue()));
        }
        return result;
    }

    private static Platform platform(String path, String name, JsonNode node) {
        String id = node.path("name").asText(name);
        if (!CrmId.isValid(id)) {
            return new Platform(name, null, "its name '" + id + "' is not a CRM id (" + CrmId.RULE + ")");
        }
        Optional<String> contactPage = text(node, "contactPageUrl");
        if (contactPage.isEmpty()) {
            return new Platform(name, null, "it has no contactPageUrl template (its pages need App Connect's own code)");
        }
        Optional<String> urlIdentifier = text(node, "urlIdentifier");
        if (urlIdentifier.isEmpty()) {
            return new Platform(name, null, "it has no urlIdentifier, so its hosts are unknown");
        }
        List<ContactType> types = new ArrayList<>();
        for (JsonNode type : node.path("contactTypes")) {
            String value = type.path("value").asText(type.path("display").asText(""));
            if (!value.isEmpty()) {
                types.add(new ContactType(value, type.path("display").asText(value)));
            }
        }
        Optional<String> logPage = text(node, "logPageUrl");
        TemplateCrmAdapter.Definition definition = new TemplateCrmAdapter.Definition(
                "App Connect manifest " + path + ", platforms." + name, node.path("displayName").asText(id),
                List.of(urlIdentifier.get()), Optional.empty(), contactPage.get(), logPage,
                node.path("canOpenLogPage").asBoolean(false) && logPage.isPresent(), types, Optional.empty(), OpenUrl.Target.TAB);
        try {
            return new Platform(name, TemplateCrmAdapter.define(id, definition), null);
        } catch (IllegalArgumentException e) {
            return new Platform(name, null, e.getMessage());
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }
}

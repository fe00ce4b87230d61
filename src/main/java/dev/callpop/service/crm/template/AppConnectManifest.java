package dev.callpop.service.crm.template;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.crm.Placeholder;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmId;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.OpenUrl;

/**
 * A RingCentral App Connect manifest, read the way App Connect's own client reads it, each platform
 * becoming a template CRM. What is read, field by field (the README's manifest section says the same):
 * <ul>
 * <li>the platform's key becomes its CRM id, lowercased with {@code -} between words ({@link #crmId});</li>
 * <li>{@code urlIdentifier} (and a {@code dynamic} environment's own) becomes the host allow-list ({@link #hostsOf});</li>
 * <li>{@code environment}: {@code fixed} makes its {@code url}'s host the default hostname; {@code selectable}
 * allows each selection's host and makes the first the default; {@code dynamic} leaves the hostname to the client;</li>
 * <li>{@code contactPageUrl}, {@code callPopUrl}, {@code logPageUrl}, {@code canOpenLogPage},
 * {@code fallbackContactPageUrl} when {@code enableFallbackContactPageUrl} is true, {@code displayName};</li>
 * <li>{@code contactTypes}, as {@code {display, value}} objects or as plain strings;</li>
 * <li>the ids of {@code settings} (and of their {@code items}): placeholders the client fills from the user's settings.</li>
 * </ul>
 */
final class AppConnectManifest {

    private static final Pattern PLATFORM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_. -]*");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern NOT_ID = Pattern.compile("[^a-z0-9]+");

    private AppConnectManifest() {
    }

    /**
     * One platform of a manifest: the adapter made from it, or why none was.
     *
     * @param name    the platform's key in the manifest
     * @param adapter the adapter, or {@code null}
     * @param skipped why the platform is not served, or {@code null}
     */
    record Platform(String name, TemplateCrmAdapter adapter, String skipped) {
    }

    /**
     * Reads a manifest file.
     *
     * @param json the JSON reader
     * @param path the manifest file
     * @return every platform, served or not, in the manifest's order
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
        Set<String> ids = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = platforms.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Platform platform = platform("App Connect manifest " + path + ", platforms." + entry.getKey(), entry.getKey(), entry.getValue());
            if (platform.adapter() != null && !ids.add(platform.adapter().id())) {
                platform = new Platform(platform.name(), null, "its CRM id '" + platform.adapter().id() + "' is that of an earlier platform");
            }
            result.add(platform);
        }
        return result;
    }

    /**
     * The CRM id of a platform: its key, with {@code -} before each capital that follows a lowercase letter or
     * digit and for each run of other characters, lowercased ({@code googleSheets} is {@code google-sheets},
     * {@code ringcentral_labs.dominion} is {@code ringcentral-labs-dominion}).
     *
     * @param name the platform's key
     * @return the id, or empty when the key makes none ({@link CrmId})
     */
    static Optional<String> crmId(String name) {
        if (!PLATFORM_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String words = WORD_BOUNDARY.matcher(name).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
        String id = NOT_ID.matcher(words).replaceAll("-").replaceAll("^-|-$", "");
        return CrmId.isValid(id) ? Optional.of(id) : Optional.empty();
    }

    /**
     * The host allow-list a {@code urlIdentifier} stands for. App Connect matches it against the CRM tab's
     * whole URL, {@code *} standing for anything; callpop keeps only the host and reads it label-safely: a
     * leading {@code *} or {@code *.} means the domain and any name under it ({@code **.}), a path and a
     * trailing {@code *} are ignored, and a {@code *} anywhere else is refused.
     *
     * @param urlIdentifier the manifest's pattern
     * @return the host pattern
     * @throws IllegalArgumentException saying why no host pattern can be made
     */
    static HostPattern hostsOf(String urlIdentifier) {
        String host = urlIdentifier.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        host = (slash < 0 ? host : host.substring(0, slash)).replaceFirst("\\*+$", "");
        boolean andBelow = host.startsWith("*");
        host = host.replaceFirst("^\\*\\.?", "");
        if (host.contains("*") || !HostPattern.isHostName(host)) {
            throw new IllegalArgumentException("its urlIdentifier '" + urlIdentifier + "' does not name a host callpop can allow"
                    + " (a host name, with a leading * or *. for any name under it)");
        }
        return andBelow ? HostPattern.domainAndBelow(host) : HostPattern.parse(host);
    }

    private static Platform platform(String source, String name, JsonNode node) {
        Optional<String> id = crmId(name);
        if (id.isEmpty()) {
            return new Platform(name, null, "its name '" + name + "' makes no CRM id (" + CrmId.RULE + ")");
        }
        Optional<String> contactPage = text(node, "contactPageUrl");
        Optional<String> logPage = text(node, "logPageUrl");
        if (contactPage.isEmpty() && logPage.isEmpty()) {
            return new Platform(name, null, "it has neither a contactPageUrl nor a logPageUrl template (its pages need App Connect's own code)");
        }
        try {
            Hosts hosts = hosts(node);
            boolean canOpenLogPage = logPage.isPresent() && (node.path("canOpenLogPage").asBoolean(false) || contactPage.isEmpty());
            Optional<String> fallback = node.path("enableFallbackContactPageUrl").asBoolean(false) ? text(node, "fallbackContactPageUrl") : Optional.empty();
            TemplateCrmAdapter.Definition definition = new TemplateCrmAdapter.Definition(source, node.path("displayName").asText(name),
                    hosts.patterns(), hosts.defaultHostname(), contactPage, text(node, "callPopUrl"), logPage, canOpenLogPage,
                    contactTypes(node.path("contactTypes")), fallback, OpenUrl.Target.TAB, userSettings(node.path("settings"), new LinkedHashSet<>()));
            return new Platform(name, TemplateCrmAdapter.define(id.get(), definition), null);
        } catch (IllegalArgumentException e) {
            return new Platform(name, null, e.getMessage());
        }
    }

    /** The allow-list and default host, from {@code urlIdentifier} and {@code environment}. */
    private record Hosts(List<String> patterns, Optional<String> defaultHostname) {
    }

    private static Hosts hosts(JsonNode node) {
        Set<HostPattern> patterns = new LinkedHashSet<>();
        text(node, "urlIdentifier").map(AppConnectManifest::hostsOf).ifPresent(patterns::add);
        JsonNode environment = node.path("environment");
        String type = environment.path("type").asText("dynamic");
        Optional<String> defaultHostname = Optional.empty();
        switch (type) {
            case "dynamic" -> text(environment, "urlIdentifier").map(AppConnectManifest::hostsOf).ifPresent(patterns::add);
            case "fixed" -> {
                String host = hostOf("environment.url", environment.path("url"));
                if (patterns.stream().noneMatch(pattern -> pattern.matches(host))) {
                    throw new IllegalArgumentException("its fixed environment's host " + host + " is not on its urlIdentifier's hosts " + patterns);
                }
                defaultHostname = Optional.of(host);
            }
            case "selectable" -> {
                JsonNode selections = environment.path("selections");
                if (!selections.isArray() || selections.isEmpty()) {
                    throw new IllegalArgumentException("its selectable environment has no selections");
                }
                for (JsonNode selection : selections) {
                    String host = hostOf("environment.selections[].const", selection.path("const"));
                    if (patterns.stream().noneMatch(pattern -> pattern.matches(host))) {
                        patterns.add(HostPattern.parse(host));
                    }
                    defaultHostname = defaultHostname.or(() -> Optional.of(host));
                }
            }
            default -> throw new IllegalArgumentException("its environment type '" + type + "' is none of fixed, selectable, dynamic");
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("it has no urlIdentifier, so its hosts are unknown");
        }
        return new Hosts(patterns.stream().map(HostPattern::pattern).toList(), defaultHostname);
    }

    private static String hostOf(String field, JsonNode url) {
        try {
            URI uri = new URI(url.asText(""));
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && HostPattern.isHostName(uri.getHost().toLowerCase(Locale.ROOT))) {
                return uri.getHost().toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("its " + field + " '" + url.asText("") + "' is not an https URL with a host name");
    }

    /** Contact types as {@code {display, value}} objects, or as the plain strings of older manifests. */
    private static List<ContactType> contactTypes(JsonNode types) {
        List<ContactType> result = new ArrayList<>();
        for (JsonNode type : types) {
            String value = type.isTextual() ? type.asText() : type.path("value").asText(type.path("display").asText(""));
            if (!value.isBlank()) {
                result.add(new ContactType(value, type.isTextual() ? value : type.path("display").asText(value)));
            }
        }
        return result;
    }

    /** The ids of the platform's settings, and of the items of settings sections, that can be placeholders. */
    private static Set<String> userSettings(JsonNode settings, Set<String> into) {
        for (JsonNode setting : settings) {
            text(setting, "id").filter(Placeholder::isUserSettingName).ifPresent(into::add);
            userSettings(setting.path("items"), into);
        }
        return into;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }
}

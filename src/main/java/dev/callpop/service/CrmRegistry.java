package dev.callpop.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.callpop.spi.HostPattern;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.MatchPolicy;
import io.quarkus.arc.All;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.Startup;

/**
 * Every CRM adapter on the build classpath, keyed by id, with its settings applied. Built once at
 * start-up; a duplicate id, a malformed adapter description or a setting for no known CRM stops the start
 * with a message that names the culprits.
 */
@Startup
@Singleton
public class CrmRegistry {

    private static final Logger LOG = Logger.getLogger(CrmRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Every adapter found, sorted by id so listings are stable. */
    private final Map<String, RegisteredCrm> all;
    private final Map<String, RegisteredCrm> enabled;

    @Inject
    CrmRegistry(@All List<CrmAdapter> adapters, CrmsConfig config, TemplateCrms templates) {
        this.all = register(withTemplates(adapters, templates.adapters()), config.crms());
        Map<String, RegisteredCrm> on = new TreeMap<>(all);
        on.values().removeIf(crm -> !crm.enabled());
        this.enabled = Collections.unmodifiableMap(on);
        LOG.infof("Serving CRMs %s", enabled.keySet());
    }

    /** For tests that build the registry by hand: coded adapters only. */
    CrmRegistry(List<CrmAdapter> adapters, CrmsConfig config) {
        this(adapters, config, TemplateCrms.none());
    }

    /** Coded adapters first; a template CRM with the id of a coded adapter is left out, and the log says so. */
    static List<CrmAdapter> withTemplates(List<CrmAdapter> coded, List<TemplateCrmAdapter> templates) {
        List<CrmAdapter> all = new ArrayList<>(coded);
        Set<String> codedIds = new HashSet<>();
        coded.forEach(adapter -> codedIds.add(adapter.id()));
        for (TemplateCrmAdapter template : templates) {
            if (codedIds.contains(template.id())) {
                LOG.infof("The template CRM '%s' (%s) is not used: the coded adapter %s has that id and wins",
                        template.id(), template.source(), coded.stream().filter(a -> a.id().equals(template.id())).map(CrmRegistry::className).findFirst().orElse("?"));
            } else {
                all.add(template);
            }
        }
        return all;
    }

    static Map<String, RegisteredCrm> register(Collection<CrmAdapter> adapters, Map<String, CrmsConfig.CrmSettings> settings) {
        Map<String, CrmAdapter> byId = new TreeMap<>();
        for (CrmAdapter adapter : adapters) {
            String id = adapter.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalStateException("CRM adapter " + className(adapter) + " has the id '" + id
                        + "'; an id must be a lowercase slug matching " + ID.pattern());
            }
            CrmAdapter other = byId.putIfAbsent(id, adapter);
            if (other != null) {
                throw new IllegalStateException("Two CRM adapters have the id '" + id + "': "
                        + className(other) + " and " + className(adapter)
                        + ". Remove one of the jars from the build, or give one adapter another id.");
            }
        }
        Set<String> unknown = new HashSet<>(settings.keySet());
        unknown.removeAll(byId.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("callpop.crms has settings for " + unknown
                    + ", but no CRM adapter has that id. Known CRMs: " + byId.keySet());
        }
        Map<String, RegisteredCrm> registered = new TreeMap<>();
        for (CrmAdapter adapter : byId.values()) {
            CrmsConfig.CrmSettings crmSettings = settings.get(adapter.id());
            if (crmSettings == null) {
                // @WithDefaults answers every key with the defaults; a plain map (in unit tests) may not.
                throw new IllegalStateException("no settings for CRM '" + adapter.id() + "'");
            }
            if (!crmSettings.enabled()) {
                LOG.infof("CRM '%s' (%s) is disabled by callpop.crms.%s.enabled", adapter.id(), className(adapter), adapter.id());
            }
            registered.put(adapter.id(), apply(adapter, crmSettings));
        }
        return Collections.unmodifiableMap(registered);
    }

    private static RegisteredCrm apply(CrmAdapter adapter, CrmsConfig.CrmSettings settings) {
        String id = adapter.id();
        CrmDescription description = adapter.description();
        List<HostPattern> hosts = new ArrayList<>();
        for (String pattern : description.hostPatterns()) {
            hosts.add(hostPattern("host pattern of CRM adapter " + className(adapter), pattern));
        }
        for (String pattern : settings.allowedHosts().orElse(List.of())) {
            hosts.add(hostPattern("callpop.crms." + id + ".allowed-hosts", pattern));
        }
        Optional<String> defaultHostname = settings.defaultHostname().or(description::defaultHostname);
        if (defaultHostname.isPresent()) {
            String key = "callpop.crms." + id + ".default-hostname";
            String host;
            try {
                host = Hostnames.parse(key, defaultHostname.get());
            } catch (ProblemException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (hosts.stream().noneMatch(pattern -> pattern.matches(host))) {
                throw new IllegalStateException(key + " is '" + host + "', which is not one of the CRM's hosts " + hosts
                        + "; add it to callpop.crms." + id + ".allowed-hosts if it really is");
            }
            defaultHostname = Optional.of(host);
        }
        RegisteredCrm crm = new RegisteredCrm(adapter, settings.enabled(), description, List.copyOf(hosts), defaultHostname,
                settings.canOpenLogPage().orElse(description.canOpenLogPage()), settings);
        settings.noMatchUrl().ifPresent(template -> NoMatchUrl.check(crm, template));
        if (settings.onNoMatch() == MatchPolicy.OnNoMatch.FALLBACK_URL && settings.noMatchUrl().isEmpty()) {
            throw new IllegalStateException("callpop.crms." + id + ".on-no-match is fallback-url, but callpop.crms." + id + ".no-match-url is not set");
        }
        return crm;
    }

    /** @return the enabled CRMs, ordered by id */
    public Collection<RegisteredCrm> all() {
        return enabled.values();
    }

    private static HostPattern hostPattern(String source, String pattern) {
        try {
            return HostPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }

    /** The adapter's own class, not the CDI proxy's: the name an operator can find in a jar. */
    static String className(CrmAdapter adapter) {
        return ClientProxy.unwrap(adapter).getClass().getName();
    }

    /** @return every adapter found at start-up, enabled or not, with its effective settings */
    List<AdapterReport> report() {
        return all.values().stream()
                .map(crm -> new AdapterReport(crm.id(), crm.enabled(), definedBy(crm.adapter()), CrmView.of(crm)))
                .toList();
    }

    /**
     * One adapter, for operators.
     *
     * @param id           the CRM id
     * @param enabled      whether it is served
     * @param definedBy    the class implementing it, or the settings or manifest entry defining a template CRM
     * @param settings     what it serves, with the operator's settings applied
     */
    public record AdapterReport(String id, boolean enabled, String definedBy, CrmView settings) {
    }

    private static String definedBy(CrmAdapter adapter) {
        return adapter instanceof TemplateCrmAdapter template ? template.source() : className(adapter);
    }

    /**
     * @param id a CRM id
     * @return whether an enabled CRM has it
     */
    boolean isServed(String id) {
        return enabled.containsKey(id);
    }

    /**
     * @param id a CRM id from the request path
     * @return the enabled CRM with that id
     * @throws ProblemException 404 {@code unknown-crm} when there is none
     */
    public RegisteredCrm get(String id) {
        RegisteredCrm crm = enabled.get(id);
        if (crm == null) {
            String named = ID.matcher(id).matches() ? "'" + id + "'" : "with that id";
            throw new ProblemException(404, ProblemKind.UNKNOWN_CRM, null,
                    "No CRM " + named + " is served here. GET /api/v1/crms lists the CRMs that are.");
        }
        return crm;
    }
}

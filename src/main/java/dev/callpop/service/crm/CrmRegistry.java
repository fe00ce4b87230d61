package dev.callpop.service.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.callpop.spi.Call;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmId;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.WireWords;
import io.quarkus.arc.All;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.Startup;

/**
 * Every CRM adapter on the build classpath and every CRM defined by data, keyed by id, with its settings
 * applied. Built once at start-up; a duplicate id, a malformed adapter description or a setting for no
 * known CRM stops the start with a message that names the culprits.
 */
@Startup
@Singleton
public class CrmRegistry {

    private static final Logger LOG = Logger.getLogger(CrmRegistry.class);

    /** Every CRM found, enabled or not, sorted by id so listings are stable. */
    private final Map<String, RegisteredCrm> registered;
    private final Map<String, RegisteredCrm> served;

    @Inject
    CrmRegistry(@All List<CrmAdapter> adapters, CrmsConfig config, CrmDefinitions definitions) {
        this(adapters, config.crms(), definitions);
    }

    private CrmRegistry(List<CrmAdapter> adapters, Map<String, CrmsConfig.CrmSettings> settings, CrmDefinitions definitions) {
        this.registered = register(candidates(adapters, definitions.crms()), settings);
        Map<String, RegisteredCrm> on = new TreeMap<>(registered);
        on.values().removeIf(crm -> !crm.enabled());
        this.served = Collections.unmodifiableMap(on);
        LOG.infof("Serving CRMs %s", served.keySet());
    }

    /**
     * A registry of coded adapters only, for tests that build one by hand.
     *
     * @param adapters the adapters
     * @param settings their settings, by CRM id
     * @return the registry
     */
    public static CrmRegistry of(List<CrmAdapter> adapters, Map<String, CrmsConfig.CrmSettings> settings) {
        return new CrmRegistry(adapters, settings, List::of);
    }

    /** Coded adapters first; a CRM defined by data with the id of a coded adapter is left out, and the log says so. */
    private static List<RegisteredCrm.Candidate> candidates(List<CrmAdapter> coded, List<CrmDefinitions.Defined> defined) {
        List<RegisteredCrm.Candidate> all = new ArrayList<>();
        Map<String, String> codedIds = new TreeMap<>();
        for (CrmAdapter adapter : coded) {
            all.add(new RegisteredCrm.Candidate(adapter, className(adapter), Optional.empty()));
            codedIds.putIfAbsent(adapter.id(), className(adapter));
        }
        for (CrmDefinitions.Defined crm : defined) {
            String coder = codedIds.get(crm.adapter().id());
            if (coder != null) {
                LOG.infof("The template CRM '%s' (%s) is not used: the coded adapter %s has that id and wins",
                        crm.adapter().id(), crm.definedBy(), coder);
            } else {
                all.add(new RegisteredCrm.Candidate(crm.adapter(), crm.definedBy(), crm.appConnectPlatform()));
            }
        }
        return all;
    }

    private static Map<String, RegisteredCrm> register(Collection<RegisteredCrm.Candidate> candidates, Map<String, CrmsConfig.CrmSettings> settings) {
        Map<String, RegisteredCrm.Candidate> byId = new TreeMap<>();
        for (RegisteredCrm.Candidate candidate : candidates) {
            String id = candidate.adapter().id();
            if (!CrmId.isValid(id)) {
                throw new IllegalStateException("CRM adapter " + candidate.definedBy() + " has the id '" + id
                        + "'; a CRM id must be " + CrmId.RULE);
            }
            RegisteredCrm.Candidate other = byId.putIfAbsent(id, candidate);
            if (other != null) {
                throw new IllegalStateException("Two CRM adapters have the id '" + id + "': "
                        + other.definedBy() + " and " + candidate.definedBy()
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
        for (RegisteredCrm.Candidate candidate : byId.values()) {
            String id = candidate.adapter().id();
            CrmsConfig.CrmSettings crmSettings = settings.get(id);
            if (crmSettings == null) {
                // @WithDefaults answers every key with the defaults; a plain map (in unit tests) may not.
                throw new IllegalStateException("no settings for CRM '" + id + "'");
            }
            if (!crmSettings.enabled()) {
                LOG.infof("CRM '%s' (%s) is disabled by callpop.crms.%s.enabled", id, candidate.definedBy(), id);
            }
            registered.put(id, apply(candidate, crmSettings));
        }
        return Collections.unmodifiableMap(registered);
    }

    private static RegisteredCrm apply(RegisteredCrm.Candidate candidate, CrmsConfig.CrmSettings settings) {
        CrmAdapter adapter = candidate.adapter();
        String key = "callpop.crms." + adapter.id();
        CrmDescription description = adapter.description();
        List<HostPattern> hosts = new ArrayList<>();
        for (String pattern : description.hostPatterns()) {
            hosts.add(hostPattern("host pattern of CRM adapter " + candidate.definedBy(), pattern));
        }
        for (String pattern : settings.allowedHosts().orElse(List.of())) {
            hosts.add(hostPattern(key + ".allowed-hosts", pattern));
        }
        Optional<String> defaultHostname = settings.defaultHostname().or(description::defaultHostname);
        if (defaultHostname.isPresent()) {
            String host = defaultHostname.get();
            Optional<String> fault = Hostnames.fault(host);
            if (fault.isPresent()) {
                throw new IllegalStateException(key + ".default-hostname " + fault.get());
            }
            String normalised = Hostnames.normalise(host);
            if (hosts.stream().noneMatch(pattern -> pattern.matches(normalised))) {
                throw new IllegalStateException(key + ".default-hostname is '" + normalised + "', which is not one of the CRM's hosts " + hosts
                        + "; add it to " + key + ".allowed-hosts if it really is");
            }
            defaultHostname = Optional.of(normalised);
        }
        RegisteredCrm crm = new RegisteredCrm(adapter, candidate.definedBy(), candidate.appConnectPlatform(), settings.enabled(), description,
                List.copyOf(hosts), defaultHostname, settings.canOpenLogPage().orElse(description.canOpenLogPage()), settings);
        settings.noMatchUrl().ifPresent(template -> NoMatchUrl.check(crm, template));
        if (settings.onNoMatch() == MatchPolicy.OnNoMatch.FALLBACK_URL && settings.noMatchUrl().isEmpty()) {
            throw new IllegalStateException(key + ".on-no-match is fallback-url, but " + key + ".no-match-url is not set");
        }
        checkDefaultsAreAllowed(crm);
        return crm;
    }

    /** What a user who chose nothing gets must be a choice users may make: else the operator forbids their own default. */
    private static void checkDefaultsAreAllowed(RegisteredCrm crm) {
        String key = crm.settingsKey();
        for (Call.Direction direction : Call.Direction.values()) {
            CrmsConfig.PopOn popOn = crm.popOn(direction);
            if (!crm.allowedPopOn(direction).contains(popOn)) {
                throw new IllegalStateException(key + ".pop-on and .pop-directions pop " + WireWords.of(direction) + " calls on '"
                        + WireWords.of(popOn) + "', which " + key + ".allowed-preferences." + WireWords.of(direction)
                        + " does not allow; allow it there, or change the pop rules");
            }
        }
        MatchPolicy.OnMultipleMatches onMultipleMatches = crm.settings().onMultipleMatches();
        if (!crm.settings().allowedPreferences().multipleMatches().contains(onMultipleMatches)) {
            throw new IllegalStateException(key + ".on-multiple-matches is '" + WireWords.of(onMultipleMatches) + "', which " + key
                    + ".allowed-preferences.multiple-matches does not allow; allow it there, or change on-multiple-matches");
        }
        CrmsConfig.LogMatch logMatch = crm.settings().logMatch();
        if (!crm.settings().allowedPreferences().logMatch().contains(logMatch)) {
            throw new IllegalStateException(key + ".log-match is '" + WireWords.of(logMatch) + "', which " + key
                    + ".allowed-preferences.log-match does not allow; allow it there, or change log-match");
        }
    }

    private static HostPattern hostPattern(String source, String pattern) {
        try {
            return HostPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }

    /** The adapter's own class, not the CDI proxy's: the name an operator can find in a jar. */
    private static String className(CrmAdapter adapter) {
        return ClientProxy.unwrap(adapter).getClass().getName();
    }

    /** @return the CRMs callpop serves (the enabled ones), ordered by id */
    public Collection<RegisteredCrm> served() {
        return served.values();
    }

    /** @return every CRM found at start-up, enabled or not, ordered by id */
    public Collection<RegisteredCrm> registered() {
        return registered.values();
    }

    /**
     * @param id a CRM id, for example from a request path
     * @return the served CRM with that id, if there is one
     */
    public Optional<RegisteredCrm> find(String id) {
        return Optional.ofNullable(served.get(id));
    }
}

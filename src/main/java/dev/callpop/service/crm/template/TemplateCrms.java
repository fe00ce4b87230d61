package dev.callpop.service.crm.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.crm.CrmDefinitions;
import dev.callpop.spi.ContactType;

/**
 * The template CRMs: those in {@code callpop.template-crms}, then those of the App Connect manifest.
 * A bad template in settings stops the start; a manifest platform callpop cannot serve is skipped and
 * listed in the start-up log with the reason ({@link AppConnectManifest} reads the manifest).
 */
@Singleton
class TemplateCrms implements CrmDefinitions {

    private static final Logger LOG = Logger.getLogger(TemplateCrms.class);

    private final List<Defined> crms;

    @Inject
    TemplateCrms(TemplateCrmsConfig settings, AppConnectConfig appConnect, ObjectMapper json) {
        Map<String, CrmDefinitions.Defined> byId = new LinkedHashMap<>();
        settings.crms().forEach((id, crm) -> {
            try {
                TemplateCrmAdapter adapter = TemplateCrmAdapter.define(id, definition("callpop.template-crms." + id, crm));
                byId.put(id, new Defined(adapter, adapter.source(), Optional.empty()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        appConnect.manifest().ifPresent(path -> {
            for (AppConnectManifest.Platform platform : AppConnectManifest.read(json, path)) {
                if (platform.skipped() != null) {
                    LOG.warnf("App Connect platform '%s' in %s is not served: %s", platform.name(), path, platform.skipped());
                } else if (byId.containsKey(platform.adapter().id())) {
                    LOG.infof("App Connect platform '%s' in %s is not imported: callpop.template-crms.%s defines that CRM",
                            platform.name(), path, platform.adapter().id());
                } else {
                    LOG.infof("App Connect platform '%s' in %s is the template CRM '%s'", platform.name(), path, platform.adapter().id());
                    byId.put(platform.adapter().id(), new Defined(platform.adapter(), platform.adapter().source(), Optional.of(platform.name())));
                }
            }
        });
        this.crms = List.copyOf(byId.values());
    }

    @Override
    public List<Defined> crms() {
        return crms;
    }

    private static TemplateCrmAdapter.Definition definition(String source, TemplateCrmsConfig.TemplateCrm crm) {
        List<ContactType> types = crm.contactTypes().orElse(List.of()).stream().map(entry -> {
            int equals = entry.indexOf('=');
            return equals < 0 ? new ContactType(entry, entry) : new ContactType(entry.substring(0, equals), entry.substring(equals + 1));
        }).toList();
        return new TemplateCrmAdapter.Definition(source, crm.displayName(), crm.hostPatterns(), crm.defaultHostname(),
                crm.contactPageUrl(), crm.callPopUrl(), crm.logPageUrl(), crm.canOpenLogPage().orElse(crm.logPageUrl().isPresent()), types,
                crm.noMatchUrl(), crm.opensIn(), Set.copyOf(crm.userSettings().orElse(List.of())));
    }
}

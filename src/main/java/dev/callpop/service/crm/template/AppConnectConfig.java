package dev.callpop.service.crm.template;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Importing CRMs from a RingCentral App Connect manifest: {@code callpop.appconnect.*}. */
@ConfigMapping(prefix = "callpop.appconnect")
public interface AppConnectConfig {

    /**
     * Path of an App Connect manifest file. Each {@code platforms.<name>} entry with URL templates becomes
     * a template CRM with the id {@code <name>}; entries callpop cannot serve are listed in the start-up
     * log with the reason. A coded adapter or a {@code callpop.template-crms} entry with the same id wins.
     *
     * @return the manifest's path
     */
    Optional<String> manifest();
}

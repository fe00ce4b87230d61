package dev.callpop.service.crm;

import java.util.List;
import java.util.Optional;

import dev.callpop.spi.CrmAdapter;

/**
 * CRMs defined by data rather than code (template CRMs in settings, App Connect manifest platforms),
 * which the registry serves beside the coded adapters it finds as CDI beans.
 */
public interface CrmDefinitions {

    /** @return each defined CRM, in the order it was defined */
    List<Defined> crms();

    /**
     * One CRM defined by data.
     *
     * @param adapter   the adapter built from the definition
     * @param definedBy where it was defined, for operators: a settings prefix or a manifest entry
     * @param appConnectPlatform the platform's name in the App Connect manifest it was imported from, if it was
     */
    record Defined(CrmAdapter adapter, String definedBy, Optional<String> appConnectPlatform) {
    }
}

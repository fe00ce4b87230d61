package dev.callpop.service.crm;

import java.util.List;

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
     */
    record Defined(CrmAdapter adapter, String definedBy) {
    }
}

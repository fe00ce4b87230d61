package dev.callpop.service.api;

import dev.callpop.service.crm.RegisteredCrm;

/**
 * One CRM adapter as {@code GET /api/v1/admin/crms} reports it to operators.
 *
 * @param id        the CRM id
 * @param enabled   whether it is served
 * @param definedBy the class implementing it, or the settings or manifest entry defining a template CRM
 * @param settings  what it serves, with the operator's settings applied
 */
public record AdapterAnswer(String id, boolean enabled, String definedBy, CrmAnswer settings) {

    static AdapterAnswer of(RegisteredCrm crm) {
        return new AdapterAnswer(crm.id(), crm.enabled(), crm.definedBy(), CrmAnswer.of(crm));
    }
}

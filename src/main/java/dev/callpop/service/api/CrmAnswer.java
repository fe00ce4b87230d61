package dev.callpop.service.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.spi.HostPattern;

/**
 * A CRM as {@code GET /api/v1/crms} lists it: what a telephony client needs to offer it to a user.
 *
 * @param id              the CRM id, used in the event paths
 * @param displayName     the CRM's name for users
 * @param hosts           the host patterns the CRM is served at ({@code *.} stands for one label, {@code **.} for the domain and any name under it)
 * @param defaultHostname the hostname used when the client sends none, if any
 * @param canOpenLogPage  whether open-log-page opens the log itself (else the contact's page)
 * @param findsContactsByPhone whether call-received looks callers up by phone number when no contact id is sent
 * @param contactTypes    the contact types, for CRMs with several; a contact id must then come with one
 * @param appConnectPlatform the platform's name in the App Connect manifest this CRM was imported from, if it was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "displayName", "hosts", "defaultHostname", "canOpenLogPage", "findsContactsByPhone", "contactTypes", "appConnectPlatform"})
public record CrmAnswer(String id, String displayName, List<String> hosts, String defaultHostname,
                        boolean canOpenLogPage, boolean findsContactsByPhone, List<ContactType> contactTypes,
                        String appConnectPlatform) {

    static CrmAnswer of(RegisteredCrm crm) {
        return new CrmAnswer(crm.id(), crm.displayName(),
                crm.hosts().stream().map(HostPattern::pattern).toList(),
                crm.defaultHostname().orElse(null), crm.canOpenLogPage(), crm.description().findsContactsByPhone(),
                crm.description().contactTypes().stream().map(t -> new ContactType(t.value(), t.display())).toList(),
                crm.appConnectPlatform().orElse(null));
    }

    /**
     * A contact type.
     *
     * @param value   the CRM's name for it
     * @param display the name users see; clients may send either
     */
    public record ContactType(String value, String display) {
    }
}

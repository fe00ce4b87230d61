package dev.callpop.service.api;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.spi.Call;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.WireWords;

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
 * @param writesCallLogs  whether callpop writes call logs into this CRM ({@code /call-logs}); else those answer 404
 *                        {@code call-logs-unsupported}
 * @param appConnectPlatform the platform's name in the App Connect manifest this CRM was imported from, if it was
 * @param preferences     what users may choose for themselves with a call-received's {@code preferences}, and
 *                        what they get when they choose nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "displayName", "hosts", "defaultHostname", "canOpenLogPage", "findsContactsByPhone", "contactTypes", "writesCallLogs", "appConnectPlatform",
        "preferences"})
@Schema(description = "A CRM served here, and what a telephony client needs to offer it to a user.")
public record CrmAnswer(
        @Schema(description = "The CRM id, used in every other path.") String id,
        @Schema(description = "The CRM's name for users.") String displayName,
        @Schema(description = "The host patterns the CRM is served at (`*.` one label, `**.` the domain and any name under it).") List<String> hosts,
        @Schema(description = "The hostname used when the client sends none, if any.") String defaultHostname,
        @Schema(description = "Whether open-log-page opens the log itself (else the contact's page).") boolean canOpenLogPage,
        @Schema(description = "Whether call-received looks callers up by phone number when no contact id is sent.") boolean findsContactsByPhone,
        @Schema(description = "The contact types, for CRMs with several; a contact id must then come with one.") List<ContactType> contactTypes,
        @Schema(description = "Whether callpop writes call logs into this CRM (`/call-logs`); else those answer 404 `call-logs-unsupported`.")
        boolean writesCallLogs,
        @Schema(description = "The platform's name in the App Connect manifest this CRM was imported from, if it was.") String appConnectPlatform,
        @Schema(description = "What users may choose for themselves with a call-received's `preferences` (and a call log's `logMatch`), "
                + "and what they get when they choose nothing.") Preferences preferences) {

    static CrmAnswer of(RegisteredCrm crm) {
        return new CrmAnswer(crm.id(), crm.displayName(),
                crm.hosts().stream().map(HostPattern::pattern).toList(),
                crm.defaultHostname().orElse(null), crm.canOpenLogPage(), crm.description().findsContactsByPhone(),
                crm.description().contactTypes().stream().map(t -> new ContactType(t.value(), t.display())).toList(),
                crm.adapter() instanceof CrmCallLogs, crm.appConnectPlatform().orElse(null), Preferences.of(crm));
    }

    /**
     * The preferences a user may send, each with the operator's setting and the choices allowed.
     *
     * @param inbound         {@code preferences.inbound}
     * @param outbound        {@code preferences.outbound}
     * @param multipleMatches {@code preferences.multipleMatches}
     * @param logMatch        a call log's {@code logMatch}
     */
    public record Preferences(
            @Schema(description = "`preferences.inbound`: on which phase inbound calls pop.") Preference inbound,
            @Schema(description = "`preferences.outbound`: on which phase outbound calls pop.") Preference outbound,
            @Schema(description = "`preferences.multipleMatches`: what several matches open.") Preference multipleMatches,
            @Schema(description = "A call log's `logMatch`: which contact among several a log goes to.") Preference logMatch) {

        static Preferences of(RegisteredCrm crm) {
            return new Preferences(Preference.of(crm.popOn(Call.Direction.INBOUND), crm.allowedPopOn(Call.Direction.INBOUND)),
                    Preference.of(crm.popOn(Call.Direction.OUTBOUND), crm.allowedPopOn(Call.Direction.OUTBOUND)),
                    Preference.of(crm.settings().onMultipleMatches(), crm.settings().allowedPreferences().multipleMatches()),
                    Preference.of(crm.settings().logMatch(), crm.settings().allowedPreferences().logMatch()));
        }
    }

    /**
     * One preference.
     *
     * @param byDefault what a user who sends none gets (the operator's setting)
     * @param allowed   the choices a user may send
     */
    @JsonPropertyOrder({"default", "allowed"})
    public record Preference(
            @Schema(description = "What a user who sends none gets (the operator's setting).") @JsonProperty("default") String byDefault,
            @Schema(description = "The choices a user may send.") List<String> allowed) {

        static <E extends Enum<E>> Preference of(E byDefault, Set<E> allowed) {
            return new Preference(WireWords.of(byDefault), allowed.stream().sorted().map(WireWords::of).toList());
        }
    }

    /**
     * A contact type.
     *
     * @param value   the CRM's name for it
     * @param display the name users see; clients may send either
     */
    public record ContactType(
            @Schema(description = "The CRM's name for it.") String value,
            @Schema(description = "The name users see; clients may send either.") String display) {
    }
}

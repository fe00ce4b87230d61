package dev.callpop.service.crm;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.callpop.spi.Call;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.HostPattern;

/**
 * A CRM found at start-up: its adapter and the settings that apply to it, settled once.
 *
 * @param adapter         the adapter
 * @param definedBy       the adapter's class, or the settings or manifest entry defining a template CRM
 * @param appConnectPlatform the platform's name in the App Connect manifest the CRM was imported from, if it was
 * @param enabled         whether the operator lets callpop serve it
 * @param description     what the adapter says of itself
 * @param hosts           the adapter's own hosts, then the operator's extra hosts
 * @param defaultHostname the hostname used when the client sends none
 * @param canOpenLogPage  whether log pages are opened
 * @param settings        the operator's settings for this CRM (pop rules, match policy, time limits)
 */
public record RegisteredCrm(CrmAdapter adapter, String definedBy, Optional<String> appConnectPlatform, boolean enabled, CrmDescription description,
                            List<HostPattern> hosts, Optional<String> defaultHostname, boolean canOpenLogPage,
                            CrmsConfig.CrmSettings settings) {

    /** @return the CRM id */
    public String id() {
        return adapter.id();
    }

    /** @return the CRM's name for users */
    public String displayName() {
        return description.displayName();
    }

    /**
     * @param host a lowercase host name
     * @return whether it is one of this CRM's hosts
     */
    public boolean isOwnHost(String host) {
        return hosts.stream().anyMatch(pattern -> pattern.matches(host));
    }

    /** @return a host of this CRM to show in messages and fill sample templates with, such as {@code acme.pipedrive.com} */
    public String exampleHost() {
        return defaultHostname.orElseGet(() -> hosts.get(0).example());
    }

    /**
     * The operator's pop rule for calls one way, what a user who chose nothing gets: the phase in
     * {@code pop-on} where {@code pop-directions} has the direction, else never.
     *
     * @param direction the call's direction
     * @return the phase on which such calls open pages
     */
    public CrmsConfig.PopOn popOn(Call.Direction direction) {
        return settings.popDirections().contains(direction) ? settings.popOn() : CrmsConfig.PopOn.NEVER;
    }

    /**
     * @param direction the call's direction
     * @return the phases a user may choose for calls that way ({@code allowed-preferences.inbound} or {@code .outbound})
     */
    public Set<CrmsConfig.PopOn> allowedPopOn(Call.Direction direction) {
        CrmsConfig.AllowedPreferences allowed = settings.allowedPreferences();
        return direction == Call.Direction.OUTBOUND ? allowed.outbound() : allowed.inbound();
    }

    /** @return the settings key prefix of this CRM, {@code callpop.crms.<id>} */
    public String settingsKey() {
        return "callpop.crms." + id();
    }

    /**
     * An adapter before its settings are applied.
     *
     * @param adapter   the adapter
     * @param definedBy its class, or where it was defined
     * @param appConnectPlatform the App Connect platform it was imported from, if it was
     */
    record Candidate(CrmAdapter adapter, String definedBy, Optional<String> appConnectPlatform) {
    }
}

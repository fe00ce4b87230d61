package dev.callpop.service;

import java.util.List;
import java.util.Optional;

import dev.callpop.spi.HostPattern;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmDescription;

/**
 * An enabled CRM: its adapter and the settings that apply to it, settled once at start-up.
 *
 * @param adapter         the adapter
 * @param enabled         whether the operator lets callpop serve it
 * @param description     what the adapter says of itself
 * @param hosts           the adapter's own hosts, then the operator's extra hosts
 * @param defaultHostname the hostname used when the client sends none
 * @param canOpenLogPage  whether log pages are opened
 * @param settings        the operator's settings for this CRM (pop rules, match policy, time limits)
 */
record RegisteredCrm(CrmAdapter adapter, boolean enabled, CrmDescription description, List<HostPattern> hosts,
                     Optional<String> defaultHostname, boolean canOpenLogPage, CrmsConfig.CrmSettings settings) {

    String id() {
        return adapter.id();
    }

    boolean isOwnHost(String host) {
        return hosts.stream().anyMatch(pattern -> pattern.matches(host));
    }
}

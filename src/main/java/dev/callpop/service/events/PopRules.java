package dev.callpop.service.events;

import java.util.Optional;

import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.spi.Call;
import dev.callpop.spi.WireWords;

/** The operator's rules for when a call opens pages at all: the phase and the directions that pop. */
final class PopRules {

    private PopRules() {
    }

    /**
     * @param crm  the CRM, with its settings
     * @param call the call as the client described it
     * @return why this call opens nothing, or empty when it pops
     */
    static Optional<String> refusal(RegisteredCrm crm, Call call) {
        CrmsConfig.CrmSettings settings = crm.settings();
        if (settings.popOn() == CrmsConfig.PopOn.NEVER) {
            return Optional.of("Calls open nothing in " + crm.displayName() + " here (" + crm.settingsKey() + ".pop-on=never).");
        }
        if (call.phase() != null && !call.phase().name().equals(settings.popOn().name())) {
            return Optional.of("Pages open when a call is " + WireWords.of(settings.popOn()) + "; this call is " + WireWords.of(call.phase()) + ".");
        }
        Call.Direction direction = call.direction() == null ? Call.Direction.INBOUND : call.direction();
        if (!settings.popDirections().contains(direction)) {
            return Optional.of("Pages open for " + settings.popDirections().stream().map(WireWords::of).toList()
                    + " calls; this call is " + WireWords.of(direction) + ".");
        }
        return Optional.empty();
    }
}

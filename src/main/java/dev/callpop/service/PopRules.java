package dev.callpop.service;

import java.util.Locale;
import java.util.Optional;

import dev.callpop.spi.Call;

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
        String key = "callpop.crms." + crm.id();
        if (settings.popOn() == CrmsConfig.PopOn.NEVER) {
            return Optional.of("Calls open nothing in " + crm.description().displayName() + " here (" + key + ".pop-on=never).");
        }
        if (call.phase() != null && !call.phase().name().equals(settings.popOn().name())) {
            return Optional.of("Pages open when a call is " + word(settings.popOn()) + "; this call is " + word(call.phase()) + ".");
        }
        Call.Direction direction = call.direction() == null ? Call.Direction.INBOUND : call.direction();
        if (!settings.popDirections().contains(direction)) {
            return Optional.of("Pages open for " + settings.popDirections().stream().map(PopRules::word).toList()
                    + " calls; this call is " + word(direction) + ".");
        }
        return Optional.empty();
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

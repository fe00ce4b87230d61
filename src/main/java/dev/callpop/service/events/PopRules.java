package dev.callpop.service.events;

import java.util.Optional;
import java.util.Set;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.spi.Call;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.WireWords;

/**
 * When a call opens pages at all (the phase and the directions that pop), and what several matches open:
 * the operator's settings, or the user's own preferences where the operator allows them. Build with
 * {@link #of}, which refuses a preference the operator does not allow.
 *
 * @param crm         the CRM, with the operator's settings
 * @param preferences the user's preferences, each within what the operator allows
 */
public record PopRules(RegisteredCrm crm, PopPreferences preferences) {

    /** The request fields of the preferences, as the client sends them. */
    private static final String INBOUND = "preferences.inbound";
    private static final String OUTBOUND = "preferences.outbound";
    private static final String MULTIPLE_MATCHES = "preferences.multipleMatches";

    /**
     * @param crm         the CRM
     * @param preferences the user's preferences as the client sent them
     * @return the rules for this call
     * @throws ProblemException 400 {@code preference-not-allowed}, naming the first preference the operator does not allow
     */
    static PopRules of(RegisteredCrm crm, PopPreferences preferences) {
        String key = crm.settingsKey() + ".allowed-preferences.";
        checkAllowed(crm, INBOUND, preferences.inbound(), crm.allowedPopOn(Call.Direction.INBOUND), key + "inbound");
        checkAllowed(crm, OUTBOUND, preferences.outbound(), crm.allowedPopOn(Call.Direction.OUTBOUND), key + "outbound");
        checkAllowed(crm, MULTIPLE_MATCHES, preferences.multipleMatches(), crm.settings().allowedPreferences().multipleMatches(),
                key + "multiple-matches");
        return new PopRules(crm, preferences);
    }

    /**
     * The one rule for a user's preference: none, or one the operator allows.
     *
     * @param crm     the CRM
     * @param field   the request field it came in
     * @param chosen  the user's choice, or {@code null}
     * @param allowed what the operator allows
     * @param setting the setting that allows it, for the message
     * @param <E>     the kind of preference
     * @throws ProblemException 400 {@code preference-not-allowed} naming the field and what is allowed
     */
    public static <E extends Enum<E>> void checkAllowed(RegisteredCrm crm, String field, E chosen, Set<E> allowed, String setting) {
        if (chosen != null && !allowed.contains(chosen)) {
            throw new ProblemException(ProblemKind.PREFERENCE_NOT_ALLOWED, field, field + " '" + WireWords.of(chosen) + "' is not allowed for "
                    + crm.displayName() + " here; the operator allows " + allowed.stream().sorted().map(WireWords::of).toList()
                    + " (" + setting + ")");
        }
    }

    /** @return what several matches open: the user's choice, else the operator's */
    MatchPolicy.OnMultipleMatches onMultipleMatches() {
        return preferences.multipleMatches() != null ? preferences.multipleMatches() : crm.settings().onMultipleMatches();
    }

    /**
     * @param call the call as the client described it
     * @return why this call opens nothing, or empty when it pops
     */
    Optional<String> refusal(Call call) {
        Call.Direction direction = call.direction() == null ? Call.Direction.INBOUND : call.direction();
        CrmsConfig.PopOn chosen = preferences.popOn(direction);
        if (chosen == null) {
            return operatorsRefusal(call, direction);
        }
        String field = direction == Call.Direction.OUTBOUND ? OUTBOUND : INBOUND;
        if (chosen == CrmsConfig.PopOn.NEVER) {
            return Optional.of("The user's preferences open nothing for " + WireWords.of(direction) + " calls (" + field + "=never).");
        }
        if (chosen.isNotAt(call.phase())) {
            return Optional.of("The user's preferences open pages when a call is " + WireWords.of(chosen) + " (" + field
                    + "); this call is " + WireWords.of(call.phase()) + ".");
        }
        return Optional.empty();
    }

    private Optional<String> operatorsRefusal(Call call, Call.Direction direction) {
        CrmsConfig.CrmSettings settings = crm.settings();
        if (settings.popOn() == CrmsConfig.PopOn.NEVER) {
            return Optional.of("Calls open nothing in " + crm.displayName() + " here (" + crm.settingsKey() + ".pop-on=never).");
        }
        if (settings.popOn().isNotAt(call.phase())) {
            return Optional.of("Pages open when a call is " + WireWords.of(settings.popOn()) + "; this call is " + WireWords.of(call.phase()) + ".");
        }
        if (crm.popOn(direction) == CrmsConfig.PopOn.NEVER) {
            return Optional.of("Pages open for " + settings.popDirections().stream().map(WireWords::of).toList()
                    + " calls; this call is " + WireWords.of(direction) + ".");
        }
        return Optional.empty();
    }
}

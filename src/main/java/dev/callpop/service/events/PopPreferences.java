package dev.callpop.service.events;

import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.spi.Call;
import dev.callpop.spi.MatchPolicy;

/**
 * The user's own pop preferences, as the client sent them with a call-received event; each is {@code null}
 * when the user has none, and the operator's setting applies. {@link PopRules} holds them to what the
 * operator allows.
 *
 * @param inbound         on which phase inbound calls open pages
 * @param outbound        on which phase outbound calls open pages
 * @param multipleMatches what several matches open
 */
public record PopPreferences(CrmsConfig.PopOn inbound, CrmsConfig.PopOn outbound, MatchPolicy.OnMultipleMatches multipleMatches) {

    /** No preferences: the operator's settings apply. */
    public static final PopPreferences NONE = new PopPreferences(null, null, null);

    /**
     * @param direction a call's direction
     * @return the user's phase for calls that way, or {@code null}
     */
    CrmsConfig.PopOn popOn(Call.Direction direction) {
        return direction == Call.Direction.OUTBOUND ? outbound : inbound;
    }
}

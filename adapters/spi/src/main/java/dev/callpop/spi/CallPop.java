package dev.callpop.spi;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a call-received or open-log-page event.
 *
 * @param actions the pages to open, in order; empty when nothing should open
 * @param matches the contacts found for the caller, when the adapter searched
 * @param reason  why nothing (or something other than what was asked) is opened, for the agent to read;
 *                {@code null} when the actions speak for themselves
 */
public record CallPop(List<OpenUrl> actions, List<ContactMatch> matches, String reason) {

    /** Copies the lists. */
    public CallPop {
        actions = List.copyOf(actions);
        matches = List.copyOf(matches);
    }

    /**
     * Open one page.
     *
     * @param page the page
     * @return the answer
     */
    public static CallPop open(OpenUrl page) {
        return new CallPop(List.of(page), List.of(), null);
    }

    /**
     * Open nothing, and say why.
     *
     * @param reason why nothing opens
     * @return the answer
     */
    public static CallPop nothing(String reason) {
        return new CallPop(List.of(), List.of(), Objects.requireNonNull(reason, "reason"));
    }
}

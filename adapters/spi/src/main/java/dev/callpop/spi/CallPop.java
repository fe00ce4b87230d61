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
 * @param choices the contacts the agent chooses from, each with the page choosing it opens
 *                ({@link MatchPolicy.OnMultipleMatches#PROMPT}); empty unless the agent is to choose, and
 *                then nothing opens by itself ({@code actions} is empty)
 */
public record CallPop(List<OpenUrl> actions, List<ContactMatch> matches, String reason, List<ContactChoice> choices) {

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException when pages open and the agent is asked to choose as well
     */
    public CallPop {
        actions = List.copyOf(actions);
        matches = List.copyOf(matches);
        choices = List.copyOf(choices);
        if (!choices.isEmpty() && !actions.isEmpty()) {
            throw new IllegalArgumentException("An answer that lets the agent choose opens no page by itself");
        }
    }

    /**
     * An answer that offers no choice.
     *
     * @param actions the pages to open, in order
     * @param matches the contacts found for the caller
     * @param reason  why nothing (or something other than what was asked) is opened, or {@code null}
     */
    public CallPop(List<OpenUrl> actions, List<ContactMatch> matches, String reason) {
        this(actions, matches, reason, List.of());
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

    /**
     * Open nothing; let the agent choose one of the matches, whose pages the client opens on its own.
     *
     * @param choices the matches, best first, each with the page choosing it opens
     * @param reason  why the agent is asked, for the agent to read
     * @return the answer, listing the choices' contacts as its matches
     */
    public static CallPop choose(List<ContactChoice> choices, String reason) {
        return new CallPop(List.of(), choices.stream().map(ContactChoice::contact).toList(), Objects.requireNonNull(reason, "reason"), choices);
    }
}

package dev.callpop.spi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What is opened after a phone look-up: the operator's settings ({@code callpop.crms."<id>".on-multiple-matches},
 * {@code on-no-match}, {@code no-match-url}), with the user's own choice for several matches where the operator
 * allows it.
 *
 * @param onMultipleMatches what several matches open
 * @param onNoMatch         what no match opens
 * @param noMatchUrl        the operator's fallback page for {@link OnNoMatch#FALLBACK_URL}, filled in for this call
 */
public record MatchPolicy(OnMultipleMatches onMultipleMatches, OnNoMatch onNoMatch, Optional<URI> noMatchUrl) {

    /** The defaults: open every match; open the CRM's new-contact page when nobody matches. */
    public static final MatchPolicy DEFAULT = new MatchPolicy(OnMultipleMatches.OPEN_ALL, OnNoMatch.NEW_CONTACT_PAGE, Optional.empty());

    /** Checks every part is present. */
    public MatchPolicy {
        Objects.requireNonNull(onMultipleMatches, "onMultipleMatches");
        Objects.requireNonNull(onNoMatch, "onNoMatch");
        Objects.requireNonNull(noMatchUrl, "noMatchUrl");
    }

    /** What several matching contacts open. */
    public enum OnMultipleMatches {
        /** Every match's page. */
        OPEN_ALL,
        /** The first match's page (the CRM's best match). */
        FIRST,
        /** The CRM's search page for the number, where it has one; else nothing (the matches are listed). */
        SEARCH_PAGE,
        /**
         * Nothing opens by itself: the answer offers every match with the page choosing it opens
         * ({@link CallPop#choices()}), and the agent picks one in the client.
         */
        PROMPT
    }

    /** What no matching contact opens. */
    public enum OnNoMatch {
        /** The CRM's new-contact page with the number filled in, where it has one; else nothing. */
        NEW_CONTACT_PAGE,
        /** The operator's {@code no-match-url}. */
        FALLBACK_URL,
        /** Nothing. */
        NOTHING
    }
}

package dev.callpop.spi;

import java.util.Objects;

/**
 * The outcome of one server-side clean-up step of a logout, for example revoking a token at the CRM.
 *
 * @param name    what the step does, as a short slug, for example {@code revoke-refresh-token}
 * @param outcome how it went
 * @param detail  a sentence for the user or operator (why it failed, why it was not needed); never a secret
 */
public record CleanupStep(String name, Outcome outcome, String detail) {

    /** Checks name and outcome are present. */
    public CleanupStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How a step went. */
    public enum Outcome {
        /** The step ran and succeeded. */
        DONE,
        /** Nothing had to be done (for example no token was sent). */
        NOT_NEEDED,
        /** The step ran and failed; {@link #detail()} says why. */
        FAILED
    }
}

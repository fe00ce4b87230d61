package dev.callpop.spi;

import java.util.List;

/**
 * The answer to a logout event.
 *
 * @param clientActions what the client must clean up, in order
 * @param serverSteps   the outcome of each server-side step the adapter ran
 */
public record LogoutResult(List<ClientAction> clientActions, List<CleanupStep> serverSteps) {

    /** Copies the lists. */
    public LogoutResult {
        clientActions = List.copyOf(clientActions);
        serverSteps = List.copyOf(serverSteps);
    }

    /**
     * Nothing to clean up, on the client or on the server.
     *
     * @return the answer
     */
    public static LogoutResult nothingToClean() {
        return new LogoutResult(List.of(), List.of());
    }
}

package dev.callpop.spi;

/**
 * Event: a call reached the agent.
 *
 * @param contact what the client knows of the caller; never {@code null}, though its fields may be
 * @param call    the call; never {@code null}, though its fields may be
 */
public record CallReceived(Contact contact, Call call) {
}

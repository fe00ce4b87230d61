package dev.callpop.spi;

/**
 * Event: a call reached the agent.
 *
 * @param contact what the client knows of the caller; never {@code null}, though its fields may be
 * @param call    the call; never {@code null}, though its fields may be
 * @param phone   the caller's number, normalised by callpop: the contact's phone, else the call's other
 *                party ({@code from} inbound, {@code to} outbound); {@code null} when there is none, or it
 *                is not a phone number (an internal extension, say)
 */
public record CallReceived(Contact contact, Call call, PhoneNumber phone) {
}

package dev.callpop.spi;

/**
 * Event: the user logged out of the telephony client.
 *
 * @param tokens the user's CRM tokens that the client holds, for adapters that revoke them; never
 *               {@code null}, though its fields may be
 */
public record Logout(CrmTokens tokens) {
}

package dev.callpop.spi;

/**
 * Something the telephony client carries out for the user: open a page, forget cached data.
 * callpop sends actions to the client in the order the adapter returns them.
 */
public sealed interface ClientAction permits OpenUrl, RemoveStorage, ClearCookies {
}

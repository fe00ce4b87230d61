/**
 * The callpop CRM adapter SPI.
 *
 * <p>A CRM adapter tells callpop how to reach a user's CRM: which page shows a contact, which page
 * shows a call log, and what to clean up when the user logs out. Start with {@link dev.callpop.spi.CrmAdapter};
 * every other type in this package is a value passed to or returned from it.
 */
package dev.callpop.spi;

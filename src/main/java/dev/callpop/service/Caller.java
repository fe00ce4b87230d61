package dev.callpop.service;

import dev.callpop.spi.CrmCredentials;

/**
 * Who sent an event: callpop's user (from the bearer token) and that user's own CRM credentials (from the
 * {@code X-CRM-*} headers).
 *
 * @param principal   the token's issuer and subject, which keys cached answers to this user
 * @param tenant      the CRM hosts the user's organisation owns
 * @param credentials the user's CRM credentials; never logged
 */
record Caller(String principal, TenantHosts tenant, CrmCredentials credentials) {

    /** Anybody, with no CRM credentials: for tests that call the service directly. */
    static final Caller ANONYMOUS = new Caller("", TenantHosts.ANY, CrmCredentials.NONE);
}

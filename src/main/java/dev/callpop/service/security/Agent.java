package dev.callpop.service.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.callpop.spi.CrmCredentials;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in agent who sent an event: callpop's user (from the bearer token) and that user's own CRM
 * credentials (from the {@code X-CRM-*} headers). Not the person on the phone, who is the caller.
 *
 * @param id             the token's issuer and subject, which keys cached answers to this agent
 * @param tenant         the CRM hosts the agent's organisation owns
 * @param crmCredentials the agent's CRM credentials; never logged
 */
public record Agent(String id, TenantHosts tenant, CrmCredentials crmCredentials) {

    /** Anybody, with no CRM credentials: for tests that call the service directly. */
    public static final Agent ANONYMOUS = new Agent("", TenantHosts.ANY, CrmCredentials.NONE);

    /**
     * The agent of a request every endpoint has authenticated with a role, so its principal is the
     * verified JWT.
     *
     * @param identity       the request's identity
     * @param hostsClaim     the claim naming the organisation's CRM hosts ({@code callpop.security.tenant-hosts-claim})
     * @param crmCredentials the agent's CRM credentials, checked for shape
     * @return the agent
     */
    public static Agent of(SecurityIdentity identity, String hostsClaim, CrmCredentials crmCredentials) {
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        return new Agent(jwt.getIssuer() + "|" + jwt.getSubject(), TenantHosts.fromClaim(hostsClaim, jwt.getClaim(hostsClaim)), crmCredentials);
    }
}

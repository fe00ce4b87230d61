package dev.callpop.service.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.spi.CrmCredentials;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in agent who sent an event: callpop's user (from the bearer token) and that user's own CRM
 * credentials (from the {@code X-CRM-*} headers). Not the person on the phone, who is the caller.
 *
 * @param id             the token's issuer and subject, which keys cached answers to this agent
 * @param tenant         the CRM hosts the agent's organisation owns
 * @param crmCredentials the agent's CRM credentials; never logged
 * @param credentialHost the CRM host the credentials were sealed for ({@link SealedCredentials}), or {@code null}
 *                       when the client sent them as the CRM gave them: a request for another host is refused
 */
public record Agent(String id, TenantHosts tenant, CrmCredentials crmCredentials, String credentialHost) {

    /** Anybody, with no CRM credentials: for tests that call the service directly. */
    public static final Agent ANONYMOUS = new Agent("", TenantHosts.ANY, CrmCredentials.NONE);

    /**
     * An agent whose credentials are bound to no host.
     *
     * @param id             the token's issuer and subject
     * @param tenant         the CRM hosts the agent's organisation owns
     * @param crmCredentials the agent's CRM credentials
     */
    public Agent(String id, TenantHosts tenant, CrmCredentials crmCredentials) {
        this(id, tenant, crmCredentials, null);
    }

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

    /**
     * @param hostname the CRM host a request acts on
     * @throws ProblemException 403 {@code crm-credential-host-mismatch} when the credentials were sealed for another host
     */
    public void checkCredentialHost(String hostname) {
        checkCredentialHost(credentialHost, hostname);
    }

    /**
     * @param sealedFor the CRM host a sealed credential was issued for, or {@code null} when it names none
     * @param hostname  the CRM host a request acts on
     * @throws ProblemException 403 {@code crm-credential-host-mismatch} when they differ
     */
    public static void checkCredentialHost(String sealedFor, String hostname) {
        if (sealedFor != null && !sealedFor.equalsIgnoreCase(hostname)) {
            throw new ProblemException(ProblemKind.CRM_CREDENTIAL_HOST_MISMATCH, "hostname", "The sealed CRM credential (X-CRM-Token) was issued for "
                    + "another CRM host than hostname '" + hostname + "': send the credential signed in at that host, or sign in there.");
        }
    }
}

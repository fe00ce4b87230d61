package dev.callpop.service.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonString;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.spi.HostPattern;

/**
 * The CRM hosts one organisation's token allows, or no restriction when its token names none.
 *
 * @param hosts the allowed host patterns; empty means no restriction
 */
public record TenantHosts(Optional<List<HostPattern>> hosts) {

    /** No tenant restriction: the token carries no hosts claim. */
    public static final TenantHosts ANY = new TenantHosts(Optional.empty());

    /**
     * Reads the hosts claim of a token.
     *
     * @param claimName the claim's name, for messages
     * @param claim     the claim's value: absent, one string, or an array of strings
     * @return the tenant's hosts
     * @throws ProblemException 403 when the claim is present but not host names (a token that cannot
     *                          say which hosts it owns owns none)
     */
    public static TenantHosts fromClaim(String claimName, Object claim) {
        if (claim == null) {
            return ANY;
        }
        List<Object> values = claim instanceof Collection<?> many ? new ArrayList<>(many) : List.of(claim);
        List<HostPattern> patterns = new ArrayList<>();
        for (Object value : values) {
            String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
            try {
                patterns.add(HostPattern.parse(text == null ? "" : text));
            } catch (IllegalArgumentException e) {
                throw forbidden("The token's " + claimName + " claim is not a list of host names, so it allows no CRM host.");
            }
        }
        return new TenantHosts(Optional.of(List.copyOf(patterns)));
    }

    /**
     * @param hostname the validated hostname of a request
     * @throws ProblemException 403 {@code tenant-host-forbidden} when the token restricts hosts and this is not one
     */
    public void check(String hostname) {
        if (hosts.isPresent() && hosts.get().stream().noneMatch(pattern -> pattern.matches(hostname))) {
            throw forbidden("This token belongs to an organisation whose CRM hosts are " + hosts.get()
                    + "; it may not act on " + hostname + ".");
        }
    }

    /**
     * For a request that names no host yet (a sign-in whose CRM answers the host later): refuses a token that
     * allows none at all.
     *
     * @throws ProblemException 403 {@code tenant-host-forbidden} when the token's hosts claim is an empty list
     */
    public void checkAny() {
        if (hosts.isPresent() && hosts.get().isEmpty()) {
            throw forbidden("This token belongs to an organisation with no CRM hosts; it may act on none.");
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemKind.TENANT_HOST_FORBIDDEN, "hostname", detail);
    }
}

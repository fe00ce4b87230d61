package dev.callpop.service.events;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.crm.CrmCalls;
import dev.callpop.service.crm.CrmFailures;
import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.crm.Hostnames;
import dev.callpop.service.crm.NoMatchUrl;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.security.Agent;
import dev.callpop.spi.Call;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CallReceived;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmId;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.WireWords;
import io.smallrye.mutiny.Uni;

/**
 * The three events, from what the client sent to what its CRM's adapter answered. Everything the SPI
 * promises adapters is enforced here before the call: the CRM is served, the hostname is the CRM's and
 * the agent's organisation's, contact types are the CRM's, the phone number is one. Every adapter call
 * goes through the CRM's guard ({@link CrmCalls}), and every page answered is checked ({@link PageCheck}).
 */
@Singleton
public class CrmEvents {

    private final CrmRegistry registry;
    private final PhoneNumbers phoneNumbers;
    private final CallerLookups lookups;
    private final CrmCalls guard;
    private final CallpopMetrics metrics;

    CrmEvents(CrmRegistry registry, PhoneNumbers phoneNumbers, CallerLookups lookups, CrmCalls guard, CallpopMetrics metrics) {
        this.metrics = metrics;
        this.registry = registry;
        this.phoneNumbers = phoneNumbers;
        this.lookups = lookups;
        this.guard = guard;
    }

    /**
     * A call rang or was answered.
     *
     * @param crmId    the CRM id
     * @param hostname the client's CRM host, or {@code null} for the CRM's default
     * @param contact  what the client knows of the caller
     * @param call     the call
     * @param preferences the user's own pop preferences, held to what the operator allows
     * @param userSettings the user's own CRM settings the client sent, by name (checked by the API)
     * @param agent    the signed-in agent
     * @param arrivedAt when the request arrived ({@link System#nanoTime()}): a look-up answers by then plus the CRM's time limit
     * @return the pages to open, or the matches to choose from; right away unless the caller is looked up in the CRM
     */
    public Uni<CallPop> callReceived(String crmId, String hostname, ClientContact contact, Call call, PopPreferences preferences,
            Map<String, String> userSettings, Agent agent, long arrivedAt) {
        RegisteredCrm crm = served(crmId);
        Contact known = contact(crm, contact);
        String host = hostname(crm, hostname, agent);
        PopRules rules = PopRules.of(crm, preferences);
        Optional<String> outsideRules = rules.refusal(call);
        if (outsideRules.isPresent()) {
            return Uni.createFrom().item(CallPop.nothing(outsideRules.get()));
        }
        PhoneNumber phone = null;
        Map.Entry<String, String> raw = known.id() == null ? callerNumber(contact, call) : null;
        if (raw != null) {
            phone = phoneNumbers.parse(raw.getValue()).orElse(null);
            if (phone == null && crm.settings().invalidPhone() == CrmsConfig.InvalidPhone.REJECT) {
                throw ProblemException.invalid(raw.getKey(), "is not a phone number callpop can look up");
            }
            if (phone == null) {
                return Uni.createFrom().item(CallPop.nothing(raw.getKey()
                        + " is not a phone number callpop can look up (an extension or a malformed number), so nothing was opened."));
            }
        }
        CallReceived event = new CallReceived(known, call, phone);
        CrmContext context = context(crm, host, agent, userSettings);
        MatchPolicy policy = policy(crm, host, phone, rules.onMultipleMatches());
        if (event.needsLookUp(crm.description())) {
            return lookups.lookUp(crm, phone, context, policy, agent, arrivedAt).map(pop -> PageCheck.checked(crm, pop));
        }
        // No look-up: the adapter only builds a page, right here on the I/O thread (the SPI's threading rules).
        try {
            return Uni.createFrom().item(PageCheck.checked(crm, guard.build(crm, () -> withoutLookUp(crm, event, context, policy))));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static CallPop withoutLookUp(RegisteredCrm crm, CallReceived event, CrmContext context, MatchPolicy policy) {
        if (event.contact().id() != null) {
            return CallPops.knownContact(crm, event.contact(), context);
        }
        if (event.phone() == null) {
            return CallPop.nothing("The client sent no contact id and no phone number callpop could look up.");
        }
        return CallPops.withoutLookUp(crm, event.phone(), context, policy);
    }

    /**
     * The agent wants to see a call log.
     *
     * @param crmId    the CRM id
     * @param hostname the client's CRM host, or {@code null} for the CRM's default
     * @param logId    the log's id
     * @param contact  the contact the log belongs to, or {@code null}
     * @param userSettings the user's own CRM settings the client sent, by name (checked by the API)
     * @param agent    the signed-in agent
     * @return the page to open
     */
    public CallPop openLogPage(String crmId, String hostname, String logId, ClientContact contact, Map<String, String> userSettings, Agent agent) {
        RegisteredCrm crm = served(crmId);
        CrmContext context = context(crm, hostname(crm, hostname, agent), agent, userSettings);
        OpenLogPage event = new OpenLogPage(logId, contact == null ? null : contact(crm, contact));
        return PageCheck.checked(crm, guard.build(crm, () -> CallPops.logPage(crm, event, context)));
    }

    /**
     * The agent logged out. The adapter's server-side clean-up (revoking tokens at the CRM) runs under the
     * CRM's guard; when the CRM fails to answer in time, the client still gets its clean-up actions, and the
     * server-side clean-up is reported as a failed step that callpop does not retry.
     *
     * @param crmId    the CRM id
     * @param hostname the client's CRM host, or {@code null} for the CRM's default
     * @param tokens   the agent's CRM tokens to revoke
     * @param agent    the signed-in agent
     * @param arrivedAt when the request arrived ({@link System#nanoTime()}): the answer comes by then plus the CRM's time limit
     * @return the client's clean-up actions and the outcome of each server-side step
     */
    public Uni<LogoutResult> logout(String crmId, String hostname, CrmTokens tokens, Agent agent, long arrivedAt) {
        RegisteredCrm crm = served(crmId);
        CrmContext context = context(crm, hostname(crm, hostname, agent), agent, Map.of());
        lookups.forget(crm.id(), agent);
        // The client's clean-up is pure (the SPI): built here, and answered whatever becomes of the CRM's.
        List<ClientAction> clientActions;
        try {
            clientActions = guard.build(crm, () -> crm.adapter().clientCleanup(context));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return guard.call(crm, WireWords.of(CrmEvent.LOGOUT), arrivedAt, () -> crm.adapter().revokeCredentials(tokens, context))
                .onFailure(CrmFailures::isOutage).recoverWithItem(failure -> List.of(crmCleanUpFailed(crm, failure)))
                .map(steps -> {
                    steps.forEach(step -> metrics.logoutStep(crm.id(), WireWords.of(step.outcome())));
                    return PageCheck.checked(crm, new LogoutResult(clientActions, steps));
                });
    }

    private static CleanupStep crmCleanUpFailed(RegisteredCrm crm, Throwable failure) {
        return new CleanupStep("crm-clean-up", CleanupStep.Outcome.FAILED, crm.displayName() + CrmFailures.outageReason(crm, failure)
                + ", so callpop could not confirm the CRM's clean-up (revoking tokens); some of it may have been done. "
                + "callpop will not retry it: revoke the tokens in the CRM if they must not outlive the session.");
    }

    /**
     * Where a request that writes to the CRM (a call log) goes, settled as for every event: the CRM is served, the host
     * is one the agent may act on and the one a sealed credential is for.
     *
     * @param crmId    the CRM id
     * @param hostname the client's CRM host, or {@code null} for the CRM's default
     * @param agent    the signed-in agent
     * @return the CRM, the host and the adapter's context
     */
    public Target target(String crmId, String hostname, Agent agent) {
        RegisteredCrm crm = served(crmId);
        String host = hostname(crm, hostname, agent);
        return new Target(crm, context(crm, host, agent, Map.of()));
    }

    /**
     * The CRM and context of a request.
     *
     * @param crm     the CRM
     * @param context the adapter's context: the checked host, the agent's credentials
     */
    public record Target(RegisteredCrm crm, CrmContext context) {
    }

    /**
     * @param crm     the CRM
     * @param contact what the client sent of a contact
     * @return the contact, its type one of the CRM's
     * @throws ProblemException 400 for a type the CRM does not have, or a missing type where the CRM has several
     */
    public static Contact contactOf(RegisteredCrm crm, ClientContact contact) {
        return contact(crm, contact);
    }

    /**
     * @param raw a number as the client sent it
     * @return the number, normalised, or empty when it cannot be one
     */
    public Optional<PhoneNumber> phoneNumber(String raw) {
        return phoneNumbers.parse(raw);
    }

    /**
     * The contacts with a number, with the look-up, cache and guard of a call-received.
     *
     * @param target    the CRM and context
     * @param phone     the number
     * @param agent     the signed-in agent
     * @param arrivedAt when the request arrived ({@link System#nanoTime()})
     * @return the matches, best first, or the guard's failure
     */
    public Uni<List<ContactMatch>> callers(Target target, PhoneNumber phone, Agent agent, long arrivedAt) {
        return lookups.matches(target.crm(), phone, target.context(), agent, arrivedAt);
    }

    /**
     * @param id a CRM id from a request
     * @return the served CRM with that id
     * @throws ProblemException 404 {@code unknown-crm} when there is none
     */
    public RegisteredCrm served(String id) {
        return registry.find(id).orElseThrow(() -> new ProblemException(ProblemKind.UNKNOWN_CRM, null,
                "No CRM " + (CrmId.isValid(id) ? "'" + id + "'" : "with that id")
                        + " is served here. GET /api/v1/crms lists the CRMs that are."));
    }

    /** The number to look the caller up by, and the field it came from: the contact's, else the other party's. */
    private static Map.Entry<String, String> callerNumber(ClientContact contact, Call call) {
        if (contact.phone() != null) {
            return Map.entry("contact.phone", contact.phone());
        }
        boolean outbound = call.direction() == Call.Direction.OUTBOUND;
        String number = outbound ? call.to() : call.from();
        return number == null ? null : Map.entry(outbound ? "call.to" : "call.from", number);
    }

    /** The request's CRM host: the client's or the CRM's default, one the agent may act on, and the one its sealed credential is for. */
    private static String hostname(RegisteredCrm crm, String requested, Agent agent) {
        String hostname = agentHostname(crm, requested, agent).orElseThrow(() -> ProblemException.invalid("hostname",
                "is required for " + crm.id() + ": the user's CRM host, for example " + crm.exampleHost()));
        agent.checkCredentialHost(hostname);
        return hostname;
    }

    /**
     * The one rule for "may this agent act on this CRM host", for every request that names a host (the events,
     * a sign-in's start and refresh): the client's hostname, else the CRM's default, checked to be the CRM's
     * ({@link #clientHostname}) and the agent's organisation's ({@link dev.callpop.service.security.TenantHosts}).
     * Hosts a CRM answers are held to the same two checks ({@link #checkAnsweredHost}).
     *
     * @param crm       the CRM
     * @param requested the client's hostname, or {@code null} or empty when it sent none
     * @param agent     the signed-in agent
     * @return the host, or empty when the client sent none and the CRM has no default (a token that allows no host
     *         at all is refused even then)
     * @throws ProblemException 400 for a malformed or another CRM's host, 403 {@code tenant-host-forbidden} for a host
     *                          outside the agent's organisation
     */
    public static Optional<String> agentHostname(RegisteredCrm crm, String requested, Agent agent) {
        Optional<String> hostname = clientHostname(crm, requested).or(crm::defaultHostname);
        hostname.ifPresentOrElse(agent.tenant()::check, agent.tenant()::checkAny);
        return hostname;
    }

    /**
     * A host the CRM answered (at a sign-in: Pipedrive's {@code api_domain}, Bullhorn's ATS host), held to the rule of
     * {@link #agentHostname}: one of the CRM's hosts, and the agent's organisation's.
     *
     * @param crm      the CRM
     * @param hostname the host it answered
     * @param agent    the signed-in agent
     * @throws CrmUnavailableException (503) when it is not one of the CRM's hosts: the CRM's answer is wrong
     * @throws ProblemException        403 {@code tenant-host-forbidden} when the agent's organisation does not own it
     */
    public static void checkAnsweredHost(RegisteredCrm crm, String hostname, Agent agent) {
        if (Hostnames.fault(hostname).isPresent() || !crm.isOwnHost(Hostnames.normalise(hostname))) {
            throw new CrmUnavailableException(crm.displayName() + " answered a host that is not one of its hosts " + crm.hosts(), null);
        }
        agent.tenant().check(Hostnames.normalise(hostname));
    }

    /**
     * A CRM host a client sent, checked: a host name, and one of the CRM's hosts.
     *
     * @param crm       the CRM
     * @param requested the client's hostname, or {@code null} or empty when it sent none
     * @return the normalised hostname, or empty when the client sent none
     * @throws ProblemException 400 {@code invalid-request} for a malformed name, {@code host-not-allowed} for another's host
     */
    public static Optional<String> clientHostname(RegisteredCrm crm, String requested) {
        if (requested == null || requested.isEmpty()) {
            return Optional.empty();
        }
        Hostnames.fault(requested).ifPresent(fault -> {
            throw ProblemException.invalid("hostname", fault);
        });
        String hostname = Hostnames.normalise(requested);
        if (!crm.isOwnHost(hostname)) {
            throw new ProblemException(ProblemKind.HOST_NOT_ALLOWED, "hostname", "hostname '" + hostname
                    + "' is not a host of " + crm.displayName() + "; its hosts are " + crm.hosts());
        }
        return Optional.of(hostname);
    }

    private static CrmContext context(RegisteredCrm crm, String hostname, Agent agent, Map<String, String> userSettings) {
        return new CrmContext(hostname, crm.canOpenLogPage(), agent.crmCredentials(), userSettings);
    }

    /** What a call's matches open: the user's or operator's choice for several, the operator's for none. */
    private static MatchPolicy policy(RegisteredCrm crm, String hostname, PhoneNumber phone, MatchPolicy.OnMultipleMatches onMultipleMatches) {
        CrmsConfig.CrmSettings settings = crm.settings();
        Optional<URI> noMatchUrl = phone == null ? Optional.empty()
                : settings.noMatchUrl().map(template -> NoMatchUrl.build(template, hostname, phone));
        return new MatchPolicy(onMultipleMatches, settings.onNoMatch(), noMatchUrl);
    }

    private static Contact contact(RegisteredCrm crm, ClientContact input) {
        List<ContactType> types = crm.description().contactTypes();
        ContactType type = null;
        if (!types.isEmpty()) {
            String names = types.stream().map(ContactType::display).collect(Collectors.joining(", "));
            if (input.type() != null) {
                type = types.stream().filter(t -> t.isNamedBy(input.type())).findFirst()
                        .orElseThrow(() -> new ProblemException(ProblemKind.UNKNOWN_CONTACT_TYPE, "contact.type",
                                "contact.type '" + input.type() + "' is not a contact type of " + crm.displayName()
                                        + "; it has " + names));
            } else if (types.size() == 1) {
                type = types.get(0); // the CRM's only kind of contact needs no naming
            } else if (input.id() != null) {
                throw ProblemException.invalid("contact.type", "is required with contact.id for " + crm.id() + ": one of " + names);
            }
        }
        // Types sent for a CRM with one kind of contact are ignored: generic clients send them to every CRM.
        return new Contact(input.id(), input.name(), input.phone(), type);
    }
}

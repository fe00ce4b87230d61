package dev.callpop.service;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CallReceived;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClearCookies;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.RemoveStorage;
import io.smallrye.mutiny.Uni;

/**
 * Turns a client's event into an adapter call and the adapter's answer into the client's actions.
 * Everything the SPI promises adapters is enforced here: the hostname is the CRM's, contact types are
 * the CRM's, and no URL leaves callpop unless it is https on one of the CRM's hosts.
 */
@Singleton
public class CrmEvents {

    static final String CALL_RECEIVED = "call-received";
    static final String OPEN_LOG_PAGE = "open-log-page";
    static final String LOGOUT = "logout";

    private final CrmRegistry registry;
    private final PhoneNumbers phoneNumbers;
    private final CrmCalls calls;

    CrmEvents(CrmRegistry registry, PhoneNumbers phoneNumbers, CrmCalls calls) {
        this.registry = registry;
        this.phoneNumbers = phoneNumbers;
        this.calls = calls;
    }

    /** @return the answer; right away unless the caller is looked up in the CRM (see {@link CrmCalls}) */
    Uni<EventAnswer> callReceived(String crmId, CallReceivedRequest request, Caller caller) {
        RegisteredCrm crm = registry.get(crmId);
        Contact contact = contact(crm, request.contact());
        Call call = call(request.call());
        String hostname = hostname(crm, request.hostname(), caller);
        Optional<String> outsideRules = PopRules.refusal(crm, call);
        if (outsideRules.isPresent()) {
            return Uni.createFrom().item(answer(crm, CALL_RECEIVED, CallPop.nothing(outsideRules.get())));
        }
        PhoneNumber phone = null;
        Map.Entry<String, String> raw = contact.id() == null ? callerNumber(request) : null;
        if (raw != null) {
            phone = phoneNumbers.parse(raw.getValue()).orElse(null);
            if (phone == null && crm.settings().invalidPhone() == CrmsConfig.InvalidPhone.REJECT) {
                throw ProblemException.invalid(raw.getKey(), "is not a phone number callpop can look up");
            }
            if (phone == null) {
                return Uni.createFrom().item(answer(crm, CALL_RECEIVED, CallPop.nothing(raw.getKey()
                        + " is not a phone number callpop can look up (an extension or a malformed number), so nothing was opened.")));
            }
        }
        return calls.callReceived(crm, new CallReceived(contact, call, phone), context(crm, hostname, caller, phone), caller.principal())
                .map(pop -> answer(crm, CALL_RECEIVED, pop));
    }

    EventAnswer openLogPage(String crmId, OpenLogPageRequest request, Caller caller) throws Exception {
        RegisteredCrm crm = registry.get(crmId);
        CrmContext context = context(crm, hostname(crm, request.hostname(), caller), caller, null);
        Contact contact = request.contact() == null ? null : contact(crm, request.contact());
        OpenLogPage event = new OpenLogPage(request.logId(), contact);
        return answer(crm, OPEN_LOG_PAGE, CrmCalls.translated(crm, () -> crm.adapter().openLogPage(event, context)));
    }

    EventAnswer logout(String crmId, LogoutRequest request, Caller caller) throws Exception {
        RegisteredCrm crm = registry.get(crmId);
        CrmContext context = context(crm, hostname(crm, request.hostname(), caller), caller, null);
        TokensInput tokens = request.tokens();
        Logout event = new Logout(tokens == null ? CrmTokens.NONE : new CrmTokens(tokens.accessToken(), tokens.refreshToken()));
        LogoutResult result = CrmCalls.translated(crm, () -> crm.adapter().logout(event, context));
        List<EventAnswer.ActionView> actions = result.clientActions().stream().map(action -> view(crm, action)).toList();
        List<EventAnswer.StepView> steps = result.serverSteps().stream().map(CrmEvents::view).toList();
        return new EventAnswer(crm.id(), LOGOUT, actions, List.of(), null, steps);
    }

    /** The number to look the caller up by, and the field it came from: the contact's, else the other party's. */
    private static Map.Entry<String, String> callerNumber(CallReceivedRequest request) {
        if (request.contact() != null && request.contact().phone() != null) {
            return Map.entry("contact.phone", request.contact().phone());
        }
        CallInput call = request.call();
        if (call == null) {
            return null;
        }
        boolean outbound = "outbound".equals(call.direction());
        String number = outbound ? call.to() : call.from();
        return number == null ? null : Map.entry(outbound ? "call.to" : "call.from", number);
    }

    /** The request's CRM host: the client's, checked to be the CRM's and the caller's organisation's, or the default. */
    private static String hostname(RegisteredCrm crm, String requested, Caller caller) {
        String hostname;
        if (requested == null || requested.isEmpty()) {
            hostname = crm.defaultHostname().orElseThrow(() -> ProblemException.invalid("hostname",
                    "is required for " + crm.id() + ": the user's CRM host, for example "
                            + crm.hosts().get(0).pattern().replace("*", "acme")));
        } else {
            hostname = Hostnames.parse("hostname", requested);
            if (!crm.isOwnHost(hostname)) {
                throw new ProblemException(400, ProblemKind.HOST_NOT_ALLOWED, "hostname", "hostname '" + hostname
                        + "' is not a host of " + crm.description().displayName() + "; its hosts are " + crm.hosts());
            }
        }
        caller.tenant().check(hostname);
        return hostname;
    }

    private static CrmContext context(RegisteredCrm crm, String hostname, Caller caller, PhoneNumber phone) {
        CrmsConfig.CrmSettings settings = crm.settings();
        Optional<URI> noMatchUrl = phone == null ? Optional.empty()
                : settings.noMatchUrl().map(template -> NoMatchUrl.build(template, hostname, phone));
        MatchPolicy policy = new MatchPolicy(settings.onMultipleMatches(), settings.onNoMatch(), noMatchUrl);
        return new CrmContext(hostname, crm.canOpenLogPage(), caller.credentials(), policy);
    }

    private static Contact contact(RegisteredCrm crm, ContactInput input) {
        if (input == null) {
            return new Contact(null, null, null, null);
        }
        List<ContactType> types = crm.description().contactTypes();
        ContactType type = null;
        if (!types.isEmpty()) {
            String names = types.stream().map(ContactType::display).collect(Collectors.joining(", "));
            if (input.type() != null) {
                type = types.stream().filter(t -> t.isNamedBy(input.type())).findFirst()
                        .orElseThrow(() -> new ProblemException(400, ProblemKind.UNKNOWN_CONTACT_TYPE, "contact.type",
                                "contact.type '" + input.type() + "' is not a contact type of " + crm.description().displayName()
                                        + "; it has " + names));
            } else if (input.id() != null) {
                throw ProblemException.invalid("contact.type", "is required with contact.id for " + crm.id() + ": one of " + names);
            }
        }
        // Types sent for a CRM with one kind of contact are ignored: generic clients send them to every CRM.
        return new Contact(input.id(), input.name(), input.phone(), type);
    }

    private static Call call(CallInput input) {
        if (input == null) {
            return new Call(null, null, null, null, null);
        }
        return new Call(input.id(),
                input.direction() == null ? null : Call.Direction.valueOf(input.direction().toUpperCase(Locale.ROOT)),
                input.from(), input.to(),
                input.phase() == null ? null : Call.Phase.valueOf(input.phase().toUpperCase(Locale.ROOT)));
    }

    private static EventAnswer answer(RegisteredCrm crm, String event, CallPop pop) {
        List<EventAnswer.ActionView> actions = pop.actions().stream().map(action -> view(crm, action)).toList();
        List<EventAnswer.MatchView> matches = pop.matches().stream().map(CrmEvents::view).toList();
        return new EventAnswer(crm.id(), event, actions, matches, pop.reason(), List.of());
    }

    private static EventAnswer.ActionView view(RegisteredCrm crm, ClientAction action) {
        if (action instanceof OpenUrl open) {
            return new EventAnswer.ActionView("open-url", checkedUrl(crm, open.url()), slug(open.target()), null, null);
        }
        if (action instanceof RemoveStorage remove) {
            return new EventAnswer.ActionView("remove-storage", null, null, remove.keys(), null);
        }
        ClearCookies clear = (ClearCookies) action;
        return new EventAnswer.ActionView("clear-cookies", null, null, null, clear.domain());
    }

    /** The last line of defence against an open redirect: a bug in an adapter becomes a 500, never a URL. */
    private static String checkedUrl(RegisteredCrm crm, URI url) {
        if (!"https".equals(url.getScheme()) || !UrlTemplate.isOnHosts(url, crm.hosts())) {
            throw new IllegalStateException("CRM adapter " + CrmRegistry.className(crm.adapter())
                    + " returned a URL that is not https on one of its hosts " + crm.hosts() + ": " + url);
        }
        return url.toASCIIString();
    }

    private static EventAnswer.MatchView view(ContactMatch match) {
        return new EventAnswer.MatchView(match.id(), match.name(), match.type() == null ? null : match.type().value());
    }

    private static EventAnswer.StepView view(CleanupStep step) {
        return new EventAnswer.StepView(step.name(), slug(step.outcome()), step.detail());
    }

    private static String slug(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package dev.callpop.service.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.callpop.service.events.CrmEvent;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClearCookies;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.ContactChoice;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.RemoveStorage;
import dev.callpop.spi.WireWords;

/**
 * callpop's answer to every event: which CRM, which event, and the actions the client carries out in
 * order. {@code matches}, {@code reason} and {@code steps} appear only when they have something to say.
 *
 * @param crm     the CRM id
 * @param event   {@code call-received}, {@code open-log-page} or {@code logout}
 * @param actions what the client does, in order; may be empty
 * @param matches the contacts found for the caller
 * @param reason  why nothing, or something other than what was asked, is opened
 * @param steps   the outcome of each server-side clean-up step of a logout
 */
@JsonPropertyOrder({"crm", "event", "actions", "matches", "reason", "steps"})
public record EventAnswer(
        String crm,
        String event,
        List<Action> actions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Match> matches,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Step> steps) {

    /**
     * @param crm   the CRM id
     * @param event the event
     * @param pop   the adapter's checked answer
     * @return the answer
     */
    public static EventAnswer of(String crm, CrmEvent event, CallPop pop) {
        List<Action> actions = pop.actions().stream().map(Action::of).toList();
        if (!pop.choices().isEmpty()) {
            actions = List.of(Action.chooseContact(pop.choices()));
        }
        return new EventAnswer(crm, WireWords.of(event), actions,
                pop.matches().stream().map(Match::of).toList(), pop.reason(), List.of());
    }

    /**
     * @param crm    the CRM id
     * @param result the adapter's checked answer to a logout
     * @return the answer
     */
    static EventAnswer of(String crm, LogoutResult result) {
        return new EventAnswer(crm, WireWords.of(CrmEvent.LOGOUT), result.clientActions().stream().map(Action::of).toList(),
                List.of(), null, result.serverSteps().stream().map(Step::of).toList());
    }

    /**
     * One action for the client.
     *
     * @param type     {@code open-url}, {@code remove-storage}, {@code clear-cookies} or {@code choose-contact}
     * @param url      for {@code open-url}: the https page to open
     * @param target   for {@code open-url}: {@code tab} or {@code popup}
     * @param keys     for {@code remove-storage}: the storage keys to remove
     * @param domain   for {@code clear-cookies}: the cookie domain
     * @param contacts for {@code choose-contact}: the contacts the agent chooses from, best first, each with
     *                 the page to open when chosen
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "url", "target", "keys", "domain", "contacts"})
    public record Action(String type, String url, String target, List<String> keys, String domain, List<Choice> contacts) {

        static Action of(ClientAction action) {
            if (action instanceof OpenUrl open) {
                return new Action("open-url", open.url().toASCIIString(), WireWords.of(open.target()), null, null, null);
            }
            if (action instanceof RemoveStorage remove) {
                return new Action("remove-storage", null, null, remove.keys(), null, null);
            }
            ClearCookies clear = (ClearCookies) action;
            return new Action("clear-cookies", null, null, null, clear.domain(), null);
        }

        static Action chooseContact(List<ContactChoice> choices) {
            return new Action("choose-contact", null, null, null, null, choices.stream().map(Choice::of).toList());
        }
    }

    /**
     * A contact the agent may choose, and the page choosing it opens (already checked to be https on the
     * CRM's hosts, like every page answered).
     *
     * @param id     its record id
     * @param name   its name, when the CRM has one
     * @param type   its contact type (the CRM's value), for CRMs with several
     * @param url    the https page to open when the agent chooses it
     * @param target {@code tab} or {@code popup}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "name", "type", "url", "target"})
    public record Choice(String id, String name, String type, String url, String target) {

        static Choice of(ContactChoice choice) {
            Match match = Match.of(choice.contact());
            return new Choice(match.id(), match.name(), match.type(), choice.page().url().toASCIIString(), WireWords.of(choice.page().target()));
        }
    }

    /**
     * A contact found for the caller.
     *
     * @param id   its record id
     * @param name its name, when the CRM has one
     * @param type its contact type (the CRM's value), for CRMs with several
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(String id, String name, String type) {

        static Match of(ContactMatch match) {
            return new Match(match.id(), match.name(), match.type() == null ? null : match.type().value());
        }
    }

    /**
     * The outcome of one server-side clean-up step.
     *
     * @param name    what the step does
     * @param outcome {@code done}, {@code not-needed} or {@code failed}
     * @param detail  why it failed or was not needed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, String outcome, String detail) {

        static Step of(CleanupStep step) {
            return new Step(step.name(), WireWords.of(step.outcome()), step.detail());
        }
    }
}

package dev.callpop.service.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
import io.quarkus.runtime.annotations.RegisterForReflection;

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
@Schema(description = "callpop's answer to an event: the actions the client carries out, in order.", requiredProperties = {"crm", "event", "actions"})
public record EventAnswer(
        @Schema(description = "The CRM id.", examples = "sample") String crm,
        @Schema(enumeration = {"call-received", "open-log-page", "logout"}) String event,
        @Schema(description = "What the client does, in order; may be empty (then `reason` says why).") List<Action> actions,
        @Schema(description = "The contacts found for the caller, when the CRM was searched.")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Match> matches,
        @Schema(description = "Why nothing, or something other than what was asked, is opened.")
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @Schema(description = "For a logout: the outcome of each server-side clean-up step.")
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
     * One action for the client, told apart by its {@code type}: {@code open-url}, {@code remove-storage},
     * {@code clear-cookies} or {@code choose-contact}. A client ignores a type it does not know.
     */
    @Schema(name = "Action", description = "One thing for the client to do, told apart by `type`. A client skips a type it does not know.",
            oneOf = {OpenUrlAction.class, RemoveStorageAction.class, ClearCookiesAction.class, ChooseContactAction.class},
            discriminatorProperty = "type", discriminatorMapping = {
            @DiscriminatorMapping(value = OpenUrlAction.TYPE, schema = OpenUrlAction.class),
            @DiscriminatorMapping(value = RemoveStorageAction.TYPE, schema = RemoveStorageAction.class),
            @DiscriminatorMapping(value = ClearCookiesAction.TYPE, schema = ClearCookiesAction.class),
            @DiscriminatorMapping(value = ChooseContactAction.TYPE, schema = ChooseContactAction.class)})
    public sealed interface Action permits OpenUrlAction, RemoveStorageAction, ClearCookiesAction, ChooseContactAction {

        /** @return the action's kind, such as {@code open-url} */
        String type();

        static Action of(ClientAction action) {
            if (action instanceof OpenUrl open) {
                return new OpenUrlAction(OpenUrlAction.TYPE, open.url().toASCIIString(), WireWords.of(open.target()));
            }
            if (action instanceof RemoveStorage remove) {
                return new RemoveStorageAction(RemoveStorageAction.TYPE, remove.keys());
            }
            ClearCookies clear = (ClearCookies) action;
            return new ClearCookiesAction(ClearCookiesAction.TYPE, clear.domain());
        }

        static Action chooseContact(List<ContactChoice> choices) {
            return new ChooseContactAction(ChooseContactAction.TYPE, choices.stream().map(Choice::of).toList());
        }
    }

    /**
     * Open a CRM page.
     *
     * @param type   {@code open-url}
     * @param url    the https page to open, on one of the CRM's hosts
     * @param target {@code tab} or {@code popup}
     */
    @JsonPropertyOrder({"type", "url", "target"})
    @RegisterForReflection
    @Schema(description = "Open a page of the CRM.", requiredProperties = {"type", "url", "target"})
    public record OpenUrlAction(
            @Schema(constValue = TYPE) String type,
            @Schema(format = "uri", description = "The https page to open; always on one of the CRM's hosts (callpop checks it).",
                    examples = "https://crm.example.com?contactId=1001") String url,
            @Schema(enumeration = {"tab", "popup"}, description = "`tab`: a new tab the agent switches to; `popup`: a small window "
                    + "that gives the focus back to the softphone (Bullhorn's record window).") String target) implements Action {
        static final String TYPE = "open-url";
    }

    /**
     * Remove what the client stored for the CRM.
     *
     * @param type {@code remove-storage}
     * @param keys the keys to remove from the client's own storage
     */
    @JsonPropertyOrder({"type", "keys"})
    @RegisterForReflection
    @Schema(description = "Remove what the client cached for the CRM (a logout's clean-up).", requiredProperties = {"type", "keys"})
    public record RemoveStorageAction(
            @Schema(constValue = TYPE) String type,
            @Schema(description = "The keys to remove from the client's own storage (`localStorage`, an extension's storage).",
                    examples = "[\"callpop.bullhorn.username\", \"callpop.bullhorn.user-urls\"]") List<String> keys) implements Action {
        static final String TYPE = "remove-storage";
    }

    /**
     * Clear the CRM's cookies.
     *
     * @param type   {@code clear-cookies}
     * @param domain the cookie domain
     */
    @JsonPropertyOrder({"type", "domain"})
    @RegisterForReflection
    @Schema(description = "Clear the cookies of a domain (a logout's clean-up, for clients that may: browser extensions).",
            requiredProperties = {"type", "domain"})
    public record ClearCookiesAction(
            @Schema(constValue = TYPE) String type,
            @Schema(description = "The cookie domain.", examples = "crm.example.com") String domain) implements Action {
        static final String TYPE = "clear-cookies";
    }

    /**
     * Let the agent choose one of several contacts; nothing opens by itself.
     *
     * @param type     {@code choose-contact}
     * @param contacts the contacts to choose from, best first, each with the page choosing it opens
     */
    @JsonPropertyOrder({"type", "contacts"})
    @RegisterForReflection
    @Schema(description = "Several contacts have the caller's number and the match policy is `prompt`: show the agent a picker; nothing "
            + "opens by itself. The client opens the chosen contact's `url` without asking callpop again.",
            requiredProperties = {"type", "contacts"})
    public record ChooseContactAction(
            @Schema(constValue = TYPE) String type,
            @Schema(description = "The contacts to choose from, best first.") List<Choice> contacts) implements Action {
        static final String TYPE = "choose-contact";
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
    @Schema(description = "A contact the agent may choose, and the page choosing it opens.", requiredProperties = {"id", "url", "target"})
    public record Choice(
            @Schema(description = "The contact's record id.") String id,
            @Schema(description = "Its name, when the CRM has one.") String name,
            @Schema(description = "Its contact type (the CRM's value), for CRMs with several (Bullhorn: Candidate, Contact, Lead).") String type,
            @Schema(format = "uri", description = "The https page to open when the agent chooses it, checked like every page answered.") String url,
            @Schema(enumeration = {"tab", "popup"}) String target) {

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
    @Schema(description = "A contact found for the caller.", requiredProperties = "id")
    public record Match(
            @Schema(description = "The contact's record id.") String id,
            @Schema(description = "Its name, when the CRM has one.") String name,
            @Schema(description = "Its contact type (the CRM's value), for CRMs with several.") String type) {

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
    @Schema(description = "The outcome of one server-side clean-up step of a logout.", requiredProperties = {"name", "outcome"})
    public record Step(
            @Schema(description = "What the step does, such as `revoke-refresh-token`.") String name,
            @Schema(enumeration = {"done", "not-needed", "failed"}) String outcome,
            @Schema(description = "Why it failed or was not needed.") String detail) {

        static Step of(CleanupStep step) {
            return new Step(step.name(), WireWords.of(step.outcome()), step.detail());
        }
    }
}

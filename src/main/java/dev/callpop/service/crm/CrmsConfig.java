package dev.callpop.service.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.callpop.spi.Call;
import dev.callpop.spi.MatchPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithName;

/**
 * How the operator tunes each CRM adapter: {@code callpop.crms."<id>".*}, where {@code <id>} is the
 * adapter's id ({@code sample}, {@code pipedrive}, {@code bullhorn}, …). A key naming no adapter stops
 * the start, so a typo never goes unnoticed.
 */
@ConfigMapping(prefix = "callpop")
public interface CrmsConfig {

    /**
     * Settings per CRM, keyed by adapter id. A CRM with no settings gets the defaults below.
     *
     * @return the settings per CRM id
     */
    @WithDefaults
    @WithName("crms")
    Map<String, CrmSettings> crms();

    /**
     * How often, at most, a CRM's failed calls are logged: one line per CRM counting each outcome since its
     * last line (the first failure after a quiet spell at once), instead of a line per failed call.
     *
     * @return the interval
     */
    @WithDefault("10s")
    Duration crmFailureLogInterval();

    /** The settings of one CRM. */
    interface CrmSettings {

        /**
         * Whether callpop serves this CRM. A disabled CRM is not listed and its endpoints answer 404.
         *
         * @return true to serve the CRM
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The hostname used when a client sends none, for example {@code acme.pipedrive.com} for a
         * deployment serving one Pipedrive company. Defaults to the adapter's own default host, if it has
         * one (the sample CRM's is {@code crm.example.com}). Must be one of the CRM's hosts.
         *
         * @return the default hostname
         */
        Optional<String> defaultHostname();

        /**
         * Whether the open-log-page event opens the CRM's log page. When false, the contact's page is
         * opened instead (as RingCentral App Connect does). Defaults to the adapter's own choice
         * (Pipedrive and Bullhorn: false, as in App Connect's manifests; the sample CRM: true).
         *
         * @return whether log pages are opened
         */
        Optional<Boolean> canOpenLogPage();

        /**
         * More hosts this CRM may be reached at, besides the adapter's own (for example a CRM's
         * vanity domain or a test instance): exact hostnames, {@code *.example.com} for one label
         * under a domain, or {@code **.example.com} for the domain and any name under it. Every URL callpop answers with is {@code https} on the CRM's hosts or these.
         *
         * @return the extra host patterns
         */
        Optional<List<String>> allowedHosts();

        /**
         * On which call phase call-received opens pages: {@code ringing}, {@code answered} or {@code never}.
         * A call whose client sends no phase pops whatever this says, except {@code never}.
         *
         * @return the phase that pops
         */
        @WithDefault("ringing")
        PopOn popOn();

        /**
         * For which call directions call-received opens pages ({@code inbound}, {@code outbound}). A call
         * whose client sends no direction counts as inbound.
         *
         * @return the directions that pop
         */
        @WithDefault("inbound")
        List<Call.Direction> popDirections();

        /**
         * What a phone look-up with several matches opens: {@code open-all}, {@code first},
         * {@code search-page} (the CRM's search page for the number, where it has one) or {@code prompt}
         * (nothing: the answer offers every match with its page, and the agent chooses in the client).
         *
         * @return the policy
         */
        @WithDefault("open-all")
        MatchPolicy.OnMultipleMatches onMultipleMatches();

        /**
         * What users may choose for themselves with a call-received event's {@code preferences}. The settings
         * above ({@code pop-on}, {@code pop-directions}, {@code on-multiple-matches}) are what a user who chose
         * nothing gets, and must themselves be among the choices allowed here (else callpop does not start).
         *
         * @return the choices users may make
         */
        AllowedPreferences allowedPreferences();

        /**
         * What a phone look-up with no match opens: {@code new-contact-page} (where the CRM has one),
         * {@code fallback-url} ({@link #noMatchUrl()}) or {@code nothing}.
         *
         * @return the policy
         */
        @WithDefault("new-contact-page")
        MatchPolicy.OnNoMatch onNoMatch();

        /**
         * The page {@code on-no-match=fallback-url} opens: an https URL template on one of the CRM's hosts,
         * with the placeholders {@code {hostname}} and {@code {phone}} (E.164), for example
         * {@code https://{hostname}/contacts/new?phone={phone}}. Checked at start-up.
         *
         * @return the template
         */
        Optional<String> noMatchUrl();

        /**
         * What a phone number that cannot be one (an internal extension, garbage) does: {@code no-match}
         * answers with no pages and says why; {@code reject} answers 400. Either way the CRM is not asked.
         *
         * @return the handling
         */
        @WithDefault("no-match")
        InvalidPhone invalidPhone();

        /**
         * The longest an event that calls the CRM may take, counted from the request's arrival (waiting for
         * one of the CRM's threads included): a call-received look-up (past it callpop answers with the CRM's
         * search page or a reason instead) or a logout's server-side clean-up (past it callpop answers the
         * client's clean-up actions and reports the server-side step failed). A call still running then is
         * interrupted.
         *
         * @return the time limit
         */
        @WithDefault("800ms")
        Duration lookupTimeout();

        /**
         * How many calls to this CRM (look-ups, token revocations) run at once, each on a thread of the
         * CRM's own. A CRM that hangs holds at most these threads; every other CRM keeps its own.
         *
         * @return the limit
         */
        @WithDefault("20")
        int maxConcurrentCalls();

        /**
         * How many more calls wait for one of the CRM's threads. A call that finds them all taken and this
         * queue full gets its fallback at once; a waiting call still answers by its deadline.
         *
         * @return the queue's size
         */
        @WithDefault("20")
        int maxWaitingCalls();

        /**
         * The circuit breaker that stops asking a failing CRM for a while. Writes (call logs) have a breaker of their
         * own with the same settings, so a CRM failing to write still answers look-ups.
         *
         * @return its settings
         */
        CircuitBreaker circuitBreaker();

        /**
         * How long a call-log request waits for the CRM to write the log, counted from its arrival. A write still
         * running then is not stopped: callpop keeps its result, answers 202 with {@code Retry-After}, and the
         * client's retry with the same session id gets the log. Writes run on threads of their own, so a CRM slow to
         * write never delays a pop.
         *
         * @return the time a create waits before answering 202
         */
        @WithDefault("10s")
        Duration logTimeout();

        /**
         * How many call-log writes to this CRM run at once, each on a thread of the CRM's own for writes.
         *
         * @return the limit
         */
        @WithDefault("4")
        int maxConcurrentWrites();

        /**
         * How many more writes wait for one of those threads; a write that finds them taken and this queue full is
         * answered 503 with {@code Retry-After}.
         *
         * @return the queue's size
         */
        @WithDefault("32")
        int maxWaitingWrites();

        /**
         * Which contact a call log is written to when several have the number and the user chose nothing:
         * {@code ask} (the client chooses: a 409 listing them), {@code first}, {@code most-recently-updated},
         * {@code oldest}. Must be one of {@code allowed-preferences.log-match}.
         *
         * @return the operator's choice
         */
        @WithDefault("ask")
        LogMatch logMatch();
    }

    /** Which of several contacts with the caller's number a call log is written to. */
    enum LogMatch {
        /** The client chooses: a 409 lists the matches. */
        ASK,
        /** The CRM's best match. */
        FIRST,
        /** The one whose record changed last (where the CRM says; else the first). */
        MOST_RECENTLY_UPDATED,
        /** The one created first (where the CRM says; else the first). */
        OLDEST
    }

    /**
     * The choices a user may make for themselves ({@code callpop.crms."<id>".allowed-preferences.*}). Each
     * defaults to every choice there is; an operator narrows one to forbid the rest, for example
     * {@code allowed-preferences.outbound=never} so that nobody's outbound calls open pages. A preference
     * outside these is refused with a 400 {@code preference-not-allowed} naming it.
     */
    interface AllowedPreferences {

        /**
         * On which phase the user may have inbound calls open pages: any of {@code ringing},
         * {@code answered}, {@code never}.
         *
         * @return the choices allowed for {@code preferences.inbound}
         */
        @WithDefault("ringing,answered,never")
        Set<PopOn> inbound();

        /**
         * On which phase the user may have outbound calls open pages: any of {@code ringing},
         * {@code answered}, {@code never}; {@code never} alone forbids popping outbound calls.
         *
         * @return the choices allowed for {@code preferences.outbound}
         */
        @WithDefault("ringing,answered,never")
        Set<PopOn> outbound();

        /**
         * What the user may have several matches open: any of {@code open-all}, {@code first},
         * {@code search-page}, {@code prompt}.
         *
         * @return the choices allowed for {@code preferences.multipleMatches}
         */
        @WithDefault("open-all,first,search-page,prompt")
        Set<MatchPolicy.OnMultipleMatches> multipleMatches();

        /**
         * Which contact the user may have a call log written to when several have the number: any of {@code ask},
         * {@code first}, {@code most-recently-updated}, {@code oldest}.
         *
         * @return the choices allowed for a call log's {@code logMatch}
         */
        @WithDefault("ask,first,most-recently-updated,oldest")
        Set<LogMatch> logMatch();
    }

    /** On which call phase pages open: one of the call's phases ({@link Call.Phase}), or never. */
    enum PopOn {
        /** While the phone rings. */
        RINGING(Call.Phase.RINGING),
        /** Once the agent answers. */
        ANSWERED(Call.Phase.ANSWERED),
        /** Never: call-received opens nothing for this CRM. */
        NEVER(null);

        private final Call.Phase phase;

        PopOn(Call.Phase phase) {
            this.phase = phase;
        }

        /**
         * @param callPhase a call's phase, or {@code null} when the client did not say
         * @return whether a call in that phase is not the one this setting pops on (never is every phase)
         */
        public boolean isNotAt(Call.Phase callPhase) {
            return this == NEVER || (callPhase != null && callPhase != phase);
        }
    }

    /** What a number that cannot be a phone number does. */
    enum InvalidPhone {
        /** Answer with no pages and say why. */
        NO_MATCH,
        /** Answer 400 invalid-request. */
        REJECT
    }

    /** A CRM's circuit breaker: after too many failures, callpop stops calling the CRM for a while. */
    interface CircuitBreaker {

        /**
         * How many recent calls the failure ratio is measured over.
         *
         * @return the window
         */
        @WithDefault("10")
        int requestVolume();

        /**
         * The share of failed calls (errors, timeouts) in the window that opens the breaker.
         *
         * @return the ratio, 0 to 1
         */
        @WithDefault("0.5")
        double failureRatio();

        /**
         * How long an open breaker stays open before callpop tries the CRM again.
         *
         * @return the delay
         */
        @WithDefault("10s")
        Duration delay();
    }
}

package dev.callpop.service.crm;

/**
 * How a call ends, in its breaker's eyes, when its caller stopped waiting before it answered (the client went
 * away, the request was cancelled): the call is stopped, and that is no failure of the CRM's. Not among the
 * breaker's failures ({@code failOn}), so a healthy CRM whose callers leave keeps its breaker closed; the caller
 * is gone, so nobody else sees it. Counted as {@code abandoned}.
 */
final class CallAbandoned extends RuntimeException {
    CallAbandoned() {
        // No cause: the breaker reads causes, and the interrupted call's (a CrmUnavailableException) is not the CRM's failure.
        super("the caller stopped waiting", null, false, false);
    }
}

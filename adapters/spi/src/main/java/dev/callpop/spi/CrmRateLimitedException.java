package dev.callpop.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The CRM is rate-limiting this user or app (HTTP 429). callpop answers 429 {@code crm-rate-limited} and
 * passes the CRM's {@code Retry-After} on.
 */
public class CrmRateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param message    what was limited
     * @param retryAfter how long the CRM asks to wait, or {@code null} if it did not say
     */
    public CrmRateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** @return how long the CRM asks to wait, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package dev.callpop.service.crm;

import java.util.concurrent.Callable;

import io.smallrye.mutiny.Uni;

/**
 * How the events call CRM adapters: {@link CrmGuard} in callpop, something simpler in tests that exercise
 * an event's own rules. The adapter SPI's threading rules decide which method a call takes.
 */
public interface CrmCalls {

    /**
     * Calls the adapter in a way that may reach the CRM ({@code findContacts}, {@code logout}, a
     * call-received that looks the caller up).
     *
     * @param crm      the CRM
     * @param event    the event the call serves ({@code call-received}, {@code logout})
     * @param arrivedAt when the event's request arrived ({@link System#nanoTime()}): the call answers by then
     *                  plus the CRM's {@code lookup-timeout}
     * @param crmCall  the adapter call
     * @param <T>      what the adapter answers
     * @return the adapter's answer, or a failure ({@link CrmFailures#isOutage} tells outages apart)
     */
    <T> Uni<T> call(RegisteredCrm crm, String event, long arrivedAt, Callable<T> crmCall);

    /**
     * Calls the adapter to write to the CRM (a call log) on the CRM's own threads for writes, under its write breaker
     * and lane ({@code max-concurrent-writes}, {@code max-waiting-writes}), apart from the threads that serve pops. A
     * write is never interrupted: it runs to its end (bounded by the adapter's client time-outs) even when its caller
     * stopped waiting, so a write that reached the CRM is not abandoned half-done.
     *
     * @param crm   the CRM
     * @param event the event the write serves, for metrics ({@code call-log-create})
     * @param write the adapter call
     * @param <T>   what the adapter answers
     * @return the adapter's answer, or a failure ({@link CrmFailures#isOutage} tells outages apart)
     */
    <T> Uni<T> write(RegisteredCrm crm, String event, Callable<T> write);

    /**
     * Calls the adapter to build a page, on this thread: the SPI's page methods never reach the CRM.
     *
     * @param crm      the CRM
     * @param pageCall the adapter call
     * @param <T>      what the adapter answers
     * @return the adapter's answer
     */
    <T> T build(RegisteredCrm crm, Callable<T> pageCall);
}

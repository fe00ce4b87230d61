package dev.callpop.service.testing;

import java.util.concurrent.Callable;

import dev.callpop.service.crm.CrmCalls;
import dev.callpop.service.crm.RegisteredCrm;
import io.smallrye.mutiny.Uni;

/** Adapter calls made right away on the test's thread, with no guard: for tests of an event's own rules. */
public final class DirectCrmCalls implements CrmCalls {

    @Override
    public <T> Uni<T> call(RegisteredCrm crm, String event, long arrivedAt, Callable<T> crmCall) {
        try {
            return Uni.createFrom().item(crmCall.call());
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }

    @Override
    public <T> Uni<T> write(RegisteredCrm crm, String event, Callable<T> write) {
        return call(crm, event, 0, write);
    }

    @Override
    public <T> T build(RegisteredCrm crm, Callable<T> pageCall) {
        try {
            return pageCall.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

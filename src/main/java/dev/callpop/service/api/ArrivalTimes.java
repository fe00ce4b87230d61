package dev.callpop.service.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * When each HTTP request arrived, read by the first route of the HTTP server, before authentication, body
 * parsing or any queue: an event's deadline counts from here.
 */
@Singleton
public class ArrivalTimes {

    private static final String KEY = "callpop.arrived-at";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(routing -> {
            routing.put(KEY, System.nanoTime());
            routing.next();
        });
    }

    /**
     * @param routing the request
     * @return when it arrived, as {@link System#nanoTime()} read it
     */
    public static long of(RoutingContext routing) {
        Long arrived = routing.get(KEY);
        return arrived == null ? System.nanoTime() : arrived;
    }
}

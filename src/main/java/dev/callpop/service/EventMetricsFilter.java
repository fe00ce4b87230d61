package dev.callpop.service;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Counts every answered event by CRM, event and status class. */
class EventMetricsFilter {

    private static final Set<String> EVENTS = Set.of(CrmEvents.CALL_RECEIVED, CrmEvents.OPEN_LOG_PAGE, CrmEvents.LOGOUT);

    private final CallpopMetrics metrics;
    private final CrmRegistry registry;

    EventMetricsFilter(CallpopMetrics metrics, CrmRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
    }

    @ServerResponseFilter
    void count(ContainerRequestContext request, ContainerResponseContext response) {
        var segments = request.getUriInfo().getPathSegments();
        if (segments.size() != 5 || !"crms".equals(segments.get(2).getPath()) || !EVENTS.contains(segments.get(4).getPath())) {
            return;
        }
        String crm = segments.get(3).getPath();
        metrics.event(registry.isServed(crm) ? crm : "unknown", segments.get(4).getPath(), response.getStatus());
    }
}

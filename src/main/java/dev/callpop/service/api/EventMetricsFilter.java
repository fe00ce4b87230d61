package dev.callpop.service.api;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.events.CrmEvent;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.spi.WireWords;

/** Counts every answered event by CRM, event and status class. */
class EventMetricsFilter {

    private static final Set<String> EVENTS = Stream.of(CrmEvent.values()).map(WireWords::of).collect(Collectors.toUnmodifiableSet());

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
        metrics.event(registry.find(crm).isPresent() ? crm : "unknown", segments.get(4).getPath(), response.getStatus());
    }
}

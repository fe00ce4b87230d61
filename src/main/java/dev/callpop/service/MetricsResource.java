package dev.callpop.service;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** The Prometheus scrape endpoint. Open, like health: it carries counts and timings, never request data. */
@Path("/q/metrics")
@PermitAll
public class MetricsResource {

    private final CallpopMetrics metrics;

    MetricsResource(CallpopMetrics metrics) {
        this.metrics = metrics;
    }

    /** @return every metric, in the Prometheus text format */
    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(hidden = true)
    public String scrape() {
        return metrics.scrape();
    }
}

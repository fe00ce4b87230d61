package dev.callpop.service;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least one CRM is served; the data says what each enabled CRM is configured to do. It
 * never calls a CRM: a CRM outage must not take callpop's replicas out of the load balancer, since
 * callpop answers in time without the CRM.
 */
@Readiness
@Singleton
class CrmReadiness implements HealthCheck {

    private final CrmRegistry registry;

    CrmReadiness(CrmRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("crms").status(!registry.all().isEmpty());
        for (RegisteredCrm crm : registry.all()) {
            response.withData(crm.id(), "hosts " + crm.hosts()
                    + (crm.defaultHostname().map(host -> ", default " + host).orElse(""))
                    + ", log pages " + (crm.canOpenLogPage() ? "on" : "off")
                    + ", phone look-up " + (crm.description().findsContactsByPhone() ? "on, limit " + crm.settings().lookupTimeout().toMillis() + " ms" : "off")
                    + ", pops on " + crm.settings().popOn().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (registry.all().isEmpty()) {
            response.withData("reason", "no CRM is enabled (callpop.crms.<id>.enabled)");
        }
        return response.build();
    }
}

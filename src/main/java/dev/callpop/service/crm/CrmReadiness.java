package dev.callpop.service.crm;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.callpop.spi.WireWords;

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
        HealthCheckResponseBuilder response = HealthCheckResponse.named("crms").status(!registry.served().isEmpty());
        for (RegisteredCrm crm : registry.served()) {
            response.withData(crm.id(), "hosts " + crm.hosts()
                    + (crm.defaultHostname().map(host -> ", default " + host).orElse(""))
                    + ", log pages " + (crm.canOpenLogPage() ? "on" : "off")
                    + ", phone look-up " + (crm.description().findsContactsByPhone() ? "on, limit " + crm.settings().lookupTimeout().toMillis() + " ms" : "off")
                    + ", pops on " + WireWords.of(crm.settings().popOn()));
        }
        if (registry.served().isEmpty()) {
            response.withData("reason", "no CRM is enabled (callpop.crms.<id>.enabled)");
        }
        return response.build();
    }
}

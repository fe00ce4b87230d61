package dev.callpop.service;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The add-on fixture adapter (adapters/addon-fixture) is only a test dependency of the service: no
 * service code names it. Being served here shows that an adapter jar added to the build is picked up.
 * (No *IT variant: the packaged application does not carry test dependencies.)
 */
@QuarkusTest
class AdapterDiscoveryTest {

    @Test
    void anAdapterJarOnTheClasspathIsListed() {
        Api.get("/api/v1/crms")
                .statusCode(200)
                .body("crms.id", hasItem("acme"))
                .body("crms.find { it.id == 'acme' }.displayName", equalTo("Acme CRM (test add-on)"))
                .body("crms.find { it.id == 'acme' }.findsContactsByPhone", equalTo(false));
    }

    @Test
    void anAdapterJarOnTheClasspathServesEvents() {
        Api.event("acme", "call-received", """
                {"hostname": "eu.acme-crm.test", "contact": {"id": "7"}}""")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://eu.acme-crm.test/contacts/7"));
    }
}

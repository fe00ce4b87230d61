package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health and the OpenAPI document need no token; everything under /api does. */
@QuarkusTest
class OpenEndpointsTest {

    @Test
    void healthIsOpen() {
        given().when().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentIsOpen() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths.'/api/v1/crms/{crm}/call-received'.post", org.hamcrest.Matchers.notNullValue());
    }
}

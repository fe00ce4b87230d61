package dev.callpop.service;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls callpop's API the way a telephony client does. */
final class Api {

    private Api() {
    }

    /**
     * POSTs an event.
     *
     * @param crm   the CRM id
     * @param event {@code call-received}, {@code open-log-page} or {@code logout}
     * @param json  the body
     * @return the response, for assertions
     */
    static ValidatableResponse event(String crm, String event, String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/crms/{crm}/{event}", crm, event)
                .then();
    }
}

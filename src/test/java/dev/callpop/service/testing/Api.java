package dev.callpop.service.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls callpop's API the way a telephony client does: with a bearer token. */
public final class Api {

    private Api() {
    }

    /** @return a request carrying a valid client token */
    public static RequestSpecification asClient() {
        return given().auth().oauth2(Tokens.client());
    }

    /**
     * POSTs an event with a valid client token.
     *
     * @param crm   the CRM id
     * @param event {@code call-received}, {@code open-log-page} or {@code logout}
     * @param json  the body
     * @return the response, for assertions
     */
    public static ValidatableResponse event(String crm, String event, String json) {
        return event(Tokens.client(), crm, event, json);
    }

    /** POSTs an event with the given bearer token. */
    public static ValidatableResponse event(String token, String crm, String event, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/crms/{crm}/{event}", crm, event)
                .then();
    }

    /** GETs a path with a valid client token. */
    public static ValidatableResponse get(String path) {
        return asClient().when().get(path).then();
    }
}

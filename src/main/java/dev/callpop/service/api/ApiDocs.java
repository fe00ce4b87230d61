package dev.callpop.service.api;

/** Words the OpenAPI document repeats on several operations, kept in one place. */
public final class ApiDocs {

    /** The {@code crm} path parameter. */
    public static final String CRM_ID = "The CRM's id, as `GET /api/v1/crms` lists it: `sample`, `pipedrive`, `bullhorn`, or a CRM defined in settings.";

    private ApiDocs() {
    }
}

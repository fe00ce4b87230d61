package dev.callpop.service.api;

import java.util.regex.Pattern;

import jakarta.ws.rs.HeaderParam;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.spi.CrmCredentials;

/**
 * The headers in which a client sends the agent's own CRM credentials with an event, as one parameter of
 * each event method. They are checked for shape here, passed to the adapter, and never stored or logged.
 *
 * @param token  {@value #TOKEN}
 * @param apiUrl {@value #API_URL}
 * @param user   {@value #USER}
 */
public record CrmHeaders(@HeaderParam(TOKEN) String token, @HeaderParam(API_URL) String apiUrl, @HeaderParam(USER) String user) {

    /** The agent's CRM access token (Pipedrive OAuth access token, Bullhorn BhRestToken). */
    public static final String TOKEN = "X-CRM-Token";
    /** The agent's own CRM API base URL, where the CRM has one per user (Bullhorn's session restUrl). */
    public static final String API_URL = "X-CRM-Api-Url";
    /** The agent's CRM login name. */
    public static final String USER = "X-CRM-User";

    private static final Pattern TOKEN_SHAPE = Pattern.compile(InputRules.TOKEN);
    private static final Pattern URL_SHAPE = Pattern.compile("https?://[\\x21-\\x7e]{1,2040}");
    private static final Pattern USER_SHAPE = Pattern.compile(InputRules.TEXT);

    /** @return the credentials, checked for shape */
    public CrmCredentials credentials() {
        check(TOKEN, token, TOKEN_SHAPE, InputRules.TOKEN_MESSAGE);
        check(API_URL, apiUrl, URL_SHAPE, "must be an http(s) URL of at most 2048 printable ASCII characters");
        check(USER, user, USER_SHAPE, InputRules.TEXT_MESSAGE);
        return new CrmCredentials(token, apiUrl, user);
    }

    @Override
    public String toString() {
        return "CrmHeaders[***]";
    }

    private static void check(String header, String value, Pattern shape, String message) {
        if (value != null && !shape.matcher(value).matches()) {
            throw ProblemException.invalid(header, message);
        }
    }
}

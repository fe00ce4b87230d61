package dev.callpop.service.signin;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.callpop.adapter.sample.SampleCrmAdapter;
import dev.callpop.service.api.DemoConfig;
import dev.callpop.service.problem.ProblemException;

/**
 * The sample CRM's stand-in authorization page, for the demo only: {@code /demo/sample-crm/authorize}, served
 * where {@code callpop.demo.enabled} is true (local, dev, test), a 404 elsewhere. "Allow" sends the browser
 * back to the redirect URI with a code the sample adapter accepts (bound to the sign-in's PKCE code challenge, which
 * the page requires) and the state; "Deny" with
 * {@code error=access_denied}. The redirect URI must be one the operator allowed, as for any sign-in, so the
 * page redirects nowhere else. The page shows the code in plain sight, and answers the code and the state as JSON to a
 * client that asks for {@code application/json}, so the sign-in can be followed by hand.
 */
@Path("/demo/sample-crm/authorize")
@PermitAll
public class SampleCrmAuthorizationPage {

    private final boolean enabled;
    private final RedirectUris redirectUris;

    SampleCrmAuthorizationPage(DemoConfig demo, RedirectUris redirectUris) {
        this.enabled = demo.enabled();
        this.redirectUris = redirectUris;
    }

    /**
     * The page a person sees: Allow, Deny, and the code in plain sight for whoever signs in by hand.
     *
     * @param redirectUri where to send the browser back
     * @param state       callpop's state, passed back unchanged
     * @return the page
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
            @QueryParam("code_challenge") String codeChallenge, @QueryParam("code_challenge_method") String codeChallengeMethod) {
        Allowed allowed = allow(redirectUri, state, codeChallenge, codeChallengeMethod);
        URI allow = UriBuilder.fromUri(allowed.redirectUri()).queryParam("code", allowed.code()).queryParam("state", allowed.state()).build();
        URI deny = UriBuilder.fromUri(allowed.redirectUri()).queryParam("error", "access_denied").queryParam("state", allowed.state()).build();
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sample CRM: sign in</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto}a{margin-right:1rem}
                code{overflow-wrap:anywhere}</style></head>
                <body><h1>Sample CRM</h1>
                <p>This stand-in for a CRM's sign-in page (demo only) asks: may the telephony client look callers up in the
                sample CRM for you?</p>
                <p><a id="allow" href="%s">Allow</a><a id="deny" href="%s">Deny</a></p>
                <p>Signing in by hand? "Allow" sends back this code: <code id="code">%s</code></p>
                </body></html>
                """.formatted(html(allow.toString()), html(deny.toString()), html(allowed.code()));
    }

    /**
     * What "Allow" sends back to the redirect URI, as JSON: exactly the body of {@code POST /api/v1/crms/sample/sign-in/complete},
     * for a sign-in followed with curl (README, "Sign-in to the CRM").
     *
     * @param redirectUri where the browser would be sent back
     * @param state       callpop's state, passed back unchanged
     * @return the code and the state
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Allowed allowed(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
            @QueryParam("code_challenge") String codeChallenge, @QueryParam("code_challenge_method") String codeChallengeMethod) {
        return allow(redirectUri, state, codeChallenge, codeChallengeMethod);
    }

    private Allowed allow(String redirectUri, String state, String codeChallenge, String codeChallengeMethod) {
        if (!enabled) {
            throw new NotFoundException();
        }
        URI back = redirectUris.checked(redirectUri == null ? "" : redirectUri);
        // The sample CRM requires PKCE, as an OAuth 2.1 server does: its code is bound to the challenge.
        if (!"S256".equals(codeChallengeMethod)) {
            throw ProblemException.invalid("code_challenge_method", "must be S256: the sample CRM requires PKCE");
        }
        try {
            return new Allowed(SampleCrmAdapter.authorizationCode(codeChallenge == null ? "" : codeChallenge), state == null ? "" : state, back);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("code_challenge", "is not an S256 code challenge (43 base64url characters)");
        }
    }

    /**
     * What the user's "Allow" gives the client.
     *
     * @param code        the authorization code
     * @param state       callpop's state, unchanged
     * @param redirectUri where the browser goes back (not answered)
     */
    public record Allowed(String code, String state, @JsonIgnore URI redirectUri) {
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

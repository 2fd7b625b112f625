package dev.atelier.customer.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.GoogleStub;
import dev.atelier.customer.GoogleStub.GoogleUser;
import dev.atelier.customer.Oidc;
import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Sign-in with Google through the whole flow over HTTP, Google played by WireMock ({@link GoogleStub}: discovery,
 * the authorization endpoint's redirect, the token endpoint with an ID token signed by a test key, JWKS, user info):
 * the gateway's authorization request, the sign-in page's Google button, Google and back, then our tokens.
 */
@CustomerTest
class GoogleSignInTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewShopperGetsACustomerAccountFromAVerifiedGoogleAddress() {
        Browser browser = new Browser(port, "192.0.2.130");
        assertThat(browser.get("/login").body()).contains("href=\"/oauth2/authorization/google\"");
        GoogleUser user = new GoogleUser(subject(), Accounts.uniqueEmail("google-new"), true, "Gwen Google");

        Jwt token = signInWithGoogle(browser, user);

        Customer created = customers.byEmail(user.email()).orElseThrow();
        assertThat(token.getSubject()).isEqualTo(created.id().toString());
        assertThat(token.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(token.getClaimAsStringList("amr")).containsExactly("fed");
        assertThat(created.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(created.displayName()).isEqualTo("Gwen Google");
        assertThat(created.roles()).containsExactly(Role.CUSTOMER);
        assertThat(linkedTo(user.subject())).contains(created.id());
        assertThat(jdbc.sql("SELECT result FROM sign_in WHERE customer_id = ? ORDER BY id DESC LIMIT 1")
                .param(created.id()).query(String.class).single()).isEqualTo("SUCCESS");
    }

    @Test
    void anExistingAccountIsLinkedByItsVerifiedAddressAndThenFoundByGooglesSubject() {
        Customer existing = accounts.anActiveCustomer(Accounts.uniqueEmail("google-link"));
        GoogleUser user = new GoogleUser(subject(), existing.email().toUpperCase(), true, "Someone Else");

        assertThat(signInWithGoogle(new Browser(port, "192.0.2.131"), user).getSubject())
                .isEqualTo(existing.id().toString());
        assertThat(linkedTo(user.subject())).contains(existing.id());
        assertThat(customers.byId(existing.id()).orElseThrow().displayName()).isEqualTo(existing.displayName());

        // the address changed at Google since: the link is Google's subject, not the e-mail
        GoogleUser moved = new GoogleUser(user.subject(), Accounts.uniqueEmail("google-moved"), true, user.name());
        assertThat(signInWithGoogle(new Browser(port, "192.0.2.132"), moved).getSubject())
                .isEqualTo(existing.id().toString());
        assertThat(customers.byEmail(moved.email())).isEmpty();
    }

    @Test
    void aPendingSignUpIsActivatedByGoogleAndItsPasswordDiscarded() {
        // someone signed up with this address but never proved it: their password must not come with the account
        Customer pending = accounts.create(Accounts.uniqueEmail("google-pending"), AccountStatus.PENDING_VERIFICATION,
                Set.of(Role.CUSTOMER));
        GoogleUser owner = new GoogleUser(subject(), pending.email(), true, "Owner");
        assertThat(signInWithGoogle(new Browser(port, "192.0.2.137"), owner).getSubject())
                .isEqualTo(pending.id().toString());
        assertThat(customers.byId(pending.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(new Browser(port, "192.0.2.138").submit("/login", "/login", java.util.Map.of("email",
                pending.email(), "password", Accounts.PASSWORD)).headers().firstValue("Location").orElseThrow())
                .contains("error=credentials");
    }

    @Test
    void erasureForgetsTheLink() {
        GoogleUser user = new GoogleUser(subject(), Accounts.uniqueEmail("google-erased"), true, "Erin");
        Jwt token = signInWithGoogle(new Browser(port, "192.0.2.139"), user);
        dev.atelier.customer.Api api = new dev.atelier.customer.Api(port);
        assertThat(api.post("/api/account/erasure", token.getTokenValue(), "{\"confirm\": true}").status())
                .isEqualTo(202);
        assertThat(linkedTo(user.subject())).isEmpty();
    }

    @Test
    void anUnverifiedAddressNeitherLinksNorCreates() {
        Customer existing = accounts.anActiveCustomer(Accounts.uniqueEmail("google-unverified"));
        GoogleUser claimsIt = new GoogleUser(subject(), existing.email(), false, "Mallory");
        assertThat(refusedSignIn(new Browser(port, "192.0.2.133"), claimsIt, GoogleStub.googlesKey()))
                .endsWith("/login?error=google-unverified");
        assertThat(linkedTo(claimsIt.subject())).isEmpty();

        GoogleUser nobody = new GoogleUser(subject(), Accounts.uniqueEmail("google-nobody"), false, "Nobody");
        assertThat(refusedSignIn(new Browser(port, "192.0.2.134"), nobody, GoogleStub.googlesKey()))
                .endsWith("/login?error=google-unverified");
        assertThat(customers.byEmail(nobody.email())).isEmpty();
        assertThat(new Browser(port, "192.0.2.134").get("/login?error=google-unverified").body())
                .contains("Google has not verified this e-mail address");
    }

    @Test
    void staffCannotSignInWithGoogle() {
        Customer staff = accounts.create(Accounts.uniqueEmail("google-staff"), AccountStatus.ACTIVE,
                Set.of(Role.CUSTOMER, Role.STAFF));
        GoogleUser user = new GoogleUser(subject(), staff.email(), true, "Staff Member");
        assertThat(refusedSignIn(new Browser(port, "192.0.2.135"), user, GoogleStub.googlesKey()))
                .endsWith("/login?error=google-staff");
        assertThat(linkedTo(user.subject())).isEmpty();
        assertThat(jdbc.sql("SELECT result FROM sign_in WHERE customer_id = ? ORDER BY id DESC LIMIT 1")
                .param(staff.id()).query(String.class).single()).isEqualTo("PROVIDER_REFUSED_FOR_STAFF");
    }

    @Test
    void anIdTokenNotSignedByGoogleIsRefused() {
        GoogleUser user = new GoogleUser(subject(), Accounts.uniqueEmail("google-forged"), true, "Forged");
        assertThat(refusedSignIn(new Browser(port, "192.0.2.136"), user, GoogleStub.anotherKey()))
                .endsWith("/login?error=google");
        assertThat(customers.byEmail(user.email())).isEmpty();
    }

    /** The whole flow; returns our access token, validated as a resource server would. */
    private Jwt signInWithGoogle(Browser browser, GoogleUser user) {
        Oidc oidc = new Oidc(port);
        Oidc.Authorization authorization = oidc.start();
        HttpResponse<String> toLogin = browser.get(authorization.url());
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> back = throughGoogle(browser, user, GoogleStub.googlesKey());
        assertThat(back.statusCode()).isEqualTo(302);
        Oidc.Tokens tokens = oidc.finish(authorization, browser.follow(back));
        Jwt access = oidc.validate(tokens.accessToken());
        // a refresh keeps the sign-in's facts
        Jwt refreshed = oidc.validate(oidc.token(java.util.Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.refreshToken())).path("access_token").asString());
        assertThat(refreshed.getSubject()).isEqualTo(access.getSubject());
        assertThat(refreshed.getClaimAsStringList("amr")).isEqualTo(access.getClaimAsStringList("amr"));
        return access;
    }

    /** The flow up to Google's answer coming back; returns where our server then sends the browser. */
    private String refusedSignIn(Browser browser, GoogleUser user, RSAKey signer) {
        browser.get(new Oidc(port).start().url());
        HttpResponse<String> back = throughGoogle(browser, user, signer);
        assertThat(back.statusCode()).isEqualTo(302);
        return back.headers().firstValue("Location").orElseThrow();
    }

    /** The Google button, Google's authorization endpoint (WireMock), and the redirect back to our server. */
    private HttpResponse<String> throughGoogle(Browser browser, GoogleUser user, RSAKey signer) {
        HttpResponse<String> toGoogle = browser.get("/oauth2/authorization/google");
        assertThat(toGoogle.statusCode()).isEqualTo(302);
        String authorizationUrl = toGoogle.headers().firstValue("Location").orElseThrow();
        assertThat(authorizationUrl).startsWith(GoogleStub.issuer() + "/o/oauth2/v2/auth?")
                .contains("client_id=" + GoogleStub.CLIENT_ID).contains("nonce=").contains("scope=openid");
        GoogleStub.willSignIn(authorizationUrl, user, signer);
        HttpResponse<String> fromGoogle = browser.get(authorizationUrl);
        assertThat(fromGoogle.statusCode()).isEqualTo(302);
        String callback = fromGoogle.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(browser.base() + "/login/oauth2/code/google?code=");
        return browser.get(callback);
    }

    private List<UUID> linkedTo(String subject) {
        return jdbc.sql("SELECT customer_id FROM external_identity WHERE provider = 'google' AND subject = ?")
                .param(subject).query(UUID.class).list();
    }

    private static String subject() {
        return String.valueOf(100_000_000_000_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(),
                800_000_000_000_000_000L));
    }
}

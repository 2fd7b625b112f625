package dev.atelier.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.SignInFlow;
import dev.atelier.gateway.SignInFlow.SignedIn;
import dev.atelier.gateway.StandIns;
import dev.atelier.gateway.state.SessionConfiguration;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in through the gateway over real HTTP, with WireMock playing customer-service's token and key endpoints and
 * the test playing the browser at the authorization endpoint: the code flow with PKCE, the session kept in
 * PostgreSQL (another gateway reading the same database finds it), the basket handed over, the access token
 * relayed to the services, the admin guard reading roles and second factor, and sign-out.
 */
class SignInTest extends GatewayTest {

    private UUID customerId;
    private SignInFlow flow;

    @BeforeEach
    void keys() {
        customerId = UUID.randomUUID();
        flow = new SignInFlow(base());
    }

    @Test
    void signsInWithCodeAndPkceKeepsTheSessionInTheDatabaseAndHandsTheBasketOver() throws Exception {
        UUID anonymousCart = UUID.randomUUID();
        UUID accountCart = UUID.randomUUID();
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + accountCart + "\",\"conflicts\":[]}")));

        SignedIn signedIn = signIn(List.of("CUSTOMER"), List.of("pwd"), "cart_id=" + anonymousCart);

        assertThat(signedIn.location()).isEqualTo("/account");
        assertThat(signedIn.cookies()).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("cart_id=" + accountCart).containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
        assertThat(signedIn.cookies()).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(SessionConfiguration.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
        StandIns.CART.verify(postRequestedFor(urlPathEqualTo("/internal/carts/merge"))
                .withRequestBody(matchingJsonPath("$.anonymousCartId", equalTo(anonymousCart.toString())))
                .withRequestBody(matchingJsonPath("$.customerId", equalTo(customerId.toString())))
                .withRequestBody(matchingJsonPath("$.email", equalTo("hannah@example.co.uk"))));
        // PKCE: the verifier sent with the code hashes to the challenge the browser carried
        LoggedRequest tokenRequest = StandIns.CUSTOMER.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token")))
                .getFirst();
        String verifier = form(tokenRequest.getBodyAsString()).get("code_verifier");
        assertThat(verifier).isNotBlank();
        assertThat(s256(verifier)).isEqualTo(signedIn.challenge());

        // the session is a row of the gateway's database: a restarted gateway or another replica reads it there
        JdbcIndexedSessionRepository anotherGateway = new JdbcIndexedSessionRepository(
                new JdbcTemplate(POSTGRES.dataSource("gateway")),
                new TransactionTemplate(new DataSourceTransactionManager(POSTGRES.dataSource("gateway"))));
        Session stored = anotherGateway.findById(signedIn.sessionId());
        assertThat(stored).isNotNull();
        SecurityContext context = stored.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(context.getAuthentication().getName()).isEqualTo(customerId.toString());
    }

    @Test
    void relaysTheAccessTokenOfASignedInShopperAndNothingForAnAnonymousOne() throws Exception {
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + UUID.randomUUID() + "\",\"conflicts\":[]}")));
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/account/orders")).willReturn(okJson("{\"items\":[]}")));
        SignedIn signedIn = signIn(List.of("CUSTOMER"), List.of("pwd"), null);

        HttpResponse<String> mine = send(request("/api/account/orders").header("Cookie", signedIn.sessionCookie()).GET());
        HttpResponse<String> anonymous = send(request("/api/account/orders").GET());

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        List<LoggedRequest> calls = StandIns.ORDER.findAll(getRequestedFor(urlPathEqualTo("/api/account/orders")));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getHeader("Authorization")).isEqualTo("Bearer " + signedIn.accessToken());
        assertThat(calls.get(1).containsHeader("Authorization")).isFalse();
    }

    @Test
    void letsOnlyStaffWithASecondFactorIntoTheAdminApi() throws Exception {
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + UUID.randomUUID() + "\",\"conflicts\":[]}")));
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/admin/orders")).willReturn(okJson("{\"items\":[]}")));

        SignedIn shopper = signIn(List.of("CUSTOMER"), List.of("pwd"), null);
        SignedIn staffWithPasswordOnly = signIn(List.of("CUSTOMER", "STAFF"), List.of("pwd"), null);
        SignedIn staff = signIn(List.of("CUSTOMER", "STAFF"), List.of("otp", "pwd"), null);

        assertThat(send(request("/api/admin/orders").header("Cookie", shopper.sessionCookie()).GET()).statusCode())
                .isEqualTo(403);
        assertThat(send(request("/api/admin/orders").header("Cookie", staffWithPasswordOnly.sessionCookie()).GET())
                .statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = send(request("/api/admin/orders").header("Cookie", staff.sessionCookie()).GET());
        assertThat(allowed.statusCode()).isEqualTo(200);
        StandIns.ORDER.verify(1, getRequestedFor(urlPathEqualTo("/api/admin/orders"))
                .withHeader("Authorization", equalTo("Bearer " + staff.accessToken())));
    }

    @Test
    void showsTheSignedInShopperTheirAccountWithOrdersFetchedWithTheirToken() throws Exception {
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + UUID.randomUUID() + "\",\"conflicts\":[]}")));
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/account/orders")).willReturn(okJson("{\"items\":[{"
                + "\"orderId\":\"" + UUID.randomUUID() + "\",\"orderNumber\":\"AT-2026-000042\",\"status\":\"PAID\","
                + "\"total\":{\"amount\":3048,\"currency\":\"GBP\"},\"placedAt\":\"2026-11-20T10:15:00Z\"}],"
                + "\"nextCursor\":null}")));
        SignedIn signedIn = signIn(List.of("CUSTOMER"), List.of("pwd"), null);

        HttpResponse<String> page = send(request("/account").header("Cookie", signedIn.sessionCookie()).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Hannah Price").contains("AT-2026-000042").contains("£30.48")
                .contains("action=\"/signout\"").doesNotContain(">Sign in<");
        StandIns.ORDER.verify(getRequestedFor(urlPathEqualTo("/api/account/orders"))
                .withHeader("Authorization", equalTo("Bearer " + signedIn.accessToken())));
    }

    @Test
    void limitsASignedInShopperPerAccountNotPerAddress() throws Exception {
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + UUID.randomUUID() + "\",\"conflicts\":[]}")));
        StandIns.ORDER.stubFor(post(urlPathEqualTo("/api/checkout")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"Bad\"}")));
        SignedIn signedIn = signIn(List.of("CUSTOMER"), List.of("pwd"), null);

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(checkout(signedIn.sessionCookie()).statusCode()).as("attempt " + attempt).isEqualTo(400);
        }
        HttpResponse<String> eleventh = checkout(signedIn.sessionCookie());
        HttpResponse<String> sameAddressAnonymous = checkout(null);

        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(sameAddressAnonymous.statusCode()).as("the address's own budget is untouched").isEqualTo(400);
    }

    private HttpResponse<String> checkout(String cookie) throws Exception {
        var request = request("/api/checkout").header("Content-Type", "application/json").header("Origin", base());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.POST(BodyPublishers.ofString("{}")));
    }

    @Test
    void sendsAnAnonymousVisitorOfTheAccountPageToSignIn() throws Exception {
        HttpResponse<String> response = send(request("/account").GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(SignIn.START);
    }

    @Test
    void signOutEndsTheGatewaySessionAndSendsTheBrowserToEndTheOneAtCustomerService() throws Exception {
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + UUID.randomUUID() + "\",\"conflicts\":[]}")));
        SignedIn signedIn = signIn(List.of("CUSTOMER"), List.of("pwd"), null);

        HttpResponse<String> out = send(request("/signout").header("Cookie", signedIn.sessionCookie())
                .header("Content-Type", "application/json").header("Origin", base())
                .POST(BodyPublishers.ofString("{}")));

        assertThat(out.statusCode()).isEqualTo(302);
        String location = out.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(StandIns.CUSTOMER.baseUrl() + "/connect/logout?")
                .contains("id_token_hint=").contains("post_logout_redirect_uri=");
        HttpResponse<String> after = send(request("/account").header("Cookie", signedIn.sessionCookie()).GET());
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith(SignIn.START);
    }

    private SignedIn signIn(List<String> roles, List<String> amr, String extraCookie) throws Exception {
        return flow.signIn(customerId, roles, amr, extraCookie);
    }

    private static Map<String, String> form(String encoded) {
        return SignInFlow.form(encoded);
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}

package dev.atelier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.web.totp.OneTimeCodes;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in as a real browser would do it, against the store {@code ./atelier up} runs: the gateway sends the browser
 * to customer-service (the authorization server), the demo admin signs in there with password and authenticator
 * code, the gateway redeems the code (PKCE) and keeps the tokens in its session, relays the access token to
 * order-service's admin API (which checks it again), and sign-out ends both sessions.
 */
class SignInThroughTheGatewayTest {

    private static final String EMAIL = "admin@atelier.local";
    private static final String PASSWORD = "atelier demo admin password";
    private static final String TOTP_SECRET = "ATELIERDEMOADMINTOTPSECRET234567";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static RunningStore store;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startTheStore() throws Exception {
        store = RunningStore.shared();
    }

    @Test
    void theDemoAdminSignsInThroughTheGatewayUsesTheAdminApiAndSignsOut() throws Exception {
        HttpResponse<String> visitor = get(store.baseUrl() + "/api/admin/orders");
        assertThat(visitor.statusCode()).isEqualTo(401);

        List<String> hops = signIn();
        assertThat(hops.getLast()).isEqualTo(store.baseUrl() + "/account");
        HttpResponse<String> account = get(store.baseUrl() + "/account");
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(account.body()).contains(EMAIL).contains("Sign out");

        HttpResponse<String> admin = get(store.baseUrl() + "/api/admin/orders?limit=5");
        assertThat(admin.statusCode()).as("order-service accepts the relayed token: " + admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("\"items\"");

        Matcher csrf = CSRF.matcher(account.body());
        assertThat(csrf.find()).as("the sign-out form carries a CSRF token").isTrue();
        HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(store.baseUrl() + "/signout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1),
                        StandardCharsets.UTF_8))));
        assertThat(out.statusCode()).isEqualTo(302);
        List<String> after = follow(out);
        assertThat(after.getFirst()).startsWith("http://localhost:8088/connect/logout");
        assertThat(after.getLast()).isEqualTo(store.baseUrl() + "/");
        assertThat(get(store.baseUrl() + "/api/admin/orders").statusCode()).isEqualTo(401);
        HttpResponse<String> accountAgain = get(store.baseUrl() + "/account");
        assertThat(accountAgain.statusCode()).isEqualTo(302);
    }

    /**
     * Starts at the gateway, signs in on customer-service's page (again in the next 30-second window if the
     * authenticator code was just used by someone else: codes cannot be replayed), and follows the redirects back.
     */
    private List<String> signIn() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
        while (true) {
            List<String> toLogin = follow(get(store.baseUrl() + "/oauth2/authorization/atelier"));
            String loginPage = toLogin.getLast();
            assertThat(loginPage).startsWith("http://localhost:8088/login");
            HttpResponse<String> page = get(loginPage);
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as("customer-service's sign-in form has a CSRF token").isTrue();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("email", EMAIL);
            form.put("password", PASSWORD);
            form.put("code", OneTimeCodes.of(TOTP_SECRET).at(Instant.now()));
            form.put("_csrf", csrf.group(1));
            HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create("http://localhost:8088/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
            List<String> hops = follow(submitted);
            if (!hops.getLast().contains("/login?error")) {
                return hops;
            }
            assertThat(System.nanoTime()).as("signed in before the deadline; last refusal " + hops.getLast())
                    .isLessThan(deadline);
            long nextWindow = (OneTimeCodes.step(Instant.now()) + 1) * OneTimeCodes.STEP_SECONDS;
            while (Instant.now().getEpochSecond() < nextWindow) {
                Thread.onSpinWait();
            }
        }
    }

    /** Follows redirects with GET, returning every location visited (the last one answered 200 or an error). */
    private List<String> follow(HttpResponse<String> response) throws Exception {
        List<String> locations = new ArrayList<>();
        HttpResponse<String> current = response;
        for (int hop = 0; hop < 10 && current.statusCode() / 100 == 3; hop++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            locations.add(next.toString());
            current = get(next.toString());
        }
        return locations;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

}

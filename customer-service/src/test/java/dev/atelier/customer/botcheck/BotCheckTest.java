package dev.atelier.customer.botcheck;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CloudflareStub;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Turnstile on customer-service's own pages, with {@link CloudflareStub} standing in for Cloudflare: sign-up always
 * asks and creates nothing for a refused or missing token; sign-in asks only once an address has failed a few
 * times, before any password is checked; the verification client lets a form through when Cloudflare does not answer
 * and checks nothing when no keys are configured.
 */
@CustomerTest
class BotCheckTest {

    private static final String PASSWORD = "a fox, a kettle and a meadow";

    @Value("${local.server.port}")
    int port;

    @Autowired
    Customers customers;

    @Autowired
    Accounts accounts;

    @Test
    void signUpAsksEveryoneAndCreatesNothingWithoutAPassingToken() {
        Browser browser = new Browser(port, "203.0.113.150");
        String email = Accounts.uniqueEmail("bot");

        String page = browser.get("/signup").body();
        HttpResponse<String> forged = browser.submit("/signup", "/signup", signUp(email, CloudflareStub.FORGED));
        HttpResponse<String> missing = browser.submit("/signup", "/signup", signUp(email, ""));

        assertThat(page).contains("class=\"cf-turnstile\"", "data-sitekey=\"" + CloudflareStub.SITE_KEY + "\"",
                "https://challenges.cloudflare.com/turnstile/v0/api.js");
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.body()).contains("I am human");
        assertThat(missing.body()).contains("I am human");
        assertThat(customers.byEmail(email)).isEmpty();
        CloudflareStub.SERVER.verify(postRequestedFor(urlPathEqualTo(CloudflareStub.PATH))
                .withRequestBody(containing("secret=" + CloudflareStub.SECRET))
                .withRequestBody(containing("response=" + CloudflareStub.FORGED))
                .withRequestBody(containing("remoteip=203.0.113.150")));

        HttpResponse<String> person = browser.submit("/signup", "/signup", signUp(email, null));
        assertThat(person.headers().firstValue("Location").orElseThrow()).contains("/signup/verify");
        assertThat(customers.byEmail(email)).isPresent();
    }

    @Test
    void signInAsksOnlyAfterFailuresFromTheAddressAndBeforeThePasswordIsChecked() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("careful"));
        Browser browser = new Browser(port, "203.0.113.151");
        assertThat(browser.get("/login").body()).doesNotContain("cf-turnstile");

        for (int i = 0; i < 3; i++) {
            assertThat(location(browser.submit("/login", "/login", signIn(customer.email(), "wrong " + i, null))))
                    .contains("error=credentials");
        }
        String afterFailures = browser.get("/login").body();
        HttpResponse<String> forged = browser.submit("/login", "/login",
                signIn(customer.email(), Accounts.PASSWORD, CloudflareStub.FORGED));
        HttpResponse<String> person = browser.submit("/login", "/login", signIn(customer.email(), Accounts.PASSWORD, null));

        assertThat(afterFailures).contains("class=\"cf-turnstile\"");
        assertThat(location(forged)).contains("error=bot-check");
        assertThat(browser.get(location(forged)).body()).contains("I am human");
        assertThat(location(person)).doesNotContain("error");
        assertThat(new Browser(port, "203.0.113.152").get("/login").body()).doesNotContain("cf-turnstile");
    }

    @Test
    void letsTheFormThroughWhenCloudflareDoesNotAnswerAndChecksNothingWhenOff() {
        WireMockServer slow = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slow.start();
        try {
            slow.stubFor(WireMock.post(urlPathEqualTo(CloudflareStub.PATH))
                    .willReturn(WireMock.okJson("{\"success\":false}").withFixedDelay(3_000)));
            Turnstile impatient = new Turnstile(new TurnstileProperties("site", "secret",
                    URI.create("http://localhost:" + slow.port() + CloudflareStub.PATH), Duration.ofMillis(300), 3));
            Turnstile off = new Turnstile(new TurnstileProperties(null, null,
                    URI.create("http://localhost:" + slow.port() + CloudflareStub.PATH), Duration.ofSeconds(1), 3));

            assertThat(impatient.check("any", "203.0.113.153")).isEqualTo(Turnstile.Verdict.UNAVAILABLE);
            assertThat(impatient.check("any", "203.0.113.153").letsThrough()).isTrue();
            assertThat(impatient.check(null, "203.0.113.153")).isEqualTo(Turnstile.Verdict.MISSING);
            assertThat(off.enabled()).isFalse();
            assertThat(off.siteKey()).isNull();
            assertThat(off.check(null, "203.0.113.153")).isEqualTo(Turnstile.Verdict.PASSED);
            slow.verify(2, postRequestedFor(urlPathEqualTo(CloudflareStub.PATH)));
        } finally {
            slow.stop();
        }
    }

    private static Map<String, String> signUp(String email, String token) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("displayName", "Robo Hart", "email", email,
                "password", PASSWORD));
        if (token != null) {
            form.put(Browser.TURNSTILE_FIELD, token);
        }
        return form;
    }

    private static Map<String, String> signIn(String email, String password, String token) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("email", email, "password", password));
        if (token != null) {
            form.put(Browser.TURNSTILE_FIELD, token);
        }
        return form;
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }
}

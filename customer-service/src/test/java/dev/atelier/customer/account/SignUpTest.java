package dev.atelier.customer.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Oidc;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.testing.EventProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up over HTTP: the code by e-mail (its event), verification, then sign-in; the password policy's refusals. */
@CustomerTest
class SignUpTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    EventProbe probe;

    @BeforeEach
    void openProbe() {
        probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void aShopperSignsUpVerifiesTheCodeFromTheEmailAndSignsIn() {
        String email = Accounts.uniqueEmail("amelia");
        Browser browser = new Browser(port, "203.0.113.10");
        HttpResponse<String> signedUp = browser.submit("/signup", "/signup",
                Map.of("displayName", "Amelia Hart", "email", email, "password", "tea, biscuits and a long walk"));
        assertThat(signedUp.statusCode()).isEqualTo(302);
        assertThat(signedUp.headers().firstValue("Location").orElseThrow()).contains("/signup/verify");
        assertThat(customers.byEmail(email).orElseThrow().status()).isEqualTo(AccountStatus.PENDING_VERIFICATION);

        CustomerVerificationRequested requested = probe.awaitEvent(CustomerVerificationRequested.class,
                e -> e.email().equals(email), DEADLINE);
        assertThat(requested.code()).matches("\\d{6}");
        HttpResponse<String> beforeVerifying = browser.submit("/login", "/login",
                Map.of("email", email, "password", "tea, biscuits and a long walk"));
        assertThat(beforeVerifying.headers().firstValue("Location").orElseThrow()).contains("error=unverified");

        HttpResponse<String> verified = browser.submit("/signup/verify?email=" + email, "/signup/verify",
                Map.of("email", email, "code", requested.code()));
        assertThat(verified.headers().firstValue("Location").orElseThrow()).endsWith("/login?verified");
        CustomerRegistered registered = probe.awaitEvent(CustomerRegistered.class,
                e -> e.customerId().equals(requested.customerId()), DEADLINE);
        assertThat(registered.displayName()).isEqualTo("Amelia Hart");

        HttpResponse<String> signedIn = browser.submit("/login", "/login",
                Map.of("email", email, "password", "tea, biscuits and a long walk"));
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    /**
     * The store's "Create an account" link asks for {@code prompt=create}: the browser lands on the sign-up page
     * instead of the sign-in page, and after verifying and signing in it goes back to the store with a code.
     */
    @Test
    void aShopperSentToSignUpByTheStoreComesBackSignedIn() {
        String email = Accounts.uniqueEmail("noah");
        String password = "kettle, garden and a long weekend";
        Browser browser = new Browser(port, "203.0.113.11");
        Oidc oidc = new Oidc(port);
        Oidc.Authorization authorization = oidc.start();

        HttpResponse<String> toSignUp = browser.get(authorization.url() + "&prompt=create");
        HttpResponse<String> toSignIn = new Browser(port, "203.0.113.11").get(authorization.url());

        assertThat(toSignUp.statusCode()).isEqualTo(302);
        assertThat(toSignUp.headers().firstValue("Location").orElseThrow()).endsWith("/signup");
        assertThat(toSignIn.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        browser.submit("/signup", "/signup", Map.of("displayName", "Noah Hart", "email", email, "password", password));
        CustomerVerificationRequested requested = probe.awaitEvent(CustomerVerificationRequested.class,
                e -> e.email().equals(email), DEADLINE);
        browser.submit("/signup/verify?email=" + email, "/signup/verify", Map.of("email", email, "code",
                requested.code()));
        HttpResponse<String> signedIn = browser.submit("/login?verified", "/login",
                Map.of("email", email, "password", password));

        Oidc.Tokens tokens = oidc.finish(authorization, browser.follow(signedIn));
        assertThat(oidc.validate(tokens.accessToken()).getSubject()).isEqualTo(requested.customerId().toString());
    }

    @Test
    void aWrongCodeCountsAndTheFifthVoidsTheCode() {
        String email = Accounts.uniqueEmail("guess");
        Browser browser = new Browser(port, "203.0.113.11");
        browser.submit("/signup", "/signup",
                Map.of("displayName", "Guess Who", "email", email, "password", "seven swans a swimming"));
        CustomerVerificationRequested requested = probe.awaitEvent(CustomerVerificationRequested.class,
                e -> e.email().equals(email), DEADLINE);
        String wrong = requested.code().equals("000000") ? "111111" : "000000";
        // a form post without the page's CSRF token is refused before it counts
        assertThat(browser.post("/signup/verify", Map.of("email", email, "code", requested.code())).statusCode())
                .isEqualTo(403);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = browser.submit("/signup/verify?email=" + email, "/signup/verify",
                    Map.of("email", email, "code", wrong));
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        HttpResponse<String> right = browser.submit("/signup/verify?email=" + email, "/signup/verify",
                Map.of("email", email, "code", requested.code()));
        assertThat(right.body()).contains("Too many wrong codes");
        assertThat(customers.byEmail(email).orElseThrow().status()).isEqualTo(AccountStatus.PENDING_VERIFICATION);
    }

    @Test
    void aCommonOrShortPasswordIsRefusedAndNothingIsWritten() {
        String email = Accounts.uniqueEmail("weak");
        Browser browser = new Browser(port, "203.0.113.12");
        HttpResponse<String> common = browser.submit("/signup", "/signup",
                Map.of("displayName", "Weak Password", "email", email, "password", "Password1234"));
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(common.body()).contains("breached passwords").contains("aria-invalid=\"true\"");
        HttpResponse<String> tooShort = browser.submit("/signup", "/signup",
                Map.of("displayName", "Weak Password", "email", email, "password", "short one"));
        assertThat(tooShort.body()).contains("at least 12 characters");
        assertThat(customers.byEmail(email)).isEmpty();
    }

    @Test
    void signingUpAgainWithAnActiveAddressChangesNothingAndSaysTheSame() {
        String email = Accounts.uniqueEmail("taken");
        Browser browser = new Browser(port, "203.0.113.13");
        browser.submit("/signup", "/signup", Map.of("displayName", "First", "email", email,
                "password", "first of her name, long"));
        CustomerVerificationRequested first = probe.awaitEvent(CustomerVerificationRequested.class,
                e -> e.email().equals(email), DEADLINE);
        browser.submit("/signup/verify?email=" + email, "/signup/verify", Map.of("email", email, "code", first.code()));
        String hashBefore = customers.byEmail(email).orElseThrow().passwordHash();

        HttpResponse<String> again = browser.submit("/signup", "/signup", Map.of("displayName", "Intruder",
                "email", email, "password", "an intruder's long password"));
        assertThat(again.headers().firstValue("Location").orElseThrow()).contains("/signup/verify");
        Customer after = customers.byEmail(email).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo(hashBefore);
        assertThat(after.displayName()).isEqualTo("First");
        assertThat(jdbc.sql("SELECT count(*) FROM email_verification WHERE customer_id = ?").param(after.id())
                .query(Integer.class).single()).isZero();
    }
}

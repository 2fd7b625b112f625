package dev.atelier.customer.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.testing.EventProbe;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A forgotten password: the link from the e-mail works once, the old password stops working. */
@CustomerTest
class PasswordResetTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLinkWorksOnceAndTheNewPasswordReplacesTheOld() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("forgetful"));
        Browser browser = new Browser(port, "203.0.113.20");
        PasswordResetRequested requested;
        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER)) {
            HttpResponse<String> asked = browser.submit("/password/reset", "/password/reset",
                    Map.of("email", customer.email()));
            assertThat(asked.body()).contains("If an account uses this address");
            requested = probe.awaitEvent(PasswordResetRequested.class, e -> e.customerId().equals(customer.id()),
                    Duration.ofSeconds(30));
        }
        String link = URI.create(requested.resetUrl()).getRawQuery();
        assertThat(link).startsWith("token=");
        String token = link.substring("token=".length());

        HttpResponse<String> common = browser.submit("/password/reset/confirm?token=" + token,
                "/password/reset/confirm", Map.of("token", token, "password", "qwertyuiop123"));
        assertThat(common.body()).contains("breached passwords");

        HttpResponse<String> changed = browser.submit("/password/reset/confirm?token=" + token,
                "/password/reset/confirm", Map.of("token", token, "password", "a brand new and long passphrase"));
        assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/login?passwordChanged");

        assertThat(browser.get("/password/reset/confirm?token=" + token).body())
                .contains("expired or was already used").doesNotContain("name=\"password\"");
        HttpResponse<String> again = browser.submit("/password/reset", "/password/reset/confirm",
                Map.of("token", token, "password", "yet another long passphrase"));
        assertThat(again.body()).contains("expired or was already used");

        assertThat(browser.submit("/login", "/login", Map.of("email", customer.email(), "password", Accounts.PASSWORD))
                .headers().firstValue("Location").orElseThrow()).contains("error=credentials");
        assertThat(browser.submit("/login", "/login",
                Map.of("email", customer.email(), "password", "a brand new and long passphrase"))
                .headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoLink() {
        Browser browser = new Browser(port, "203.0.113.21");
        HttpResponse<String> asked = browser.submit("/password/reset", "/password/reset",
                Map.of("email", Accounts.uniqueEmail("nobody")));
        assertThat(asked.body()).contains("If an account uses this address");
        assertThat(jdbc.sql("SELECT count(*) FROM password_reset r JOIN customer c ON c.id = r.customer_id "
                + "WHERE c.email LIKE 'nobody-%'").query(Integer.class).single()).isZero();
    }
}

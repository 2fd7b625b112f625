package dev.atelier.customer.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.account.Customer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Failed sign-ins slow the next ones down, per account and per IP, and every attempt is recorded. */
@CustomerTest
class LockoutTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAccountIsBlockedAfterFiveFailuresForDoublingPeriodsEvenWithTheRightPassword() {
        Customer victim = accounts.anActiveCustomer(Accounts.uniqueEmail("victim"));
        Browser attacker = new Browser(port, "198.51.100.1");
        for (int i = 0; i < 5; i++) {
            assertThat(location(signIn(attacker, victim.email(), "wrong password " + i))).contains("error=credentials");
        }
        assertThat(blockedUntil("account:" + victim.email())).isNull();

        assertThat(location(signIn(attacker, victim.email(), "wrong password 6"))).contains("error=credentials");
        Duration firstBlock = blockLength("account:" + victim.email());
        assertThat(firstBlock).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));

        // while blocked, even the right password is not checked, and the attempt does not extend the block
        String refused = location(signIn(attacker, victim.email(), Accounts.PASSWORD));
        assertThat(refused).contains("error=throttled").contains("retry=");
        assertThat(blockLength("account:" + victim.email())).isLessThanOrEqualTo(firstBlock);

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !location(signIn(new Browser(port, "198.51.100.2"), "someone-else@example.co.uk", "x"))
                        .contains("throttled") && blockedUntil("account:" + victim.email()).isBefore(OffsetDateTime.now()));
        assertThat(location(signIn(attacker, victim.email(), "wrong password 7"))).contains("error=credentials");
        assertThat(blockLength("account:" + victim.email())).isGreaterThan(Duration.ofMillis(1500));

        assertThat(jdbc.sql("SELECT count(*) FROM sign_in WHERE customer_id = ? AND result = 'BAD_CREDENTIALS'")
                .param(victim.id()).query(Integer.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT count(*) FROM sign_in WHERE email = ? AND result = 'THROTTLED' AND ip = ?")
                .params(victim.email(), "198.51.100.1").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theBlockIsCappedSoAVictimIsNeverKeptOutForLong() {
        ThrottleProperties.Rule account = new ThrottleProperties(null, null).account();
        assertThat(account.blockAfter(5)).isZero();
        assertThat(account.blockAfter(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(account.blockAfter(9)).isEqualTo(Duration.ofSeconds(8));
        assertThat(account.blockAfter(500)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void oneAddressTryingManyAccountsIsBlockedAsAnAddress() {
        Browser sprayer = new Browser(port, "198.51.100.66");
        for (int i = 0; i < 20; i++) {
            signIn(sprayer, Accounts.uniqueEmail("spray"), "Summer2025!!!");
        }
        assertThat(blockedUntil("ip:198.51.100.66")).isNull();
        signIn(sprayer, Accounts.uniqueEmail("spray"), "Summer2025!!!");
        assertThat(blockedUntil("ip:198.51.100.66")).isAfter(OffsetDateTime.now());

        Customer bystander = accounts.anActiveCustomer(Accounts.uniqueEmail("bystander"));
        assertThat(location(signIn(sprayer, bystander.email(), Accounts.PASSWORD))).contains("error=throttled");
        assertThat(location(signIn(new Browser(port, "198.51.100.67"), bystander.email(), Accounts.PASSWORD)))
                .doesNotContain("error");
    }

    @Test
    void aSuccessfulSignInIsRecordedWithItsAddressAndAgent() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("recorded"));
        assertThat(location(signIn(new Browser(port, "192.0.2.44"), customer.email(), Accounts.PASSWORD)))
                .doesNotContain("error");
        assertThat(jdbc.sql("SELECT ip || ' ' || result || ' ' || (user_agent IS NOT NULL) FROM sign_in "
                + "WHERE customer_id = ?").param(customer.id()).query(String.class).list())
                .containsExactly("192.0.2.44 SUCCESS true");
    }

    private HttpResponse<String> signIn(Browser browser, String email, String password) {
        return browser.submit("/login", "/login", Map.of("email", email, "password", password));
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private OffsetDateTime blockedUntil(String key) {
        return jdbc.sql("SELECT blocked_until FROM sign_in_throttle WHERE key = ?").param(key)
                .query(OffsetDateTime.class).optional().orElse(null);
    }

    private Duration blockLength(String key) {
        return jdbc.sql("SELECT blocked_until - last_failure FROM sign_in_throttle WHERE key = ?").param(key)
                .query((rs, n) -> Duration.ofMillis(Math.round(rs.getObject(1, org.postgresql.util.PGInterval.class)
                        .getWholeSeconds() * 1000L + rs.getObject(1, org.postgresql.util.PGInterval.class)
                        .getMicroSeconds() / 1000L))).single();
    }
}

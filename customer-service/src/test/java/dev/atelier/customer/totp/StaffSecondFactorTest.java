package dev.atelier.customer.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Oidc;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.web.totp.OneTimeCodes;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;

/** Staff sign in with a second factor: TOTP without replay, recovery codes once each, enrolment, the first admin. */
@CustomerTest
class StaffSecondFactorTest {

    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ";

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Customers customers;

    @Autowired
    Totp totp;

    @Autowired
    RecoveryCodes recoveryCodes;

    Oidc oidc;

    @BeforeEach
    void gateway() {
        oidc = new Oidc(port);
    }

    @Test
    void staffNeedTheCodeAndTheTokenSaysSo() {
        Customer staff = aStaffMemberWithAuthenticator();
        Browser browser = new Browser(port, "192.0.2.60");
        HttpResponse<String> withoutCode = browser.submit("/login", "/login", password(staff));
        assertThat(withoutCode.headers().firstValue("Location").orElseThrow()).contains("error=code-required");

        Oidc.Tokens tokens = oidc.signIn(browser, withCode(staff, currentCode()));
        Jwt access = oidc.validate(tokens.accessToken());
        assertThat(access.getClaimAsStringList("amr")).containsExactly("otp", "pwd");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CUSTOMER", "STAFF");
    }

    @Test
    void aCodeCannotBeUsedTwice() {
        Customer staff = aStaffMemberWithAuthenticator();
        String code = currentCode();
        oidc.signIn(new Browser(port, "192.0.2.61"), withCode(staff, code));

        HttpResponse<String> replay = new Browser(port, "192.0.2.62").submit("/login", "/login", withCode(staff, code));
        assertThat(replay.headers().firstValue("Location").orElseThrow()).contains("error=code");
        assertThat(totp.verifySecondFactor(customers.byId(staff.id()).orElseThrow(), code)).isFalse();
    }

    @Test
    void aRecoveryCodeWorksOnceInPlaceOfTheApp() {
        Customer staff = aStaffMemberWithAuthenticator();
        List<String> codes = recoveryCodes.replaceAll(staff.id());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();

        Oidc.Tokens tokens = oidc.signIn(new Browser(port, "192.0.2.63"), withCode(staff, codes.get(3)));
        assertThat(oidc.validate(tokens.accessToken()).getClaimAsStringList("amr")).contains("otp");
        HttpResponse<String> again = new Browser(port, "192.0.2.64").submit("/login", "/login",
                withCode(staff, codes.get(3)));
        assertThat(again.headers().firstValue("Location").orElseThrow()).contains("error=code");
        assertThat(recoveryCodes.remaining(staff.id())).isEqualTo(9);
    }

    @Test
    void newStaffEnrolWithTheQrCodeAndContinueToTheGatewayWithASecondFactor() {
        Customer staff = accounts.aStaffMemberWithoutAuthenticator(Accounts.uniqueEmail("newstaff"));
        Browser browser = new Browser(port, "192.0.2.65");
        Oidc.Authorization authorization = oidc.start();
        browser.get(authorization.url());
        HttpResponse<String> signedIn = browser.submit("/login", "/login", password(staff));
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/account/security/totp");

        HttpResponse<String> page = browser.get("/account/security/totp");
        assertThat(page.body()).contains("src=\"data:image/png;base64,").contains("<label for=\"code\">");
        Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(page.body());
        assertThat(secret.find()).isTrue();
        assertThat(browser.get("/account/security/totp").body()).contains(secret.group(1));

        HttpResponse<String> wrong = browser.submit("/account/security/totp", "/account/security/totp",
                Map.of("code", "000000".equals(codeFor(secret.group(1), 0)) ? "111111" : "000000"));
        assertThat(wrong.body()).contains("did not match");

        HttpResponse<String> done = browser.submit("/account/security/totp", "/account/security/totp",
                Map.of("code", codeFor(secret.group(1), 0)));
        List<String> shown = new ArrayList<>();
        Matcher code = Pattern.compile("<li><code>([a-z0-9-]{11})</code></li>").matcher(done.body());
        while (code.find()) {
            shown.add(code.group(1));
        }
        assertThat(shown).hasSize(10);
        Matcher continueTo = Pattern.compile("href=\"([^\"]*oauth2/authorize[^\"]*)\"").matcher(done.body());
        assertThat(continueTo.find()).isTrue();

        HttpResponse<String> back = browser.follow(browser.get(continueTo.group(1).replace("&amp;", "&")));
        Oidc.Tokens tokens = oidc.finish(authorization, back);
        assertThat(oidc.validate(tokens.accessToken()).getClaimAsStringList("amr")).containsExactly("otp", "pwd");
        assertThat(customers.byId(staff.id()).orElseThrow().hasSecondFactor()).isTrue();
    }

    @Test
    void theFirstAdminComesFromConfigurationWithItsAuthenticator() {
        Customer admin = customers.byEmail("first.admin@atelier.test").orElseThrow();
        assertThat(admin.roles()).contains(Role.ADMIN, Role.STAFF);
        assertThat(admin.hasSecondFactor()).isTrue();
        Oidc.Tokens tokens = oidc.signIn(new Browser(port, "192.0.2.66"), Map.of("email", admin.email(),
                "password", "first admin's long password", "code", codeFor("KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU", 1)));
        assertThat(oidc.validate(tokens.accessToken()).getClaimAsStringList("roles")).contains("ADMIN");
    }

    private Customer aStaffMemberWithAuthenticator() {
        Customer staff = accounts.aStaffMemberWithoutAuthenticator(Accounts.uniqueEmail("staff"));
        totp.enrolWithSecret(staff.id(), SECRET);
        return customers.byId(staff.id()).orElseThrow();
    }

    private String currentCode() {
        return codeFor(SECRET, 0);
    }

    private String codeFor(String secret, int stepsAhead) {
        return OneTimeCodes.of(secret).at(OneTimeCodes.step(Instant.now()) + stepsAhead);
    }

    private static Map<String, String> password(Customer customer) {
        return Map.of("email", customer.email(), "password", Accounts.PASSWORD);
    }

    private static Map<String, String> withCode(Customer customer, String code) {
        return Map.of("email", customer.email(), "password", Accounts.PASSWORD, "code", code);
    }
}

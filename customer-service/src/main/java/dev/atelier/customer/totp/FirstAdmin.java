package dev.atelier.customer.totp;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.web.totp.OneTimeCodes;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first ADMIN from configuration, with its authenticator already enrolled, when no account has that
 * e-mail; an existing account is left as it is (run twice, nothing changes), so the configuration cannot be used to
 * take over an account later.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AdminProperties properties;
    private final Customers customers;
    private final PasswordEncoder passwords;
    private final Totp totp;
    private final Clock clock;

    FirstAdmin(AdminProperties properties, Customers customers, PasswordEncoder passwords, Totp totp, Clock clock) {
        this.properties = properties;
        this.customers = customers;
        this.passwords = passwords;
        this.totp = totp;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!properties.isConfigured()) {
            return;
        }
        String email = Objects.requireNonNull(properties.email());
        if (customers.byEmail(email).isPresent()) {
            return;
        }
        String secret = Objects.requireNonNull(properties.totpSecret()).replace(" ", "")
                .toUpperCase(java.util.Locale.ROOT);
        OneTimeCodes.of(secret); // a secret that is not Base32 stops the start here, before the account exists
        UUID id = UUID.randomUUID();
        customers.insert(new Customer(id, email, "Administrator",
                passwords.encode(Objects.requireNonNull(properties.password())), AccountStatus.ACTIVE,
                Set.of(Role.CUSTOMER, Role.STAFF, Role.ADMIN), null, null, clock.instant()));
        totp.enrolWithSecret(id, secret);
        log.info("created the first admin account {} from configuration", email);
    }
}

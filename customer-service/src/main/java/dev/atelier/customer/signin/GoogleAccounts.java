package dev.atelier.customer.signin;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.messaging.outbox.Outbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a Google sign-in (an ID token Spring Security has already validated: signature by Google's keys, issuer,
 * audience, expiry, nonce) into one of our accounts. An account linked before is found by Google's subject. Otherwise
 * Google must vouch for the e-mail ({@code email_verified}): then an existing account with that address is linked, or
 * a new CUSTOMER account is created. Never for staff: Google cannot give their second factor, so STAFF and ADMIN sign
 * in with password and code. The result's name is our customer id, as the password sign-in's is.
 */
@Component
class GoogleAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String PROVIDER = "google";
    static final String CUSTOMER_ID = "atelier_customer_id";

    private final OidcUserService google = new OidcUserService();
    private final Customers customers;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    GoogleAccounts(Customers customers, JdbcClient jdbc, PasswordEncoder passwords, Outbox outbox, Clock clock,
            TransactionTemplate transactions) {
        this.customers = customers;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.outbox = outbox;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** A refused Google sign-in: the reason for the sign-in page, and who it was for the sign-in record. */
    static final class Refused extends OAuth2AuthenticationException {

        private final String reason;
        private final SignInResult result;
        private final @Nullable UUID customerId;
        private final String email;

        Refused(String reason, SignInResult result, @Nullable UUID customerId, String email) {
            super(new OAuth2Error(reason), reason);
            this.reason = reason;
            this.result = result;
            this.customerId = customerId;
            this.email = email;
        }

        String reason() {
            return reason;
        }

        SignInResult result() {
            return result;
        }

        @Nullable UUID customerId() {
            return customerId;
        }

        String email() {
            return email;
        }
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = google.loadUser(request);
        String email = user.getEmail() == null ? "" : Customers.normalise(user.getEmail());
        boolean verified = Boolean.TRUE.equals(user.getEmailVerified());
        String name = user.getFullName() != null && !user.getFullName().isBlank() ? user.getFullName().strip()
                : email.contains("@") ? email.substring(0, email.indexOf('@')) : "Customer";
        Customer customer = transactions.execute(status -> account(user.getSubject(), email, verified, name));
        List<GrantedAuthority> authorities = new ArrayList<>();
        customer.roles().stream().map(Role::name).sorted()
                .forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        authorities.add(Factors.federatedNow());
        OidcUserInfo ours = new OidcUserInfo(Map.of("sub", user.getSubject(), CUSTOMER_ID, customer.id().toString(),
                "email", email));
        return new DefaultOidcUser(authorities, user.getIdToken(), ours, CUSTOMER_ID);
    }

    private Customer account(String subject, String email, boolean verified, String name) {
        Optional<UUID> linked = jdbc.sql("SELECT customer_id FROM external_identity WHERE provider = ? AND subject = ?")
                .params(PROVIDER, subject).query(UUID.class).optional();
        if (linked.isPresent()) {
            Customer customer = customers.byId(linked.get()).orElseThrow();
            return allowed(customer, email);
        }
        if (!verified || email.isBlank()) {
            throw new Refused("google-unverified", SignInResult.PROVIDER_EMAIL_UNVERIFIED, null, email);
        }
        // the account row's lock (or the unique e-mail, for a new one) keeps two sign-ins from linking twice
        Optional<Customer> existing = jdbc.sql("SELECT id FROM customer WHERE email = ? FOR UPDATE").param(email)
                .query(UUID.class).optional().flatMap(customers::byId);
        Customer customer;
        if (existing.isEmpty()) {
            customer = new Customer(UUID.randomUUID(), email, name, unusablePassword(), AccountStatus.ACTIVE,
                    Set.of(Role.CUSTOMER), null, null, clock.instant());
            customers.insert(customer);
            outbox.record(new CustomerRegistered(customer.id(), email, name, clock.instant()));
        } else if (existing.get().status() == AccountStatus.PENDING_VERIFICATION) {
            // Google proves the address; the pending sign-up's password may be someone else's, so it is discarded
            customer = existing.get();
            allowed(customer, email);
            customers.replacePending(customer.id(), customer.displayName(), unusablePassword());
            jdbc.sql("DELETE FROM email_verification WHERE customer_id = ?").param(customer.id()).update();
            customers.activate(customer.id());
            outbox.record(new CustomerRegistered(customer.id(), email, customer.displayName(), clock.instant()));
        } else {
            customer = allowed(existing.get(), email);
        }
        jdbc.sql("INSERT INTO external_identity (provider, subject, customer_id, linked_at) VALUES (?, ?, ?, ?)")
                .params(PROVIDER, subject, customer.id(), Instant.now(clock).atOffset(ZoneOffset.UTC)).update();
        return customers.byId(customer.id()).orElseThrow();
    }

    private static Customer allowed(Customer customer, String email) {
        if (customer.isStaff()) {
            throw new Refused("google-staff", SignInResult.PROVIDER_REFUSED_FOR_STAFF, customer.id(), email);
        }
        if (customer.status() == AccountStatus.LOCKED || customer.status() == AccountStatus.ERASED) {
            throw new Refused("locked", SignInResult.LOCKED, customer.id(), email);
        }
        return customer;
    }

    private String unusablePassword() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return passwords.encode(Base64.getEncoder().encodeToString(bytes));
    }
}

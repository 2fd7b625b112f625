package dev.atelier.customer;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Accounts in a known state, written straight to the accounts table (sign-up has its own tests). */
@Component
public class Accounts {

    public static final String PASSWORD = "a long and quiet garden path";

    private final Customers customers;
    private final PasswordEncoder passwords;

    private final JdbcClient jdbc;

    Accounts(Customers customers, PasswordEncoder passwords, JdbcClient jdbc) {
        this.customers = customers;
        this.passwords = passwords;
        this.jdbc = jdbc;
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.co.uk";
    }

    public Customer anActiveCustomer(String email) {
        return create(email, AccountStatus.ACTIVE, Set.of(Role.CUSTOMER));
    }

    public Customer aStaffMemberWithoutAuthenticator(String email) {
        return create(email, AccountStatus.ACTIVE, Set.of(Role.CUSTOMER, Role.STAFF));
    }

    public void lock(UUID id) {
        jdbc.sql("UPDATE customer SET status = 'LOCKED' WHERE id = ?").param(id).update();
    }

    public Customer create(String email, AccountStatus status, Set<Role> roles) {
        return create(email, "Hannah Price", status, roles);
    }

    public Customer create(String email, String displayName, AccountStatus status, Set<Role> roles) {
        Customer customer = new Customer(UUID.randomUUID(), email, displayName, passwords.encode(PASSWORD), status,
                roles, null, null, Instant.now());
        customers.insert(customer);
        return customers.byId(customer.id()).orElseThrow();
    }
}

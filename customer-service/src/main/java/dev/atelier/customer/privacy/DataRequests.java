package dev.atelier.customer.privacy;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.address.Addresses;
import dev.atelier.customer.consent.Consents;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data export and erasure (GDPR Art. 15, 17, 20). customer-service does its own part in the request's transaction
 * and records its confirmation; the event tells every other service to do theirs (docs/customer-data-requests.md).
 * Erasure keeps the account row as a tombstone (id, status ERASED, consent history: no personal data) so that
 * orders and ledgers elsewhere still point at something, and deletes or blanks everything else.
 */
@Service
public class DataRequests {

    public static final String SERVICE = "customer-service";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Addresses addresses;
    private final Consents consents;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final JsonMapper json;
    private final Clock clock;

    DataRequests(JdbcClient jdbc, Customers customers, Addresses addresses, Consents consents, Outbox outbox,
            PasswordEncoder passwords, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.addresses = addresses;
        this.consents = consents;
        this.outbox = outbox;
        this.passwords = passwords;
        this.json = json;
        this.clock = clock;
    }

    /** A request as its customer (and staff) see it. */
    public record DataRequest(UUID id, String kind, Instant requestedAt, Map<String, Instant> confirmations) {
    }

    /** The downloadable archive: every service's part received so far, and who has confirmed. */
    public record Archive(UUID requestId, Instant requestedAt, Map<String, JsonNode> parts,
            Map<String, Instant> confirmations) {
    }

    @Transactional
    public Optional<UUID> requestExport(UUID customerId) {
        Optional<Customer> customer = active(customerId);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO data_request (id, customer_id, kind, requested_at, own_part) VALUES (?, ?, 'EXPORT', ?, ?)")
                .params(id, customerId, now.atOffset(ZoneOffset.UTC), json.writeValueAsString(ownPart(customer.get())))
                .update();
        confirm(id, SERVICE, now);
        outbox.record(new CustomerDataExportRequested(id, customerId, customer.get().email(), now));
        return Optional.of(id);
    }

    @Transactional
    public Optional<UUID> requestErasure(UUID customerId) {
        Optional<Customer> customer = active(customerId);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String email = customer.get().email();
        jdbc.sql("INSERT INTO data_request (id, customer_id, kind, requested_at) VALUES (?, ?, 'ERASURE', ?)")
                .params(id, customerId, now.atOffset(ZoneOffset.UTC)).update();
        erase(customerId, email);
        confirm(id, SERVICE, now);
        // the event carries the e-mail for other services' guest records; the outbox row is deleted once relayed
        outbox.record(new CustomerErasureRequested(id, customerId, email, now));
        return Optional.of(id);
    }

    public List<DataRequest> of(UUID customerId) {
        return jdbc.sql("SELECT id, kind, requested_at FROM data_request WHERE customer_id = ? ORDER BY requested_at DESC")
                .param(customerId)
                .query((rs, n) -> new DataRequest(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), Map.of()))
                .list().stream()
                .map(r -> new DataRequest(r.id(), r.kind(), r.requestedAt(), confirmations(r.id())))
                .toList();
    }

    public Optional<Archive> archive(UUID customerId, UUID requestId) {
        record Row(Instant requestedAt, @Nullable String ownPart) {
        }
        return jdbc.sql("SELECT requested_at, own_part FROM data_request WHERE id = ? AND customer_id = ? AND kind = 'EXPORT'")
                .params(requestId, customerId)
                .query((rs, n) -> new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2)))
                .optional()
                .map(row -> {
                    Map<String, JsonNode> parts = new LinkedHashMap<>();
                    if (row.ownPart() != null) {
                        parts.put(SERVICE, json.readTree(row.ownPart()));
                    }
                    return new Archive(requestId, row.requestedAt(), parts, confirmations(requestId));
                });
    }

    private Map<String, Instant> confirmations(UUID requestId) {
        Map<String, Instant> confirmed = new LinkedHashMap<>();
        jdbc.sql("SELECT service, confirmed_at FROM data_request_confirmation WHERE request_id = ? ORDER BY confirmed_at")
                .param(requestId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list().forEach(e -> confirmed.put(e.getKey(), e.getValue()));
        return confirmed;
    }

    private void confirm(UUID requestId, String service, Instant at) {
        jdbc.sql("INSERT INTO data_request_confirmation (request_id, service, confirmed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING").params(requestId, service, at.atOffset(ZoneOffset.UTC)).update();
    }

    private Optional<Customer> active(UUID customerId) {
        return customers.byId(customerId).filter(c -> c.status() == AccountStatus.ACTIVE);
    }

    private Map<String, Object> ownPart(Customer customer) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("account", Map.of("id", customer.id(), "email", customer.email(), "displayName",
                customer.displayName(), "roles", customer.roles(), "createdAt", customer.createdAt(),
                "secondFactor", customer.hasSecondFactor()));
        part.put("addresses", addresses.of(customer.id()));
        part.put("marketingConsent", consents.history(customer.id()));
        part.put("reminders", jdbc.sql("SELECT for_whom, occasion, month, day, days_before FROM reminder "
                + "WHERE customer_id = ? ORDER BY month, day").param(customer.id()).query((rs, n) -> Map.of(
                "forWhom", rs.getString(1), "occasion", rs.getString(2),
                "date", String.format("%02d-%02d", rs.getInt(3), rs.getInt(4)), "daysBefore", rs.getInt(5))).list());
        part.put("signIns", jdbc.sql("SELECT at, ip, user_agent, result FROM sign_in WHERE customer_id = ? ORDER BY at DESC")
                .param(customer.id()).query((rs, n) -> {
                    Map<String, Object> signIn = new LinkedHashMap<>();
                    signIn.put("at", rs.getObject(1, OffsetDateTime.class).toInstant());
                    signIn.put("ip", rs.getString(2));
                    signIn.put("userAgent", rs.getString(3));
                    signIn.put("result", rs.getString(4));
                    return signIn;
                }).list());
        return part;
    }

    private void erase(UUID customerId, String email) {
        String principal = customerId.toString();
        jdbc.sql("""
                UPDATE customer SET email = 'erased-' || id || '@erased.invalid', display_name = 'Erased customer',
                    password_hash = ?, status = 'ERASED', roles = '{CUSTOMER}', totp_secret = NULL,
                    totp_enrolled_at = NULL, totp_last_step = NULL
                WHERE id = ?
                """).params(passwords.encode(UUID.randomUUID().toString()), customerId).update();
        jdbc.sql("DELETE FROM address WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM reminder WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM email_verification WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM password_reset WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM recovery_code WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("UPDATE data_request SET own_part = NULL WHERE customer_id = ?").param(customerId).update();
        // the security record keeps that attempts happened, not who or from where
        jdbc.sql("UPDATE sign_in SET email = 'erased', ip = 'erased', user_agent = NULL WHERE customer_id = ? OR email = ?")
                .params(customerId, email).update();
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key = ?").param("account:" + email).update();
        // sessions and refresh tokens end; the stored authorizations also hold the sign-in's details
        jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(principal).update();
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(principal).update();
    }
}

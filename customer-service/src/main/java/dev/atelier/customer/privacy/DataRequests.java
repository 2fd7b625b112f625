package dev.atelier.customer.privacy;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.address.Addresses;
import dev.atelier.customer.consent.Consents;
import dev.atelier.customer.wishlist.Wishlists;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Their answers come back on {@code customer.data-request} ({@link DataRequestAnswers}): an export part is stored
 * with the request and counts as that service's confirmation; an erasure confirmation is recorded with what it
 * counted. A request lists, per service it waits for, whether it answered. Erasure keeps the account row as a
 * tombstone (id, status ERASED, consent history: no personal data) so that orders and ledgers elsewhere still point
 * at something, and deletes or blanks everything else.
 */
@Service
public class DataRequests {

    public static final String SERVICE = "customer-service";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Addresses addresses;
    private final Consents consents;
    private final Wishlists wishlists;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final JsonMapper json;
    private final Clock clock;
    private final DataRequestProperties properties;

    DataRequests(JdbcClient jdbc, Customers customers, Addresses addresses, Consents consents, Wishlists wishlists,
            Outbox outbox, PasswordEncoder passwords, JsonMapper json, Clock clock, DataRequestProperties properties) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.addresses = addresses;
        this.consents = consents;
        this.wishlists = wishlists;
        this.outbox = outbox;
        this.passwords = passwords;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** Where one service stands on a request. */
    public enum Status { CONFIRMED, AWAITED }

    /**
     * One service's answer: for an export, when its part arrived (the part is its confirmation); for an erasure, when
     * it confirmed and how many records it deleted and anonymised.
     */
    public record ServiceAnswer(String service, Status status, @Nullable Instant confirmedAt, @Nullable Long deleted,
            @Nullable Long anonymised) {
    }

    /**
     * A request as its customer (and staff) see it: {@code complete} once every service it waits for has answered;
     * {@code confirmations} (service to time) is the short form of {@code services}.
     */
    public record DataRequest(UUID id, String kind, Instant requestedAt, boolean complete, List<ServiceAnswer> services,
            Map<String, Instant> confirmations) {
    }

    /** The downloadable archive: every service's part received so far, and who has answered. */
    public record Archive(UUID requestId, Instant requestedAt, boolean complete, Map<String, JsonNode> parts,
            List<ServiceAnswer> services, Map<String, Instant> confirmations) {
    }

    /** What became of an answer from another service. */
    public enum Recorded { RECORDED, REPEATED, UNKNOWN_REQUEST, OTHER_CUSTOMER, OTHER_KIND, CUSTOMER_ERASED }

    @Transactional
    public Optional<UUID> requestExport(UUID customerId) {
        Optional<Customer> customer = active(customerId);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO data_request (id, customer_id, kind, requested_at, own_part, expected_services) "
                        + "VALUES (?, ?, 'EXPORT', ?, ?, ?::text[])")
                .params(id, customerId, now.atOffset(ZoneOffset.UTC), json.writeValueAsString(ownPart(customer.get())),
                        arrayLiteral(properties.expectedServices()))
                .update();
        confirm(id, SERVICE, now, null, null);
        outbox.record(new CustomerDataExportRequested(id, customerId, customer.get().email(), now));
        return Optional.of(id);
    }

    @Transactional
    public Optional<UUID> requestErasure(UUID customerId) {
        // the account row's lock: a second erasure at the same moment waits, then finds the account erased
        jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(UUID.class).optional();
        Optional<Customer> customer = active(customerId);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String email = customer.get().email();
        jdbc.sql("INSERT INTO data_request (id, customer_id, kind, requested_at, expected_services) "
                        + "VALUES (?, ?, 'ERASURE', ?, ?::text[])")
                .params(id, customerId, now.atOffset(ZoneOffset.UTC), arrayLiteral(properties.expectedServices()))
                .update();
        // withdrawn first: the change leaves the outbox before the erasure request, on the same key, so marketing
        // senders stop before they forget the address
        consents.set(customerId, false, Consents.ERASURE);
        erase(customerId, email);
        confirm(id, SERVICE, now, null, null);
        // the event carries the e-mail for other services' guest records; the outbox row is deleted once relayed
        outbox.record(new CustomerErasureRequested(id, customerId, email, now));
        return Optional.of(id);
    }

    public List<DataRequest> of(UUID customerId) {
        record Row(UUID id, String kind, Instant requestedAt, @Nullable List<String> expected) {
        }
        return jdbc.sql("SELECT id, kind, requested_at, expected_services FROM data_request WHERE customer_id = ? "
                        + "ORDER BY requested_at DESC")
                .param(customerId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), strings(rs.getArray(4))))
                .list().stream()
                .map(r -> {
                    List<ServiceAnswer> answers = answers(r.id(), r.expected());
                    return new DataRequest(r.id(), r.kind(), r.requestedAt(), complete(answers), answers,
                            confirmations(answers));
                })
                .toList();
    }

    public Optional<Archive> archive(UUID customerId, UUID requestId) {
        record Row(Instant requestedAt, @Nullable String ownPart, @Nullable List<String> expected) {
        }
        return jdbc.sql("SELECT requested_at, own_part, expected_services FROM data_request "
                        + "WHERE id = ? AND customer_id = ? AND kind = 'EXPORT'")
                .params(requestId, customerId)
                .query((rs, n) -> new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                        strings(rs.getArray(3))))
                .optional()
                .map(row -> {
                    Map<String, JsonNode> parts = new LinkedHashMap<>();
                    if (row.ownPart() != null) {
                        parts.put(SERVICE, json.readTree(row.ownPart()));
                    }
                    jdbc.sql("SELECT service, part FROM data_request_part WHERE request_id = ? ORDER BY service")
                            .param(requestId)
                            .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                            .list().forEach(part -> parts.put(part.getKey(), json.readTree(part.getValue())));
                    List<ServiceAnswer> answers = answers(requestId, row.expected());
                    return new Archive(requestId, row.requestedAt(), complete(answers), parts, answers,
                            confirmations(answers));
                });
    }

    /**
     * Stores {@code service}'s export part (a JSON object) with the request, replacing an earlier one unless that was
     * prepared later; the first part counts as the service's confirmation. Nothing is stored for a request that is
     * not an export of {@code customerId}, nor once the customer has been erased (the part came too late to keep).
     */
    @Transactional
    public Recorded recordPart(UUID requestId, UUID customerId, String service, String part, Instant preparedAt) {
        Recorded refused = check(requestId, customerId, "EXPORT");
        if (refused != Recorded.RECORDED) {
            return refused;
        }
        jdbc.sql("""
                INSERT INTO data_request_part (request_id, service, part, prepared_at, received_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (request_id, service) DO UPDATE
                    SET part = EXCLUDED.part, prepared_at = EXCLUDED.prepared_at, received_at = EXCLUDED.received_at
                    WHERE data_request_part.prepared_at <= EXCLUDED.prepared_at
                """).params(requestId, service, part, preparedAt.atOffset(ZoneOffset.UTC),
                        clock.instant().atOffset(ZoneOffset.UTC)).update();
        return confirm(requestId, service, preparedAt, null, null) ? Recorded.RECORDED : Recorded.REPEATED;
    }

    /** Records that {@code service} erased the customer's data; a repeat changes nothing. */
    @Transactional
    public Recorded recordErasure(UUID requestId, UUID customerId, String service, long deleted, long anonymised,
            Instant confirmedAt) {
        Recorded refused = check(requestId, customerId, "ERASURE");
        if (refused != Recorded.RECORDED) {
            return refused;
        }
        return confirm(requestId, service, confirmedAt, deleted, anonymised) ? Recorded.RECORDED : Recorded.REPEATED;
    }

    // locks the account row: an erasure running at the same time either finishes first (then nothing is stored) or
    // waits for this answer and deletes it with the rest
    private Recorded check(UUID requestId, UUID customerId, String kind) {
        record Request(UUID customerId, String kind, AccountStatus status) {
        }
        Optional<Request> request = jdbc.sql("""
                SELECT r.customer_id, r.kind, c.status FROM data_request r JOIN customer c ON c.id = r.customer_id
                WHERE r.id = ? FOR UPDATE OF c
                """).param(requestId)
                .query((rs, n) -> new Request(rs.getObject(1, UUID.class), rs.getString(2),
                        AccountStatus.valueOf(rs.getString(3))))
                .optional();
        if (request.isEmpty()) {
            return Recorded.UNKNOWN_REQUEST;
        }
        if (!request.get().customerId().equals(customerId)) {
            return Recorded.OTHER_CUSTOMER;
        }
        if (!request.get().kind().equals(kind)) {
            return Recorded.OTHER_KIND;
        }
        if ("EXPORT".equals(kind) && request.get().status() == AccountStatus.ERASED) {
            return Recorded.CUSTOMER_ERASED;
        }
        return Recorded.RECORDED;
    }

    // customer-service first, then the services the request waits for, then any other that answered
    private List<ServiceAnswer> answers(UUID requestId, @Nullable List<String> expected) {
        Map<String, ServiceAnswer> confirmed = new LinkedHashMap<>();
        jdbc.sql("SELECT service, confirmed_at, deleted, anonymised FROM data_request_confirmation WHERE request_id = ? "
                        + "ORDER BY confirmed_at, service")
                .param(requestId)
                .query((rs, n) -> new ServiceAnswer(rs.getString(1), Status.CONFIRMED,
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class)))
                .list().forEach(answer -> confirmed.put(answer.service(), answer));
        Set<String> services = new LinkedHashSet<>();
        services.add(SERVICE);
        services.addAll(expected != null ? expected : properties.expectedServices());
        services.addAll(confirmed.keySet());
        List<ServiceAnswer> answers = new ArrayList<>();
        for (String service : services) {
            answers.add(confirmed.getOrDefault(service, new ServiceAnswer(service, Status.AWAITED, null, null, null)));
        }
        return answers;
    }

    private static boolean complete(List<ServiceAnswer> answers) {
        return answers.stream().allMatch(answer -> answer.status() == Status.CONFIRMED);
    }

    private static Map<String, Instant> confirmations(List<ServiceAnswer> answers) {
        Map<String, Instant> confirmed = new LinkedHashMap<>();
        answers.stream().filter(answer -> answer.confirmedAt() != null)
                .forEach(answer -> confirmed.put(answer.service(), answer.confirmedAt()));
        return confirmed;
    }

    /** True when this is the service's first confirmation of the request. */
    private boolean confirm(UUID requestId, String service, Instant at, @Nullable Long deleted,
            @Nullable Long anonymised) {
        return jdbc.sql("INSERT INTO data_request_confirmation (request_id, service, confirmed_at, deleted, anonymised) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(requestId, service, at.atOffset(ZoneOffset.UTC), deleted, anonymised).update() == 1;
    }

    private static String arrayLiteral(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static @Nullable List<String> strings(java.sql.@Nullable Array array) throws java.sql.SQLException {
        return array == null ? null : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
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
        part.put("wishlist", wishlists.of(customer.id()).stream().map(item -> Map.of("sku", item.sku(),
                "product", item.name(), "addedAt", item.addedAt())).toList());
        part.put("linkedSignIns", jdbc.sql("SELECT provider, linked_at FROM external_identity WHERE customer_id = ? "
                + "ORDER BY linked_at").param(customer.id()).query((rs, n) -> Map.of("provider", rs.getString(1),
                "linkedAt", rs.getObject(2, OffsetDateTime.class).toInstant())).list());
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
        wishlists.forget(customerId);
        jdbc.sql("DELETE FROM external_identity WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM email_verification WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM password_reset WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM recovery_code WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("UPDATE data_request SET own_part = NULL WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM data_request_part WHERE request_id IN (SELECT id FROM data_request WHERE customer_id = ?)")
                .param(customerId).update();
        // the security record keeps that attempts happened, not who or from where
        jdbc.sql("UPDATE sign_in SET email = 'erased', ip = 'erased', user_agent = NULL WHERE customer_id = ? OR email = ?")
                .params(customerId, email).update();
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key = ?").param("account:" + email).update();
        // sessions and refresh tokens end; the stored authorizations also hold the sign-in's details
        jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(principal).update();
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(principal).update();
    }
}

package dev.atelier.customer.admin;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do to accounts: find them, lock and unlock them (a lock also ends the account's sessions and refresh
 * tokens), change roles. Every change is logged with the staff member who made it.
 */
@Service
public class CustomerAdministration {

    private static final Logger log = LoggerFactory.getLogger(CustomerAdministration.class);

    private final JdbcClient jdbc;
    private final Customers customers;

    CustomerAdministration(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /** One line of the customer list; the sort key is creation time then id, newest first. */
    public record Summary(UUID id, String email, String displayName, AccountStatus status, List<String> roles,
            Instant createdAt) {

        public String sortKey() {
            return (createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1000) + "|" + id;
        }
    }

    /** {@code limit + 1} accounts after {@code after} (a sort key), optionally matching {@code query}. */
    public List<Summary> search(@Nullable String query, @Nullable String after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, email, display_name, status, roles, created_at FROM customer "
                + "WHERE status <> 'ERASED'");
        List<Object> params = new java.util.ArrayList<>();
        if (query != null && !query.isBlank()) {
            String like = "%" + query.strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (email LIKE ? OR lower(display_name) LIKE ?)");
            params.add(like);
            params.add(like);
        }
        if (after != null) {
            String[] parts = after.split("\\|", 2);
            long micros = Long.parseLong(parts[0]);
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(OffsetDateTime.ofInstant(Instant.EPOCH.plus(java.time.Duration.ofNanos(micros * 1000)),
                    java.time.ZoneOffset.UTC));
            params.add(UUID.fromString(parts[1]));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit + 1);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            java.sql.Array roles = rs.getArray("roles");
            return new Summary(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                    AccountStatus.valueOf(rs.getString("status")),
                    java.util.Arrays.stream((Object[]) roles.getArray()).map(String::valueOf).sorted().toList(),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        }).list();
    }

    /** A sign-in attempt, for staff looking into an account. */
    public record SignIn(Instant at, String ip, String result) {
    }

    public Optional<Customer> find(UUID id) {
        return customers.byId(id).filter(c -> c.status() != AccountStatus.ERASED);
    }

    /** Whether the account exists at all, erased ones included (their data requests stay for staff to follow). */
    public boolean exists(UUID id) {
        return customers.byId(id).isPresent();
    }

    public List<SignIn> recentSignIns(UUID id) {
        return jdbc.sql("SELECT at, ip, result FROM sign_in WHERE customer_id = ? ORDER BY at DESC LIMIT 20").param(id)
                .query((rs, n) -> new SignIn(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                        rs.getString(3))).list();
    }

    /** The outcome of a lock, unlock or role change. */
    public enum Outcome { DONE, UNKNOWN, WRONG_STATE, LAST_ADMIN }

    @Transactional
    public Outcome lock(UUID id, String actor) {
        if (find(id).isEmpty()) {
            return Outcome.UNKNOWN;
        }
        if (!customers.changeStatus(id, AccountStatus.ACTIVE, AccountStatus.LOCKED)) {
            return Outcome.WRONG_STATE;
        }
        jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(id.toString()).update();
        log.info("account {} locked by {}", id, actor);
        return Outcome.DONE;
    }

    @Transactional
    public Outcome unlock(UUID id, String actor) {
        if (find(id).isEmpty()) {
            return Outcome.UNKNOWN;
        }
        if (!customers.changeStatus(id, AccountStatus.LOCKED, AccountStatus.ACTIVE)) {
            return Outcome.WRONG_STATE;
        }
        log.info("account {} unlocked by {}", id, actor);
        return Outcome.DONE;
    }

    /** Sets the roles (CUSTOMER always stays); the last active ADMIN cannot lose the role. */
    @Transactional
    public Outcome changeRoles(UUID id, Set<Role> requested, String actor) {
        // one role change at a time, so two admins cannot demote each other past the last-admin check
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(0x524F4C4553L).query().singleRow();
        Optional<Customer> customer = find(id);
        if (customer.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        EnumSet<Role> roles = EnumSet.of(Role.CUSTOMER);
        roles.addAll(requested);
        boolean losesAdmin = customer.get().roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN);
        if (losesAdmin && otherActiveAdmins(id) == 0) {
            return Outcome.LAST_ADMIN;
        }
        customers.changeRoles(id, roles);
        log.info("roles of account {} set to {} by {}", id, roles, actor);
        return Outcome.DONE;
    }

    private int otherActiveAdmins(UUID id) {
        return jdbc.sql("SELECT count(*) FROM customer WHERE 'ADMIN' = ANY(roles) AND status = 'ACTIVE' AND id <> ?")
                .param(id).query(Integer.class).single();
    }
}

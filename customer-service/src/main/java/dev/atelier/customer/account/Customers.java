package dev.atelier.customer.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts table. Plain JDBC: an account is one row (its roles an array), and the statements that matter
 * (a guarded status change, a TOTP step that only moves forward) are single conditional updates.
 */
@Repository
public class Customers {

    private static final String COLUMNS = "id, email, display_name, password_hash, status, roles, totp_secret, "
            + "totp_enrolled_at, created_at";

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public Optional<Customer> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE email = ?").param(normalise(email))
                .query(Customers::map).optional();
    }

    public Optional<Customer> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?").param(id).query(Customers::map).optional();
    }

    public void insert(Customer customer) {
        jdbc.sql("""
                INSERT INTO customer (id, email, display_name, password_hash, status, roles, totp_secret,
                                      totp_enrolled_at, created_at, verified_at)
                VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, CASE WHEN ? = 'ACTIVE' THEN now() END)
                """)
                .params(customer.id(), normalise(customer.email()), customer.displayName(), customer.passwordHash(),
                        customer.status().name(), rolesLiteral(customer.roles()), customer.sealedTotpSecret(),
                        offset(customer.totpEnrolledAt()), offset(customer.createdAt()), customer.status().name())
                .update();
    }

    /** Activates a pending account; false if it was not pending. */
    public boolean activate(UUID id) {
        return jdbc.sql("UPDATE customer SET status = 'ACTIVE', verified_at = now() "
                + "WHERE id = ? AND status = 'PENDING_VERIFICATION'").param(id).update() == 1;
    }

    /** Replaces a pending account's sign-up details (a second sign-up before the first was verified). */
    public boolean replacePending(UUID id, String displayName, String passwordHash) {
        return jdbc.sql("UPDATE customer SET display_name = ?, password_hash = ? "
                + "WHERE id = ? AND status = 'PENDING_VERIFICATION'").params(displayName, passwordHash, id).update() == 1;
    }

    public boolean changeDisplayName(UUID id, String displayName) {
        return jdbc.sql("UPDATE customer SET display_name = ? WHERE id = ? AND status = 'ACTIVE'")
                .params(displayName, id).update() == 1;
    }

    /** Moves an account between ACTIVE and LOCKED; false when it was not in {@code from}. */
    public boolean changeStatus(UUID id, AccountStatus from, AccountStatus to) {
        return jdbc.sql("UPDATE customer SET status = ? WHERE id = ? AND status = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }

    public void changePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("UPDATE customer SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    public void changeRoles(UUID id, Set<Role> roles) {
        jdbc.sql("UPDATE customer SET roles = ?::text[] WHERE id = ?").params(rolesLiteral(roles), id).update();
    }

    /** Stores a TOTP secret not yet confirmed by a code: it does not count as a second factor until enrolled. */
    public void startTotpEnrolment(UUID id, String sealedSecret) {
        jdbc.sql("UPDATE customer SET totp_secret = ?, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = ?")
                .params(sealedSecret, id).update();
    }

    public void completeTotpEnrolment(UUID id) {
        jdbc.sql("UPDATE customer SET totp_enrolled_at = now() WHERE id = ? AND totp_secret IS NOT NULL")
                .param(id).update();
    }

    /**
     * Records that the code of time step {@code step} was used; false if that step or a later one was already used,
     * which is what makes a code unusable twice (one statement, so two requests racing with one code cannot both win).
     */
    public boolean useTotpStep(UUID id, long step) {
        return jdbc.sql("UPDATE customer SET totp_last_step = ? WHERE id = ? "
                + "AND (totp_last_step IS NULL OR totp_last_step < ?)").params(step, id, step).update() == 1;
    }

    private static String rolesLiteral(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static @Nullable OffsetDateTime offset(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }

    static Customer map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("roles");
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) role));
        }
        OffsetDateTime enrolled = rs.getObject("totp_enrolled_at", OffsetDateTime.class);
        return new Customer(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                rs.getString("password_hash"), AccountStatus.valueOf(rs.getString("status")), Set.copyOf(roles),
                rs.getString("totp_secret"), enrolled == null ? null : enrolled.toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}

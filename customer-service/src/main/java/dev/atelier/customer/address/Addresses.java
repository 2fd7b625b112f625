package dev.atelier.customer.address;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's addresses. Every statement carries the customer id, so one customer's request can never read or
 * change another's address: a foreign id is simply not found. The first address becomes the default; making
 * another the default clears the old one in the same transaction (a unique index allows one).
 */
@Service
public class Addresses {

    public static final int MAX_PER_CUSTOMER = 20;

    private final JdbcClient jdbc;

    Addresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a customer sends; the postcode is already normalised. */
    public record Details(String name, String line1, @Nullable String line2, String city, String postcode) {
    }

    public List<Address> of(UUID customerId) {
        return jdbc.sql("SELECT id, name, line1, line2, city, postcode, country, is_default FROM address "
                        + "WHERE customer_id = ? ORDER BY is_default DESC, created_at, id")
                .param(customerId).query(Addresses::map).list();
    }

    public Optional<Address> find(UUID customerId, UUID id) {
        return jdbc.sql("SELECT id, name, line1, line2, city, postcode, country, is_default FROM address "
                + "WHERE customer_id = ? AND id = ?").params(customerId, id).query(Addresses::map).optional();
    }

    /** Adds an address, or empty when the customer already has {@link #MAX_PER_CUSTOMER}. */
    @Transactional
    public Optional<Address> add(UUID customerId, Details details, boolean makeDefault) {
        // the customer's row is the lock that keeps two concurrent adds from both passing the count
        jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(UUID.class).single();
        int count = jdbc.sql("SELECT count(*) FROM address WHERE customer_id = ?").param(customerId)
                .query(Integer.class).single();
        if (count >= MAX_PER_CUSTOMER) {
            return Optional.empty();
        }
        boolean isDefault = makeDefault || count == 0;
        if (isDefault) {
            clearDefault(customerId);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, customer_id, name, line1, line2, city, postcode, is_default) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, customerId, details.name(), details.line1(), details.line2(), details.city(),
                        details.postcode(), isDefault).update();
        return find(customerId, id);
    }

    @Transactional
    public Optional<Address> update(UUID customerId, UUID id, Details details) {
        int updated = jdbc.sql("UPDATE address SET name = ?, line1 = ?, line2 = ?, city = ?, postcode = ? "
                        + "WHERE customer_id = ? AND id = ?")
                .params(details.name(), details.line1(), details.line2(), details.city(), details.postcode(),
                        customerId, id).update();
        return updated == 1 ? find(customerId, id) : Optional.empty();
    }

    @Transactional
    public Optional<Address> makeDefault(UUID customerId, UUID id) {
        if (find(customerId, id).isEmpty()) {
            return Optional.empty();
        }
        clearDefault(customerId);
        jdbc.sql("UPDATE address SET is_default = true WHERE customer_id = ? AND id = ?").params(customerId, id).update();
        return find(customerId, id);
    }

    /** Deletes an address; when it was the default, the oldest remaining one becomes the default. */
    @Transactional
    public boolean delete(UUID customerId, UUID id) {
        Optional<Address> gone = find(customerId, id);
        if (gone.isEmpty()) {
            return false;
        }
        jdbc.sql("DELETE FROM address WHERE customer_id = ? AND id = ?").params(customerId, id).update();
        if (gone.get().isDefault()) {
            jdbc.sql("UPDATE address SET is_default = true WHERE id = (SELECT id FROM address WHERE customer_id = ? "
                    + "ORDER BY created_at, id LIMIT 1)").param(customerId).update();
        }
        return true;
    }

    private void clearDefault(UUID customerId) {
        jdbc.sql("UPDATE address SET is_default = false WHERE customer_id = ? AND is_default").param(customerId).update();
    }

    private static Address map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Address(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("line1"),
                rs.getString("line2"), rs.getString("city"), rs.getString("postcode"), rs.getString("country"),
                rs.getBoolean("is_default"));
    }
}

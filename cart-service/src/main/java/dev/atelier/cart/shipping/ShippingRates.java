package dev.atelier.cart.shipping;

import dev.atelier.cart.pricing.PricingEngine;
import dev.atelier.cart.pricing.PricingProperties;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shipping options as the store set them through the admin API: each replaces the configured option of the same
 * name (or adds one). The engine every price goes through is the configured one with these in place, read again
 * at most every {@link #REREAD} (a change made on this replica applies at once, one made on another within that
 * time), so that pricing a cart, which every cart request does, does not query the options each time.
 */
@Service
public class ShippingRates {

    private final JdbcClient jdbc;
    private final PricingEngine configured;
    private final Clock clock;

    ShippingRates(JdbcClient jdbc, PricingEngine configured, Clock clock) {
        this.jdbc = jdbc;
        this.configured = configured;
        this.clock = clock;
    }

    /** How long the options read from the database serve before they are read again. */
    static final Duration REREAD = Duration.ofSeconds(1);

    /** The engine with the options in force, and when it was read ({@link System#nanoTime()}). */
    private record Loaded(PricingEngine engine, long readAt) {
    }

    private volatile @Nullable Loaded loaded;

    /** The engine with the shipping options in force. */
    public PricingEngine engine() {
        Loaded current = loaded;
        long now = System.nanoTime();
        if (current == null || now - current.readAt() > REREAD.toNanos()) {
            current = new Loaded(read(), now);
            loaded = current;
        }
        return current.engine();
    }

    private PricingEngine read() {
        Map<String, PricingProperties.Option> stored = stored();
        if (stored.isEmpty()) {
            return configured;
        }
        Map<String, PricingProperties.Option> options = new HashMap<>(configured.shipping().options());
        options.putAll(stored);
        return configured.withShipping(new PricingProperties.Shipping(options));
    }

    /** Every option in force, by name, and where it comes from. */
    public Map<String, Map<String, Object>> inForce() {
        Map<String, PricingProperties.Option> stored = stored();
        Map<String, Map<String, Object>> all = new TreeMap<>();
        read().shipping().options().forEach((name, option) -> all.put(name, Map.of(
                "source", stored.containsKey(name) ? "admin" : "configuration", "option", option)));
        return all;
    }

    @Transactional
    public void replace(String name, PricingProperties.Option option, String actor) {
        validate(name, option);
        jdbc.sql("DELETE FROM shipping_option WHERE name = ?").param(name).update();
        jdbc.sql("INSERT INTO shipping_option (name, free_above_minor, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                .params(name, option.freeAbove(), Timestamp.from(clock.instant()), actor).update();
        for (int i = 0; i < option.rates().size(); i++) {
            PricingProperties.Rate rate = option.rates().get(i);
            jdbc.sql("""
                    INSERT INTO shipping_rate (option, position, countries, up_to_grams, price_minor)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(name, i, rate.countries().stream().map(c -> c.toUpperCase(java.util.Locale.ROOT))
                            .toArray(String[]::new), rate.upToGrams(), rate.price())
                    .update();
        }
        loaded = null;
    }

    /** Drops the admin's version of an option: the configured one (if any) applies again. */
    @Transactional
    public void reset(String name) {
        if (jdbc.sql("DELETE FROM shipping_option WHERE name = ?").param(name).update() == 0) {
            throw ProblemException.notFound("unknown-shipping-option", "no shipping option " + name
                    + " was set through the admin API");
        }
        loaded = null;
    }

    private Map<String, PricingProperties.Option> stored() {
        Map<String, @Nullable Long> freeAbove = new HashMap<>();
        jdbc.sql("SELECT name, free_above_minor FROM shipping_option")
                .query(rs -> {
                    freeAbove.put(rs.getString(1), rs.getObject(2, Long.class));
                });
        if (freeAbove.isEmpty()) {
            return Map.of();
        }
        Map<String, List<PricingProperties.Rate>> rates = new HashMap<>();
        jdbc.sql("SELECT option, countries, up_to_grams, price_minor FROM shipping_rate ORDER BY option, position")
                .query(rs -> {
                    Array countries = rs.getArray(2);
                    rates.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PricingProperties.Rate(
                            Arrays.asList((String[]) countries.getArray()), rs.getObject(3, Long.class),
                            rs.getLong(4)));
                });
        Map<String, PricingProperties.Option> options = new HashMap<>();
        freeAbove.forEach((name, free) -> options.put(name,
                new PricingProperties.Option(free, rates.getOrDefault(name, List.of()))));
        return options;
    }

    private static void validate(String name, PricingProperties.Option option) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!name.matches("[a-z][a-z0-9-]{1,29}")) {
            problems.add(new FieldProblem("option", "must be 2 to 30 lower-case letters, digits or dashes"));
        }
        if (option.rates().isEmpty()) {
            problems.add(new FieldProblem("rates", "must list at least one rate"));
        }
        for (int i = 0; i < option.rates().size(); i++) {
            PricingProperties.Rate rate = option.rates().get(i);
            if (rate.countries().isEmpty() || rate.countries().stream()
                    .anyMatch(c -> !c.equals("*") && !c.matches("[A-Za-z]{2}"))) {
                problems.add(new FieldProblem("rates[" + i + "].countries",
                        "must list ISO 3166-1 alpha-2 codes or *"));
            }
            if (rate.price() < 0) {
                problems.add(new FieldProblem("rates[" + i + "].price", "must be 0 or more"));
            }
            if (rate.upToGrams() != null && rate.upToGrams() <= 0) {
                problems.add(new FieldProblem("rates[" + i + "].upToGrams", "must be positive"));
            }
        }
        if (option.freeAbove() != null && option.freeAbove() < 0) {
            problems.add(new FieldProblem("freeAbove", "must be 0 or more"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems);
        }
    }
}

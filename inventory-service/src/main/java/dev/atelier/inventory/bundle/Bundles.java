package dev.atelier.inventory.bundle;

import dev.atelier.inventory.stock.StockConflictException;
import dev.atelier.inventory.stock.Stock;
import dev.atelier.inventory.stock.UnknownSkuException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Bundles and their components. A bundle has no stock of its own: reserving one reserves its components, so
 * two lines that share a component count together.
 *
 * <p>Every reservation expands its lines, so the (small) table of definitions is read into memory and re-read
 * every {@link #REFRESH}, and at once on this replica when it changes a definition: another replica sees a change
 * within that time.
 */
@Repository
public class Bundles {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final Stock stock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0);

    Bundles(JdbcTemplate jdbc, Stock stock) {
        this.jdbc = jdbc;
        this.stock = stock;
    }

    private record Snapshot(Map<String, List<BundleComponent>> bundles, long readAtNanos) {
    }

    private Map<String, List<BundleComponent>> definitions() {
        Snapshot current = snapshot;
        if (current.readAtNanos() == 0 || System.nanoTime() - current.readAtNanos() > REFRESH.toNanos()) {
            Map<String, List<BundleComponent>> read = new HashMap<>();
            jdbc.query("SELECT bundle_sku, component_sku, quantity FROM bundle_component ORDER BY bundle_sku, component_sku",
                    rs -> {
                        read.computeIfAbsent(rs.getString(1), b -> new java.util.ArrayList<>())
                                .add(new BundleComponent(rs.getString(2), rs.getInt(3)));
                    });
            current = new Snapshot(Map.copyOf(read), System.nanoTime());
            snapshot = current;
        }
        return current.bundles();
    }

    /** Replaces the bundle's components. */
    @Transactional
    public void define(String bundleSku, List<BundleComponent> components) {
        if (stock.exists(bundleSku)) {
            throw new StockConflictException(bundleSku + " is a stocked SKU and cannot also be a bundle");
        }
        for (BundleComponent component : components) {
            if (component.sku().equals(bundleSku)) {
                throw new IllegalArgumentException("a bundle cannot contain itself");
            }
            if (!stock.exists(component.sku())) {
                throw new UnknownSkuException(component.sku());
            }
        }
        jdbc.update("DELETE FROM bundle_component WHERE bundle_sku = ?", bundleSku);
        for (BundleComponent component : components) {
            jdbc.update("INSERT INTO bundle_component (bundle_sku, component_sku, quantity) VALUES (?, ?, ?)",
                    bundleSku, component.sku(), component.quantity());
        }
        snapshot = new Snapshot(Map.of(), 0);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                snapshot = new Snapshot(Map.of(), 0);
            }
        });
    }

    public List<BundleComponent> components(String bundleSku) {
        return jdbc.query("SELECT component_sku, quantity FROM bundle_component WHERE bundle_sku = ? ORDER BY component_sku",
                (rs, row) -> new BundleComponent(rs.getString(1), rs.getInt(2)), bundleSku);
    }

    /** The components of every bundle among the SKUs; SKUs that are not bundles are absent. */
    public Map<String, List<BundleComponent>> componentsOf(Collection<String> skus) {
        Map<String, List<BundleComponent>> all = definitions();
        Map<String, List<BundleComponent>> bundles = new HashMap<>();
        for (String sku : skus) {
            List<BundleComponent> components = all.get(sku);
            if (components != null) {
                bundles.put(sku, components);
            }
        }
        return bundles;
    }

    /**
     * What the lines take from stock: bundles replaced by their components, quantities of the same SKU added up,
     * sorted by SKU (the order in which rows are locked, so that concurrent reservations never deadlock).
     */
    public SortedMap<String, Integer> expand(Map<String, Integer> lines) {
        Map<String, List<BundleComponent>> bundles = componentsOf(lines.keySet());
        SortedMap<String, Integer> expanded = new TreeMap<>();
        lines.forEach((sku, quantity) -> {
            List<BundleComponent> components = bundles.get(sku);
            if (components == null) {
                expanded.merge(sku, quantity, Math::addExact);
            } else {
                components.forEach(c -> expanded.merge(c.sku(), Math.multiplyExact(c.quantity(), quantity), Math::addExact));
            }
        });
        return expanded;
    }
}

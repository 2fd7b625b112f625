package dev.atelier.inventory.availability;

import dev.atelier.inventory.bundle.BundleComponent;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.StockFigures;
import dev.atelier.inventory.stock.Stock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What can still be ordered: a SKU's available units, or for a bundle the number of whole bundles its
 * components allow. A SKU this service does not know reads as 0, so a badge never promises what is not there.
 */
@Service
public class Availability {

    private final Stock stock;
    private final Bundles bundles;

    Availability(Stock stock, Bundles bundles) {
        this.stock = stock;
        this.bundles = bundles;
    }

    /** One SKU's answer; {@code known} tells a real zero from a SKU the service does not stock. */
    public record Item(String sku, long available, boolean known) {
    }

    @Transactional(readOnly = true)
    public List<Item> of(List<String> skus) {
        Map<String, List<BundleComponent>> bundled = bundles.componentsOf(skus);
        Set<String> stocked = new HashSet<>(skus);
        bundled.values().forEach(components -> components.forEach(c -> stocked.add(c.sku())));
        Map<String, StockFigures> figures = stock.findAll(stocked).stream()
                .collect(Collectors.toMap(StockFigures::sku, Function.identity()));
        return skus.stream().map(sku -> {
            List<BundleComponent> components = bundled.get(sku);
            if (components != null) {
                long whole = components.stream()
                        .mapToLong(c -> figures.containsKey(c.sku())
                                ? Math.max(0, figures.get(c.sku()).available()) / c.quantity() : 0)
                        .min().orElse(0);
                return new Item(sku, whole, true);
            }
            StockFigures found = figures.get(sku);
            return found == null ? new Item(sku, 0, false) : new Item(sku, Math.max(0, found.available()), true);
        }).toList();
    }
}

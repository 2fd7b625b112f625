package dev.atelier.inventory.availability.web;

import dev.atelier.inventory.availability.Availability;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The storefront's stock badges: what can still be ordered of several SKUs (bundles included) at once. */
@RestController
class AvailabilityController {

    static final int MAX_SKUS = 100;

    private final Availability availability;

    AvailabilityController(Availability availability) {
        this.availability = availability;
    }

    @GetMapping("/api/inventory/availability")
    List<Availability.Item> availability(@RequestParam(name = "sku", required = false) List<String> skus) {
        if (skus == null || skus.isEmpty()) {
            throw new IllegalArgumentException("name at least one SKU: ?sku=A&sku=B");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>(skus);
        if (distinct.size() > MAX_SKUS) {
            throw new IllegalArgumentException("at most " + MAX_SKUS + " SKUs per request, got " + distinct.size());
        }
        return availability.of(List.copyOf(distinct));
    }
}

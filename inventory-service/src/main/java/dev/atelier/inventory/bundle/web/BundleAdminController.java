package dev.atelier.inventory.bundle.web;

import dev.atelier.inventory.bundle.BundleComponent;
import dev.atelier.inventory.bundle.Bundles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Staff define which stocked SKUs make up a bundle. */
@RestController
@RequestMapping("/api/admin/inventory/bundles")
class BundleAdminController {

    private final Bundles bundles;

    BundleAdminController(Bundles bundles) {
        this.bundles = bundles;
    }

    record Component(@NotNull @Pattern(regexp = "^[A-Z0-9][A-Z0-9._-]{0,63}$", message = "is not a SKU") String sku,
            @NotNull @Positive Integer quantity) {
    }

    record Definition(@NotEmpty @Size(max = 20) List<@Valid Component> components) {
    }

    record BundleView(String sku, List<BundleComponent> components) {
    }

    @PutMapping("/{bundleSku}")
    BundleView define(@PathVariable String bundleSku, @Valid @RequestBody Definition definition) {
        if (!bundleSku.matches("^[A-Z0-9][A-Z0-9._-]{0,63}$")) {
            throw new IllegalArgumentException("bundle SKU " + bundleSku + " is not a SKU");
        }
        List<BundleComponent> components = definition.components().stream()
                .map(c -> new BundleComponent(c.sku(), c.quantity())).toList();
        if (new HashSet<>(components.stream().map(BundleComponent::sku).toList()).size() != components.size()) {
            throw new IllegalArgumentException("list each component once, with its quantity");
        }
        bundles.define(bundleSku, components);
        return new BundleView(bundleSku, bundles.components(bundleSku));
    }

    @GetMapping("/{bundleSku}")
    BundleView bundle(@PathVariable String bundleSku) {
        List<BundleComponent> components = bundles.components(bundleSku);
        if (components.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no bundle with SKU " + bundleSku);
        }
        return new BundleView(bundleSku, components);
    }
}

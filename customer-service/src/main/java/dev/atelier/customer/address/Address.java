package dev.atelier.customer.address;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A saved delivery address. */
public record Address(UUID id, String name, String line1, @Nullable String line2, String city, String postcode,
        String country, boolean isDefault) {
}

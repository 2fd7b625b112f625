package dev.atelier.events.order;

import org.jspecify.annotations.Nullable;

/** Where an order goes; {@code country} is an ISO 3166-1 alpha-2 code ({@code GB}). */
public record ShippingAddress(String name, String line1, @Nullable String line2, String city, String postcode,
        String country) {
}

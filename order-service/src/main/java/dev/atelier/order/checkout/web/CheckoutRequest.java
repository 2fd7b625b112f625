package dev.atelier.order.checkout.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/checkout}. The cart comes from the {@code cart_id} cookie, or {@code cartId} for
 * callers without cookies; {@code cartVersion}, when given, must still be the cart's version.
 */
record CheckoutRequest(
        @Nullable @Email @Size(max = 254) String email,
        @NotNull @Valid Address shippingAddress,
        @Nullable @Pattern(regexp = "standard|express", message = "must be standard or express") String shippingOption,
        @NotNull @Pattern(regexp = "card|bank", message = "must be card or bank") String paymentMethod,
        @Nullable @Size(max = 64) String giftCardCode,
        @Nullable UUID cartId,
        @Nullable @PositiveOrZero Long cartVersion) {

    /** Where the parcel goes; {@code country} is ISO 3166-1 alpha-2. */
    record Address(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 200) String line1,
            @Nullable @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 16) String postcode,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code such as GB")
            String country) {
    }
}

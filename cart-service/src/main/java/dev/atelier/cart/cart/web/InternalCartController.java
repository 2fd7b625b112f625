package dev.atelier.cart.cart.web;

import dev.atelier.cart.cart.CartMerge;
import dev.atelier.cart.cart.CartPricing;
import dev.atelier.cart.cart.PricedCart;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For other services only (the gateway never routes {@code /internal/**}): order-service reads the priced cart at
 * checkout; the gateway merges the anonymous cart into the account's at sign-in.
 */
@RestController
@RequestMapping("/internal/carts")
@Validated
class InternalCartController {

    private final CartPricing pricing;
    private final CartMerge merge;

    InternalCartController(CartPricing pricing, CartMerge merge) {
        this.pricing = pricing;
        this.merge = merge;
    }

    record MergeRequest(@NotNull UUID anonymousCartId, @NotNull UUID customerId, @Nullable @Email String email) {
    }

    record MergeAnswer(UUID cartId, PricedCart cart, List<CartMerge.Conflict> conflicts) {
    }

    @GetMapping("/{cartId}")
    PricedCart cart(@PathVariable UUID cartId,
            @RequestParam(required = false) @Nullable String shippingOption,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Za-z]{2}",
                    message = "must be an ISO 3166-1 alpha-2 country code") String country) {
        return pricing.openCart(cartId, shippingOption, country);
    }

    @PostMapping("/merge")
    MergeAnswer merge(@Valid @RequestBody MergeRequest request) {
        CartMerge.Merged merged = merge.merge(request.anonymousCartId(), request.customerId(), request.email());
        return new MergeAnswer(merged.cartId(), pricing.openCart(merged.cartId(), null, null), merged.conflicts());
    }
}

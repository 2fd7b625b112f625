package dev.atelier.cart.cart.web;

import dev.atelier.cart.cart.CartPricing;
import dev.atelier.cart.cart.CartProperties;
import dev.atelier.cart.cart.CartService;
import dev.atelier.cart.cart.PricedCart;
import dev.atelier.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper's cart, found by the {@code cart_id} cookie (HttpOnly, SameSite=Lax, Secure outside local runs).
 * Every answer is the priced cart, so the page shows exactly what checkout will charge.
 */
@RestController
@RequestMapping("/api/cart")
class CartController {

    static final String COOKIE = "cart_id";

    private final CartService carts;
    private final CartPricing pricing;
    private final CartProperties properties;

    CartController(CartService carts, CartPricing pricing, CartProperties properties) {
        this.carts = carts;
        this.pricing = pricing;
        this.properties = properties;
    }

    /** {@code preview}: the catalog media id of the picture the storefront drew of the personalisation. */
    record AddItem(@NotBlank @Size(max = 64) String sku, @NotNull Integer quantity,
            @Nullable Map<String, String> personalisation, @Nullable UUID preview) {
    }

    record ChangeQuantity(@NotNull Integer quantity) {
    }

    record ApplyCoupon(@NotBlank @Size(max = 40) String code) {
    }

    record GiftRequest(@NotNull Boolean wrap, @Nullable String message, @Nullable Boolean hidePrices) {
    }

    record Contact(@NotBlank @Email @Size(max = 254) String email) {
    }

    @GetMapping
    PricedCart cart(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @RequestParam(required = false) @Nullable String shippingOption,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Za-z]{2}") String country) {
        UUID cartId = parse(cookie);
        if (cartId == null) {
            return pricing.empty(shippingOption, country);
        }
        return pricing.openCartIfAny(cartId, shippingOption, country)
                .orElseGet(() -> pricing.empty(shippingOption, country));
    }

    @PostMapping("/items")
    ResponseEntity<PricedCart> add(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @Valid @RequestBody AddItem item) {
        Map<String, String> values = item.personalisation() == null ? Map.of() : item.personalisation();
        CartService.Added added = carts.addLine(parse(cookie), item.sku().strip(), item.quantity(), values,
                item.preview());
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (added.created()) {
            answer.header(HttpHeaders.SET_COOKIE, cookie(added.cartId()).toString());
        }
        return answer.body(added.cart());
    }

    @PatchMapping("/items/{lineId}")
    PricedCart change(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @PathVariable UUID lineId, @Valid @RequestBody ChangeQuantity change) {
        UUID cartId = required(cookie);
        carts.changeQuantity(cartId, lineId, change.quantity());
        return pricing.openCart(cartId, null, null);
    }

    @DeleteMapping("/items/{lineId}")
    PricedCart remove(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @PathVariable UUID lineId) {
        UUID cartId = required(cookie);
        carts.removeLine(cartId, lineId);
        return pricing.openCart(cartId, null, null);
    }

    @PostMapping("/coupon")
    PricedCart applyCoupon(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @Valid @RequestBody ApplyCoupon coupon) {
        UUID cartId = required(cookie);
        carts.applyCoupon(cartId, coupon.code());
        return pricing.openCart(cartId, null, null);
    }

    @DeleteMapping("/coupon")
    PricedCart removeCoupon(@CookieValue(name = COOKIE, required = false) @Nullable String cookie) {
        UUID cartId = required(cookie);
        carts.removeCoupon(cartId);
        return pricing.openCart(cartId, null, null);
    }

    @PutMapping("/gift")
    PricedCart gift(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @Valid @RequestBody GiftRequest gift) {
        UUID cartId = required(cookie);
        carts.setGift(cartId, gift.wrap(), gift.message(), Boolean.TRUE.equals(gift.hidePrices()));
        return pricing.openCart(cartId, null, null);
    }

    @PutMapping("/email")
    PricedCart email(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            @Valid @RequestBody Contact contact) {
        UUID cartId = required(cookie);
        carts.setEmail(cartId, contact.email());
        return pricing.openCart(cartId, null, null);
    }

    private ResponseCookie cookie(UUID cartId) {
        return ResponseCookie.from(COOKIE, cartId.toString()).httpOnly(true).sameSite("Lax")
                .secure(properties.secureCookie()).path("/").maxAge(Duration.ofDays(30)).build();
    }

    private static UUID required(@Nullable String cookie) {
        UUID cartId = parse(cookie);
        if (cartId == null) {
            throw ProblemException.notFound("unknown-cart", "there is no cart yet: add an item first");
        }
        return cartId;
    }

    private static @Nullable UUID parse(@Nullable String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(cookie.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.atelier.cart.cart;

import dev.atelier.cart.Json;
import dev.atelier.cart.coupon.Coupon;
import dev.atelier.cart.coupon.Coupons;
import dev.atelier.cart.personalisation.CatalogUnavailableException;
import dev.atelier.cart.personalisation.Personalisation;
import dev.atelier.cart.personalisation.UnknownSkuException;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.cart.product.Variant;
import dev.atelier.events.Money;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a shopper does to a cart. Each change locks the cart row, checks the limits (the database checks them
 * again: slots 1..10, quantity 1..10) and bumps the version. Catalog's personalisation check runs before the
 * transaction, so that no database connection waits on another service.
 */
@Service
public class CartService {

    private final Carts carts;
    private final SellableVariants variants;
    private final Personalisation personalisation;
    private final Coupons coupons;
    private final CartPricing pricing;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CartService(Carts carts, SellableVariants variants, Personalisation personalisation, Coupons coupons,
            CartPricing pricing, TransactionTemplate transaction, Clock clock) {
        this.carts = carts;
        this.variants = variants;
        this.personalisation = personalisation;
        this.coupons = coupons;
        this.pricing = pricing;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * The cart a line went into: the given one while it is open, otherwise a new one ({@code created}); priced as
     * it stands after the change.
     */
    public record Added(UUID cartId, UUID lineId, boolean created, PricedCart cart) {
    }

    /**
     * Adds {@code quantity} units of a SKU with a personalisation: to the line with the same SKU and personalisation
     * if there is one, else as a new line.
     */
    public Added addLine(@Nullable UUID cartId, String sku, int quantity, Map<String, String> values) {
        return addLine(cartId, sku, quantity, values, null);
    }

    /**
     * The same, with the picture of the personalised product the shopper saw ({@code preview}, a catalog media id):
     * kept with the line, the latest one when the line is added to again.
     */
    public Added addLine(@Nullable UUID cartId, String sku, int quantity, Map<String, String> values,
            @Nullable UUID preview) {
        requireQuantity(quantity);
        if (cartId != null && values.isEmpty()) {
            // a plain product to a cart (most adds): the cart and the SKU's variant in one statement, unless the
            // product turns out personalisable (catalog must see it, outside any transaction) or there is no cart
            Added added = transaction.execute(status -> {
                carts.beginShoppersChange();
                Carts.Loaded held = carts.lockOpenWithVariant(cartId, sku).orElse(null);
                if (held == null) {
                    return null;
                }
                Variant variant = sellable(sku, held.variants().get(sku));
                if (variant.personalisable()) {
                    return null;
                }
                return addTo(held, variant, quantity, PLAIN, preview, clock.instant());
            });
            if (added != null) {
                return added;
            }
        }
        Variant variant = sellable(sku, variants.find(sku).orElse(null));
        Checked checked = check(variant, values);
        Instant now = clock.instant();
        return transaction.execute(status -> {
            carts.beginShoppersChange();
            Carts.Loaded held = cartId == null ? null : carts.lockOpenWithVariant(cartId, null).orElse(null);
            if (held == null) {
                // a new cart and its first line in one statement: nobody else knows its id yet, nothing to lock
                UUID id = UUID.randomUUID();
                CartLine line = newLine(1, variant, quantity, checked, now, preview);
                carts.createWithLine(id, line, now);
                Cart cart = new Cart(id, CartStatus.OPEN, 2, null, null, null, Cart.Gift.NONE, null, now,
                        List.of(line));
                return new Added(id, line.id(), true,
                        pricing.price(cart, Map.of(sku, variant), null, null, null));
            }
            return addTo(held, variant, quantity, checked, preview, now);
        });
    }

    /** The SKU's variant, if the read model has it and it is still sold; else the shopper's answer why not. */
    private static Variant sellable(String sku, @Nullable Variant variant) {
        if (variant == null) {
            throw ProblemException.unprocessable("unknown-sku", "SKU " + sku + " is not sold here").with("sku", sku);
        }
        if (variant.retired()) {
            throw ProblemException.unprocessable("product-unavailable", variant.name() + " (" + sku
                    + ") is no longer sold").with("sku", sku);
        }
        return variant;
    }

    /** Adds to the open cart locked in this transaction, and prices it as it stands after. */
    private Added addTo(Carts.Loaded held, Variant variant, int quantity, Checked checked, @Nullable UUID preview,
            Instant now) {
        Cart cart = held.cart();
        String sku = variant.sku();
        Money unitPrice = unitPrice(variant, checked);
        Optional<CartLine> same = cart.line(sku, checked.key());
        UUID lineId;
        List<CartLine> lines;
        if (same.isPresent()) {
            int total = same.get().quantity() + quantity;
            if (total > Cart.MAX_QUANTITY) {
                throw quantityLimit(total, "the line already holds " + same.get().quantity());
            }
            lineId = same.get().id();
            carts.updateLineAndTouch(cart.id(), lineId, total, unitPrice, preview, now);
            lines = cart.lines().stream().map(l -> l.id().equals(lineId)
                    ? l.withQuantity(total, unitPrice).withPreview(preview != null ? preview : l.previewRef())
                    : l).toList();
        } else {
            int slot = cart.freeSlot().orElseThrow(() -> ProblemException.unprocessable("line-limit",
                    "a cart holds at most " + Cart.MAX_LINES + " lines; remove one first")
                    .with("limit", Cart.MAX_LINES));
            CartLine line = newLine(slot, variant, quantity, checked, now, preview);
            lineId = line.id();
            carts.insertLineAndTouch(cart.id(), line, now);
            lines = new ArrayList<>(cart.lines());
            lines.add(line); // the latest added_at: last, as the lines are read back
        }
        // the cart as a fresh read would give it (the row is locked, so the touch made it version + 1): priced in
        // this transaction with the variants read with it, without reading back what was just written
        Cart after = new Cart(cart.id(), cart.status(), cart.version() + 1, cart.customerId(), cart.email(),
                cart.couponCode(), cart.gift(), cart.orderId(), now, lines);
        Map<String, Variant> known = new HashMap<>(held.variants());
        known.putIfAbsent(sku, variant);
        return new Added(cart.id(), lineId, false, pricing.price(after, known, null, null, after.couponCode()));
    }

    private static Money unitPrice(Variant variant, Checked checked) {
        return new Money(variant.price().minor() + checked.delta(), variant.price().currency());
    }

    private static CartLine newLine(int slot, Variant variant, int quantity, Checked checked, Instant now,
            @Nullable UUID preview) {
        return new CartLine(UUID.randomUUID(), slot, variant.sku(), quantity, checked.values(), checked.key(),
                checked.labels(), checked.delta(), unitPrice(variant, checked), variant.name(), variant.attributes(),
                variant.imageUrl(), now, preview);
    }

    public void changeQuantity(UUID cartId, UUID lineId, int quantity) {
        requireQuantity(quantity);
        change(cartId, cart -> {
            CartLine line = line(cart, lineId);
            Variant variant = variants.find(line.sku()).orElse(null);
            carts.updateLine(lineId, quantity, CartPricing.unitPrice(line, variant));
        });
    }

    public void removeLine(UUID cartId, UUID lineId) {
        change(cartId, cart -> carts.deleteLine(line(cart, lineId).id()));
    }

    /**
     * Puts a coupon on the cart after previewing it: a code that does not exist, cannot be used now, or takes
     * nothing off this cart is refused with the reason.
     */
    public void applyCoupon(UUID cartId, String rawCode) {
        String code = Coupon.normalise(rawCode);
        change(cartId, cart -> {
            Coupon coupon = coupons.find(code).orElseThrow(() -> ProblemException.unprocessable("unknown-coupon",
                    "coupon " + code + " does not exist").with("code", code));
            coupon.unusableAt(clock.instant()).ifPresent(reason -> {
                throw ProblemException.unprocessable("coupon-unavailable", CartPricing.couponMessage(code, reason, null))
                        .with("code", code).with("reason", reason);
            });
            PricedCart preview = pricing.price(cart, null, null, code);
            PricedCart.AppliedCoupon applied = preview.coupon();
            if (applied != null && applied.problem() != null) {
                throw ProblemException.unprocessable(applied.problem().equals("MINIMUM_SPEND")
                                ? "coupon-minimum-spend" : "coupon-not-applicable", String.valueOf(applied.message()))
                        .with("code", code).with("minimumSpend", coupon.minimumSpend());
            }
            carts.setCoupon(cart.id(), code);
        });
    }

    public void removeCoupon(UUID cartId) {
        change(cartId, cart -> carts.setCoupon(cart.id(), null));
    }

    /** Gift wrap, a plain-text message of at most 200 characters, prices hidden on the packing slip. */
    public void setGift(UUID cartId, boolean wrap, @Nullable String message, boolean hidePrices) {
        String text = message == null || message.isBlank() ? null : message.strip();
        if (text != null) {
            List<FieldProblem> problems = new ArrayList<>();
            if (text.codePointCount(0, text.length()) > Cart.Gift.MAX_MESSAGE) {
                problems.add(new FieldProblem("message", "must be at most " + Cart.Gift.MAX_MESSAGE + " characters"));
            }
            if (text.chars().anyMatch(c -> c == '<' || c == '>' || (Character.isISOControl(c) && c != '\n'))) {
                problems.add(new FieldProblem("message", "must be plain text (no markup or control characters)"));
            }
            if (!problems.isEmpty()) {
                throw ProblemException.validation(problems);
            }
        }
        change(cartId, cart -> carts.setGift(cart.id(), new Cart.Gift(wrap, text, hidePrices)));
    }

    /** The shopper's e-mail, for the order and the abandoned-cart mails. */
    public void setEmail(UUID cartId, String email) {
        change(cartId, cart -> carts.setEmail(cart.id(), email.strip().toLowerCase(Locale.ROOT)));
    }

    private void change(UUID cartId, Consumer<Cart> change) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            carts.beginShoppersChange();
            Cart cart = carts.lockOpenWithVariant(cartId, null).map(Carts.Loaded::cart)
                    .orElseThrow(() -> ProblemException.notFound("unknown-cart", "no open cart has id " + cartId));
            change.accept(cart);
            carts.touch(cart.id(), now);
        });
    }

    private static CartLine line(Cart cart, UUID lineId) {
        return cart.line(lineId).orElseThrow(() -> ProblemException.notFound("unknown-line",
                "the cart has no line " + lineId));
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1 || quantity > Cart.MAX_QUANTITY) {
            throw quantityLimit(quantity, null);
        }
    }

    private static ProblemException quantityLimit(int requested, @Nullable String why) {
        return ProblemException.unprocessable("quantity-limit", "a line holds 1 to " + Cart.MAX_QUANTITY
                        + " units; " + requested + " asked" + (why == null ? "" : " (" + why + ")"))
                .with("limit", Cart.MAX_QUANTITY).with("requested", requested);
    }

    /** The personalisation as catalog accepted it: normalised values, their key, labels and price delta. */
    private record Checked(Map<String, String> values, String key, Map<String, String> labels, long delta) {
    }

    /** A line without personalisation (most of them): the same every time. */
    private static final Checked PLAIN = new Checked(Map.of(), Json.write(Map.of()), Map.of(), 0);

    private Checked check(Variant variant, Map<String, String> values) {
        if (values.isEmpty() && !variant.personalisable()) {
            return PLAIN;
        }
        Personalisation.Verdict verdict;
        try {
            verdict = personalisation.validate(variant.sku(), values);
        } catch (UnknownSkuException e) {
            throw ProblemException.unprocessable("unknown-sku", "SKU " + variant.sku() + " is not sold here")
                    .with("sku", variant.sku());
        } catch (CatalogUnavailableException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "catalog-unavailable",
                    "Temporarily unavailable", "personalisation cannot be checked right now; try again shortly")
                    .retryAfter(e.retryAfter());
        }
        if (!verdict.valid()) {
            throw ProblemException.unprocessable("invalid-personalisation", "the personalisation of " + variant.sku()
                            + " is not valid: " + verdict.errors().stream()
                            .map(e -> e.key() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("refused"))
                    .with("errors", verdict.errors());
        }
        long delta = verdict.priceDelta().map(Money::minor).orElse(0L);
        return new Checked(verdict.values(), Json.write(verdict.values()), verdict.labels(), delta);
    }
}

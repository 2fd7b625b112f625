package dev.atelier.cart.cart;

import dev.atelier.cart.coupon.Coupon;
import dev.atelier.cart.coupon.Coupons;
import dev.atelier.cart.pricing.CouponTerms;
import dev.atelier.cart.pricing.Priced;
import dev.atelier.cart.pricing.PricingEngine;
import dev.atelier.cart.pricing.PricingLine;
import dev.atelier.cart.pricing.PricingRequest;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.cart.product.Variant;
import dev.atelier.cart.shipping.ShippingRates;
import dev.atelier.events.Money;
import dev.atelier.web.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prices a cart with the current prices from the read model: what the shopper sees, what checkout copies into the
 * order, what a recovery mail shows. Reading a cart needs no call to catalog.
 */
@Service
public class CartPricing {

    public static final String DEFAULT_OPTION = "standard";
    public static final String DEFAULT_COUNTRY = "GB";

    private final Carts carts;
    private final SellableVariants variants;
    private final Coupons coupons;
    private final PricingEngine engine;
    private final ShippingRates shippingRates;
    private final Clock clock;

    CartPricing(Carts carts, SellableVariants variants, Coupons coupons, PricingEngine engine,
            ShippingRates shippingRates, Clock clock) {
        this.carts = carts;
        this.variants = variants;
        this.coupons = coupons;
        this.engine = engine;
        this.shippingRates = shippingRates;
        this.clock = clock;
    }

    /**
     * The open cart, priced; 404 {@code unknown-cart} when no open cart has this id. Not in a transaction, like
     * {@link #openCartIfAny}: the cart and its lines come in one statement, and at READ COMMITTED a transaction
     * would give the variants' statement no more consistency than it has alone, only a COMMIT round trip more.
     */
    public PricedCart openCart(UUID cartId, @Nullable String option, @Nullable String country) {
        return openCartIfAny(cartId, option, country)
                .orElseThrow(() -> ProblemException.notFound("unknown-cart", "no open cart has id " + cartId));
    }

    /**
     * The open cart, priced, if there is one with this id (every shopper's read: no transaction, see above). The
     * cart, its lines and their variants come in one statement.
     */
    public Optional<PricedCart> openCartIfAny(UUID cartId, @Nullable String option, @Nullable String country) {
        return carts.load(cartId).filter(loaded -> loaded.cart().status() == CartStatus.OPEN)
                .map(loaded -> price(loaded.cart(), loaded.variants(), option, country, loaded.cart().couponCode()));
    }

    /** The cart in whatever state, priced, if it exists. */
    @Transactional(readOnly = true)
    public Optional<PricedCart> anyCart(UUID cartId) {
        return carts.find(cartId).map(cart -> price(cart, null, null));
    }

    /** What a shopper without a cart sees. */
    public PricedCart empty(@Nullable String option, @Nullable String country) {
        Cart none = new Cart(new UUID(0, 0), CartStatus.OPEN, 0, null, null, null, Cart.Gift.NONE, null,
                clock.instant(), List.of());
        PricedCart priced = price(none, option, country);
        return new PricedCart(null, 0, "NEW", null, null, priced.currency(), List.of(), null, priced.gift(),
                priced.shipping(), priced.totals(), priced.checkoutBlockers());
    }

    /** The cart in whatever state, priced as if it held {@code couponCode} (a coupon about to be offered). */
    @Transactional(readOnly = true)
    public Optional<PricedCart> withCoupon(UUID cartId, String couponCode) {
        return carts.find(cartId).map(cart -> price(cart, null, null, couponCode));
    }

    PricedCart price(Cart cart, @Nullable String option, @Nullable String country) {
        return price(cart, option, country, cart.couponCode());
    }

    /** Prices the cart as if it held {@code couponCode} (the coupon preview). */
    PricedCart price(Cart cart, @Nullable String option, @Nullable String country, @Nullable String couponCode) {
        return price(cart, variants.findAll(cart.lines().stream().map(CartLine::sku).distinct().toList()), option,
                country, couponCode);
    }

    /**
     * Prices the cart with the read model's variants of its SKUs ({@code known}: those the read model has, read in
     * the statement that read the cart, or after it), as if it held {@code couponCode}.
     */
    PricedCart price(Cart cart, Map<String, Variant> known, @Nullable String option, @Nullable String country,
            @Nullable String couponCode) {
        String shippingOption = option == null || option.isBlank() ? DEFAULT_OPTION : option;
        String destination = country == null || country.isBlank() ? DEFAULT_COUNTRY : country.toUpperCase();
        List<PricingLine> pricingLines = new ArrayList<>();
        List<PricedCart.Blocker> blockers = new ArrayList<>();
        for (CartLine line : cart.lines()) {
            Variant variant = known.get(line.sku());
            Money unit = unitPrice(line, variant);
            pricingLines.add(new PricingLine(line.id(), line.sku(), line.quantity(), unit,
                    variant == null ? PricingEngine.STANDARD : variant.taxClass(),
                    variant == null ? 0 : variant.weightGrams(), variant == null ? List.of() : variant.categories()));
            if (variant == null || variant.retired()) {
                blockers.add(new PricedCart.Blocker("UNAVAILABLE_LINE", line.id(),
                        line.name() + " is no longer sold; remove it to check out"));
            }
        }
        if (cart.lines().isEmpty()) {
            blockers.add(new PricedCart.Blocker("EMPTY_CART", null, "the cart is empty"));
        }

        Coupon coupon = couponCode == null ? null : coupons.find(couponCode).orElse(null);
        String unusable = couponCode == null ? null
                : coupon == null ? "NOT_FOUND" : coupon.unusableAt(clock.instant()).orElse(null);
        CouponTerms terms = coupon != null && unusable == null ? coupon.terms() : null;

        Priced priced = shippingRates.engine().price(new PricingRequest(pricingLines, terms, cart.gift().wrap(), shippingOption,
                destination));

        PricedCart.AppliedCoupon applied = null;
        if (couponCode != null) {
            if (unusable != null) {
                applied = new PricedCart.AppliedCoupon(couponCode, Money.zero(engine.currency()), unusable,
                        couponMessage(couponCode, unusable, null));
                blockers.add(new PricedCart.Blocker("COUPON_UNAVAILABLE", null,
                        couponMessage(couponCode, unusable, null)));
            } else {
                Priced.CouponOutcome outcome = priced.coupon();
                String problem = outcome == null ? null : outcome.problem();
                String message = problem == null ? null : couponMessage(couponCode, problem,
                        outcome.shortBy());
                applied = new PricedCart.AppliedCoupon(couponCode,
                        outcome == null ? Money.zero(engine.currency()) : outcome.discount(), problem, message);
                if (problem != null && !cart.lines().isEmpty()) {
                    blockers.add(new PricedCart.Blocker("COUPON_NOT_APPLICABLE", null, message));
                }
            }
        }

        List<PricedCart.Line> lines = new ArrayList<>();
        for (int i = 0; i < cart.lines().size(); i++) {
            CartLine line = cart.lines().get(i);
            Variant variant = known.get(line.sku());
            PricingLine pricing = pricingLines.get(i);
            boolean changed = !pricing.unitPrice().equals(line.addedUnitPrice());
            lines.add(new PricedCart.Line(line.id(), line.sku(), line.quantity(),
                    variant == null ? line.name() : variant.name(), line.attributes(),
                    variant == null ? line.imageUrl() : variant.imageUrl(), line.personalisation(),
                    line.personalisationLabels(), pricing.taxClass(), pricing.unitPrice(),
                    priced.lineTotals().get(line.id()), variant != null && !variant.retired(), changed,
                    changed ? line.addedUnitPrice() : null, variant == null ? null : variant.available(),
                    PricedCart.Line.previewUrl(line.previewRef())));
        }
        Cart.Gift gift = cart.gift();
        Priced.Shipping shipping = priced.shipping();
        return new PricedCart(cart.id(), cart.version(), cart.status().name(), cart.customerId(), cart.email(),
                engine.currency(), lines, applied, new PricedCart.GiftView(gift.wrap(), gift.message(),
                        gift.hidePrices()),
                new PricedCart.ShippingView(shipping.option(), shipping.country(), shipping.price(), shipping.free(),
                        shipping.weightGrams()),
                new PricedCart.Totals(priced.subtotal(), priced.discount(), shipping.price(), priced.giftWrap(),
                        priced.tax(), priced.total(), true, priced.taxes().stream()
                                .map(t -> new PricedCart.TaxLine(t.taxClass(), t.rateBasisPoints(), t.gross(), t.tax()))
                                .toList()),
                blockers);
    }

    /** The unit price now: the variant's current price plus the personalisation's delta; the snapshot if retired. */
    static Money unitPrice(CartLine line, @Nullable Variant variant) {
        if (variant == null || variant.retired()) {
            return line.addedUnitPrice();
        }
        return new Money(variant.price().minor() + line.priceDelta(), variant.price().currency());
    }

    static String couponMessage(String code, String problem, @Nullable Money shortBy) {
        return switch (problem) {
            case "NOT_FOUND" -> "coupon " + code + " does not exist";
            case "INACTIVE" -> "coupon " + code + " is no longer valid";
            case "NOT_STARTED" -> "coupon " + code + " is not valid yet";
            case "EXPIRED" -> "coupon " + code + " has expired";
            case "USED_UP" -> "coupon " + code + " has been used up";
            case "MINIMUM_SPEND" -> "spend " + pounds(shortBy) + " more to use coupon " + code;
            case "NOT_APPLICABLE" -> "coupon " + code + " does not apply to anything in the cart";
            default -> "coupon " + code + " cannot be used (" + problem + ")";
        };
    }

    static String pounds(@Nullable Money money) {
        if (money == null) {
            return "";
        }
        return money.currency().getSymbol(Locale.UK) + String.format(Locale.ROOT, "%d.%02d",
                money.minor() / 100, money.minor() % 100);
    }
}

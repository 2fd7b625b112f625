package dev.atelier.cart.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.events.Money;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pricing engine's table: coupons × shipping × VAT classes × gift wrap × rounding, every figure to the penny.
 * The expected figures were worked out by hand from the rule in {@link PricingEngine}'s comment.
 */
class PricingTableTest {

    static final PricingProperties STORE = new PricingProperties(Currency.getInstance("GBP"), 350,
            Map.of("STANDARD", 2000, "ZERO", 0),
            new PricingProperties.Shipping(Map.of(
                    "standard", new PricingProperties.Option(5000L, List.of(
                            new PricingProperties.Rate(List.of("GB"), 2000L, 395),
                            new PricingProperties.Rate(List.of("GB"), null, 695),
                            new PricingProperties.Rate(List.of("*"), 2000L, 995),
                            new PricingProperties.Rate(List.of("*"), null, 1995))),
                    "express", new PricingProperties.Option(null, List.of(
                            new PricingProperties.Rate(List.of("GB"), 2000L, 795),
                            new PricingProperties.Rate(List.of("GB"), null, 1195),
                            new PricingProperties.Rate(List.of("*"), null, 2495))))));

    final PricingEngine engine = new PricingEngine(STORE);

    /** subtotal, discount, shipping, gift wrap, tax, total. */
    record Expected(long subtotal, long discount, long shipping, long giftWrap, long tax, long total) {
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("two mugs, nothing else; VAT 565.5 rounds up",
                        cart(mugs(2, 1499)), null, false, "standard", "GB",
                        new Expected(2998, 0, 395, 0, 566, 3393)),
                row("the contract's example: 10% coupon, gift wrap",
                        cart(mugs(2, 1499)), percent(10), true, "standard", "GB",
                        new Expected(2998, 300, 395, 350, 574, 3443)),
                row("a standard-rated mug and two zero-rated books",
                        cart(mugs(1, 1499), books(2, 1000)), null, false, "standard", "GB",
                        new Expected(3499, 0, 395, 0, 316, 3894)),
                row("10% shared between the classes by value, largest remainder to STANDARD",
                        cart(mugs(1, 1499), books(2, 1000)), percent(10), false, "standard", "GB",
                        new Expected(3499, 350, 395, 0, 291, 3544)),
                row("£5 off mugs only: the book is not eligible",
                        cart(mugs(1, 1499), books(1, 1000)), fixed(500, Set.of(), Set.of("mugs")), false, "standard",
                        "GB", new Expected(2499, 500, 395, 0, 232, 2394)),
                row("£20 off a £8 keyring is capped at the keyring",
                        cart(line("KEYRING", 1, 800, "STANDARD", 50, "keyrings")),
                        fixed(2000, Set.of("KEYRING"), Set.of()), false, "standard", "GB",
                        new Expected(800, 800, 395, 0, 66, 395)),
                row("£59.96 of goods ships free",
                        cart(mugs(4, 1499)), null, false, "standard", "GB",
                        new Expected(5996, 0, 0, 0, 999, 5996)),
                row("the free-shipping threshold counts goods after the discount",
                        cart(mugs(4, 1499)), percent(20), false, "standard", "GB",
                        new Expected(5996, 1199, 395, 0, 865, 5192)),
                row("2.5 kg to GB is the heavier band",
                        cart(mugs(5, 999)), null, false, "standard", "GB",
                        new Expected(4995, 0, 695, 0, 948, 5690)),
                row("express is never free",
                        cart(mugs(4, 1499)), null, false, "express", "GB",
                        new Expected(5996, 0, 795, 0, 1132, 6791)),
                row("abroad: the rest-of-world rate",
                        cart(mugs(1, 1499)), null, false, "standard", "FR",
                        new Expected(1499, 0, 995, 0, 416, 2494)),
                row("express abroad, any weight",
                        cart(mugs(6, 1499)), null, true, "express", "US",
                        new Expected(8994, 0, 2495, 350, 1973, 11839)),
                row("a free-shipping coupon waives the shipping; the discount stays 0",
                        cart(mugs(1, 1499)), freeShipping(), false, "standard", "GB",
                        new Expected(1499, 0, 0, 0, 250, 1499)),
                row("below the coupon's minimum spend nothing comes off",
                        cart(mugs(1, 1499)), withMinimum(percent(10), 3000), false, "standard", "GB",
                        new Expected(1499, 0, 395, 0, 316, 1894)),
                row("gift wrap is standard-rated even on zero-rated goods",
                        cart(books(1, 1000)), null, true, "standard", "GB",
                        new Expected(1000, 0, 395, 350, 124, 1745)),
                row("15% of £10.10 is 151.5p and rounds up",
                        cart(line("CARD", 1, 1010, "STANDARD", 100, "cards")), percent(15), false, "standard", "GB",
                        new Expected(1010, 152, 395, 0, 209, 1253)),
                row("an empty cart costs nothing, not even its gift wrap",
                        cart(), percent(10), true, "standard", "GB",
                        new Expected(0, 0, 0, 0, 0, 0)),
                row("a tax class the store does not know is taxed at the standard rate",
                        cart(line("CANDLE", 1, 1200, "REDUCED", 300, "home")), null, false, "standard", "GB",
                        new Expected(1200, 0, 395, 0, 266, 1595)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void pricesEveryCombinationToThePenny(String name, List<PricingLine> lines, @Nullable CouponTerms coupon,
            boolean giftWrap, String option, String country, Expected expected) {
        Priced priced = engine.price(new PricingRequest(lines, coupon, giftWrap, option, country));

        assertThat(new Expected(priced.subtotal().minor(), priced.discount().minor(), priced.shipping().price().minor(),
                priced.giftWrap().minor(), priced.tax().minor(), priced.total().minor())).isEqualTo(expected);
        assertThat(priced.total().minor()).as("total = subtotal - discount + shipping + gift wrap")
                .isEqualTo(priced.subtotal().minor() - priced.discount().minor() + priced.shipping().price().minor()
                        + priced.giftWrap().minor());
        assertThat(priced.taxes().stream().mapToLong(t -> t.tax().minor()).sum()).isEqualTo(priced.tax().minor());
        assertThat(priced.taxes().stream().mapToLong(t -> t.gross().minor()).sum()).as("the classes add up to the total")
                .isEqualTo(priced.total().minor());
        assertThat(priced.lineTotals().values().stream().mapToLong(Money::minor).sum())
                .isEqualTo(priced.subtotal().minor());
    }

    @Test
    void showsWhatAFreeShippingCouponWaivesAndHowFarAMinimumSpendIs() {
        Priced waived = engine.price(new PricingRequest(cart(mugs(1, 1499)), freeShipping(), false, "standard", "FR"));
        assertThat(waived.coupon()).isNotNull();
        assertThat(waived.coupon().discount()).isEqualTo(Money.gbp(995));
        assertThat(waived.shipping().free()).isTrue();
        Priced freeAnyway = engine.price(new PricingRequest(cart(mugs(4, 1499)), freeShipping(), false, "standard",
                "GB"));
        assertThat(freeAnyway.coupon().discount()).as("nothing to waive above the threshold").isEqualTo(Money.gbp(0));

        Priced below = engine.price(new PricingRequest(cart(mugs(1, 1499)), withMinimum(percent(10), 3000), false,
                "standard", "GB"));
        assertThat(below.coupon().problem()).isEqualTo("MINIMUM_SPEND");
        assertThat(below.coupon().shortBy()).isEqualTo(Money.gbp(1501));

        Priced notEligible = engine.price(new PricingRequest(cart(books(1, 1000)),
                fixed(500, Set.of(), Set.of("mugs")), false, "standard", "GB"));
        assertThat(notEligible.coupon().problem()).isEqualTo("NOT_APPLICABLE");
        assertThat(notEligible.discount()).isEqualTo(Money.gbp(0));
    }

    @Test
    void refusesAnUnknownOptionAndADestinationItDoesNotServe() {
        assertThatThrownBy(() -> engine.price(new PricingRequest(cart(mugs(1, 1499)), null, false, "pigeon", "GB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[express, standard]");
        PricingEngine gbOnly = new PricingEngine(new PricingProperties(Currency.getInstance("GBP"), 350,
                Map.of("STANDARD", 2000), new PricingProperties.Shipping(Map.of("standard",
                        new PricingProperties.Option(null, List.of(new PricingProperties.Rate(List.of("GB"), 2000L, 395)))))));
        assertThatThrownBy(() -> gbOnly.price(new PricingRequest(cart(mugs(1, 1499)), null, false, "standard", "FR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not ship to 'FR'");
        assertThatThrownBy(() -> gbOnly.price(new PricingRequest(cart(mugs(5, 1499)), null, false, "standard", "GB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2500 g is too heavy");
    }

    @Test
    void sharesADiscountExactlyByTheLargestRemainder() {
        assertThat(PricingEngine.apportion(100, new java.util.TreeMap<>(Map.of("A", 1L, "B", 1L, "C", 1L))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", 34L, "B", 33L, "C", 33L));
        assertThat(PricingEngine.apportion(350, new java.util.TreeMap<>(Map.of("STANDARD", 1499L, "ZERO", 2000L))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("STANDARD", 150L, "ZERO", 200L));
        assertThat(PricingEngine.halfUp(5, 2)).isEqualTo(3);
        assertThat(PricingEngine.halfUp(49, 100)).isZero();
    }

    private static Arguments row(String name, List<PricingLine> lines, @Nullable CouponTerms coupon, boolean wrap,
            String option, String country, Expected expected) {
        return Arguments.of(name, lines, coupon, wrap, option, country, expected);
    }

    @SafeVarargs
    private static List<PricingLine> cart(List<PricingLine>... groups) {
        List<PricingLine> all = new ArrayList<>();
        Arrays.stream(groups).forEach(all::addAll);
        return all;
    }

    private static List<PricingLine> mugs(int quantity, long unitPrice) {
        return line("MUG-11OZ", quantity, unitPrice, "STANDARD", 500, "mugs");
    }

    private static List<PricingLine> books(int quantity, long unitPrice) {
        return line("BOOK-STORIES", quantity, unitPrice, "ZERO", 300, "books");
    }

    private static List<PricingLine> line(String sku, int quantity, long unitPrice, String taxClass, long grams,
            String category) {
        return List.of(new PricingLine(UUID.randomUUID(), sku, quantity, Money.gbp(unitPrice), taxClass, grams,
                List.of(category)));
    }

    private static CouponTerms percent(int off) {
        return new CouponTerms("PCT" + off, CouponKind.PERCENTAGE, off, null, Money.gbp(0), Set.of(), Set.of());
    }

    private static CouponTerms fixed(long off, Set<String> skus, Set<String> categories) {
        return new CouponTerms("FIXED" + off, CouponKind.FIXED_AMOUNT, 0, Money.gbp(off), Money.gbp(0), skus,
                categories);
    }

    private static CouponTerms freeShipping() {
        return new CouponTerms("FREESHIP", CouponKind.FREE_SHIPPING, 0, null, Money.gbp(0), Set.of(), Set.of());
    }

    private static CouponTerms withMinimum(CouponTerms terms, long minimum) {
        return new CouponTerms(terms.code(), terms.kind(), terms.percentOff(), terms.amountOff(), Money.gbp(minimum),
                terms.skus(), terms.categories());
    }
}

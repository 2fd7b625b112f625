package dev.atelier.cart.pricing;

import dev.atelier.events.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The one pricing engine: the cart's view, the internal priced cart that checkout copies into the order, and the
 * abandoned-cart mails all price through it, so a shopper never pays another total than the cart showed.
 *
 * <p>Everything is in minor units; the rounding rule is: <b>round half up to the minor unit, once per figure</b>.
 * Line totals are exact (unit price times quantity). A percentage discount is rounded once on the eligible
 * lines' sum; a fixed discount is capped at that sum. The discount is shared among the tax classes of the eligible
 * lines in proportion to their value (largest remainder, so the shares add up exactly). Shipping and gift wrap are
 * standard-rated. The VAT of each tax class is {@code gross × rate / (1 + rate)}, rounded once on the class's
 * gross; {@code tax} is the sum of the classes' VAT.
 */
public final class PricingEngine {

    public static final String STANDARD = "STANDARD";

    private final PricingProperties properties;

    public PricingEngine(PricingProperties properties) {
        this.properties = properties;
    }

    /** The same engine with these shipping options (the admin API's) in place of the configured ones. */
    public PricingEngine withShipping(PricingProperties.Shipping shipping) {
        return new PricingEngine(new PricingProperties(properties.currency(), properties.giftWrap(),
                properties.vatRates(), shipping));
    }

    /** The shipping options in force. */
    public PricingProperties.Shipping shipping() {
        return properties.shipping();
    }

    public Currency currency() {
        return properties.currency();
    }

    public Priced price(PricingRequest request) {
        Currency currency = properties.currency();
        Map<UUID, Money> lineTotals = new LinkedHashMap<>();
        long subtotal = 0;
        long weight = 0;
        for (PricingLine line : request.lines()) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new IllegalStateException("line " + line.sku() + " is priced in " + line.unitPrice().currency()
                        + ", the store sells in " + currency);
            }
            long lineTotal = Math.multiplyExact(line.unitPrice().minor(), line.quantity());
            lineTotals.put(line.lineId(), new Money(lineTotal, currency));
            subtotal = Math.addExact(subtotal, lineTotal);
            weight = Math.addExact(weight, Math.multiplyExact(line.weightGrams(), line.quantity()));
        }

        CouponTerms coupon = request.coupon();
        long discount = 0;
        boolean freeShippingCoupon = false;
        String couponProblem = null;
        Money shortBy = null;
        List<PricingLine> eligible = List.of();
        if (coupon != null) {
            eligible = request.lines().stream().filter(coupon::appliesTo).toList();
            long eligibleGross = eligible.stream().mapToLong(l -> lineTotals.get(l.lineId()).minor()).sum();
            if (subtotal < coupon.minimumSpend().minor()) {
                couponProblem = "MINIMUM_SPEND";
                shortBy = new Money(coupon.minimumSpend().minor() - subtotal, currency);
            } else if (eligible.isEmpty()) {
                couponProblem = "NOT_APPLICABLE";
            } else {
                switch (coupon.kind()) {
                    case PERCENTAGE -> discount = halfUp(Math.multiplyExact(eligibleGross, coupon.percentOff()), 100);
                    case FIXED_AMOUNT -> discount = Math.min(eligibleGross,
                            coupon.amountOff() == null ? 0 : coupon.amountOff().minor());
                    case FREE_SHIPPING -> freeShippingCoupon = true;
                }
            }
        }

        Priced.Shipping shipping = shipping(request, weight, subtotal - discount, freeShippingCoupon, currency);
        long shippingPrice = shipping.price().minor();
        long giftWrap = request.giftWrap() && !request.lines().isEmpty() ? properties.giftWrap() : 0;

        List<Priced.TaxShare> taxes = taxes(request.lines(), lineTotals, eligible, discount, shippingPrice + giftWrap,
                currency);
        long tax = taxes.stream().mapToLong(t -> t.tax().minor()).sum();
        long total = subtotal - discount + shippingPrice + giftWrap;

        Priced.CouponOutcome outcome = null;
        if (coupon != null) {
            long shown = freeShippingCoupon
                    ? shipping(request, weight, subtotal - discount, false, currency).price().minor() : discount;
            outcome = new Priced.CouponOutcome(coupon.code(), coupon.kind(), new Money(shown, currency), couponProblem,
                    shortBy);
        }
        return new Priced(lineTotals, new Money(subtotal, currency), new Money(discount, currency), shipping,
                new Money(giftWrap, currency), new Money(tax, currency), new Money(total, currency), taxes, outcome);
    }

    private Priced.Shipping shipping(PricingRequest request, long weight, long goodsAfterDiscount,
            boolean freeShippingCoupon, Currency currency) {
        PricingProperties.Option option = option(request.shippingOption());
        if (request.lines().isEmpty()) {
            return new Priced.Shipping(request.shippingOption(), request.country(), 0, Money.zero(currency), false);
        }
        long rate = rate(option, request.country(), weight);
        boolean free = freeShippingCoupon || (option.freeAbove() != null && goodsAfterDiscount >= option.freeAbove());
        return new Priced.Shipping(request.shippingOption(), request.country(), weight,
                new Money(free ? 0 : rate, currency), free);
    }

    private PricingProperties.Option option(String name) {
        PricingProperties.Option option = properties.shipping().options().get(name);
        if (option == null) {
            throw new IllegalArgumentException("unknown shipping option '" + name + "'; choose one of "
                    + new TreeMap<>(properties.shipping().options()).keySet());
        }
        return option;
    }

    /** The first band that fits, among the rates naming the country, else among those for anywhere ({@code *}). */
    private static long rate(PricingProperties.Option option, String country, long weight) {
        for (String destination : List.of(country, "*")) {
            boolean served = false;
            for (PricingProperties.Rate rate : option.rates()) {
                if (rate.countries().contains(destination)) {
                    served = true;
                    if (rate.upToGrams() == null || weight <= rate.upToGrams()) {
                        return rate.price();
                    }
                }
            }
            if (served) {
                throw new IllegalArgumentException("a parcel of " + weight + " g is too heavy to ship to " + country);
            }
        }
        throw new IllegalArgumentException("this store does not ship to '" + country + "'");
    }

    private List<Priced.TaxShare> taxes(List<PricingLine> lines, Map<UUID, Money> lineTotals,
            List<PricingLine> eligible, long discount, long standardRatedExtras, Currency currency) {
        Map<String, Long> gross = new TreeMap<>();
        for (PricingLine line : lines) {
            gross.merge(taxClass(line), lineTotals.get(line.lineId()).minor(), Math::addExact);
        }
        Map<String, Long> eligibleGross = new TreeMap<>();
        for (PricingLine line : eligible) {
            eligibleGross.merge(taxClass(line), lineTotals.get(line.lineId()).minor(), Math::addExact);
        }
        apportion(discount, eligibleGross).forEach((taxClass, share) -> gross.merge(taxClass, -share, Math::addExact));
        if (standardRatedExtras > 0) {
            gross.merge(STANDARD, standardRatedExtras, Math::addExact);
        }
        List<Priced.TaxShare> taxes = new ArrayList<>();
        gross.forEach((taxClass, amount) -> {
            int rate = properties.vatRates().getOrDefault(taxClass, properties.vatRates().getOrDefault(STANDARD, 0));
            long vat = halfUp(Math.multiplyExact(amount, rate), 10_000L + rate);
            taxes.add(new Priced.TaxShare(taxClass, rate, new Money(amount, currency), new Money(vat, currency)));
        });
        return taxes;
    }

    /** A tax class the configuration does not know is taxed at the standard rate: VAT is never under-declared. */
    private String taxClass(PricingLine line) {
        return properties.vatRates().containsKey(line.taxClass()) ? line.taxClass() : STANDARD;
    }

    /** Shares of {@code amount} in proportion to {@code weights}, adding up exactly (largest remainder). */
    static Map<String, Long> apportion(long amount, Map<String, Long> weights) {
        long total = weights.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> shares = new TreeMap<>();
        if (amount == 0 || total == 0) {
            return shares;
        }
        Map<String, Long> remainders = new TreeMap<>();
        long given = 0;
        for (Map.Entry<String, Long> weight : weights.entrySet()) {
            long product = Math.multiplyExact(amount, weight.getValue());
            shares.put(weight.getKey(), product / total);
            remainders.put(weight.getKey(), product % total);
            given += product / total;
        }
        List<String> byRemainder = new ArrayList<>(remainders.keySet());
        byRemainder.sort(Comparator.comparing((String k) -> remainders.get(k)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int i = 0; given < amount; i++, given++) {
            shares.merge(byRemainder.get(i % byRemainder.size()), 1L, Long::sum);
        }
        return shares;
    }

    /** {@code numerator / denominator} rounded half up, for non-negative figures. */
    static long halfUp(long numerator, long denominator) {
        if (numerator < 0) {
            return -halfUp(-numerator, denominator);
        }
        return Math.addExact(Math.multiplyExact(numerator, 2), denominator) / Math.multiplyExact(denominator, 2);
    }
}

package dev.atelier.cart.coupon;

import dev.atelier.cart.pricing.CouponKind;
import dev.atelier.cart.pricing.PricingProperties;
import dev.atelier.events.Money;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing and deactivating coupons; issuing unique single-use codes. */
@Service
public class CouponAdministration {

    /** Letters and digits that cannot be mistaken for each other when typed from an e-mail. */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Coupons coupons;
    private final Redemptions redemptions;
    private final Currency currency;
    private final Clock clock;

    CouponAdministration(Coupons coupons, Redemptions redemptions,
            PricingProperties pricing, Clock clock) {
        this.coupons = coupons;
        this.redemptions = redemptions;
        this.currency = pricing.currency();
        this.clock = clock;
    }

    /** What an admin asks for; {@code uniqueCodes} > 0 issues that many single-use codes starting with {@code code}. */
    public record NewCoupon(String code, CouponKind kind, @Nullable Integer percentOff, @Nullable Long amountOff,
            @Nullable Long minimumSpend, @Nullable Instant startsAt, @Nullable Instant endsAt,
            @Nullable Integer maxUses, @Nullable Integer perCustomerLimit, List<String> skus, List<String> categories,
            int uniqueCodes) {
    }

    /** A coupon with its usage: {@code uses} is the counter, {@code held} the redemptions that hold a use. */
    public record CouponView(Coupon coupon, @Nullable Integer remaining, int held, int released, int rejected) {
    }

    @Transactional
    public List<CouponView> create(NewCoupon request, String actor) {
        validate(request);
        Instant now = clock.instant();
        String code = Coupon.normalise(request.code());
        List<String> codes = new ArrayList<>();
        if (request.uniqueCodes() > 0) {
            for (int i = 0; i < request.uniqueCodes(); i++) {
                codes.add(code + "-" + randomSuffix());
            }
        } else {
            codes.add(code);
        }
        boolean singleUse = request.uniqueCodes() > 0;
        List<CouponView> created = new ArrayList<>();
        for (String each : codes) {
            Coupon coupon = new Coupon(each, request.kind(), request.percentOff(),
                    request.amountOff() == null ? null : new Money(request.amountOff(), currency),
                    new Money(request.minimumSpend() == null ? 0 : request.minimumSpend(), currency),
                    request.startsAt(), request.endsAt(), singleUse ? Integer.valueOf(1) : request.maxUses(), 0,
                    request.perCustomerLimit(), request.skus(), request.categories(), singleUse, true, now, actor,
                    null);
            if (!coupons.insert(coupon, null)) {
                throw ProblemException.conflict("coupon-exists", "a coupon with code " + each + " exists already")
                        .with("code", each);
            }
            created.add(view(coupon));
        }
        return created;
    }

    /**
     * A fresh single-use code for one cart (the abandoned-cart sequence's last step): {@code percentOff} off,
     * valid for {@code validFor} from now.
     */
    @Transactional
    public Coupon issueSingleUse(String prefix, int percentOff, Duration validFor, UUID cartId) {
        Instant now = clock.instant();
        while (true) {
            Coupon coupon = new Coupon(prefix + "-" + randomSuffix(), CouponKind.PERCENTAGE, percentOff, null,
                    Money.zero(currency), now, now.plus(validFor), 1, 0, null, List.of(), List.of(), true, true, now,
                    "abandoned-cart", null);
            if (coupons.insert(coupon, cartId)) {
                return coupon;
            }
        }
    }

    @Transactional(readOnly = true)
    public CursorPage<CouponView> list(@Nullable String cursor, int limit, Cursors cursors) {
        List<Coupon> page = coupons.page(cursors.decode(cursor), limit + 1);
        return CursorPage.of(page, limit, Coupon::code, cursors).map(this::view);
    }

    @Transactional(readOnly = true)
    public CouponView get(String code) {
        return view(coupons.find(code).orElseThrow(() -> ProblemException.notFound("unknown-coupon",
                "no coupon has code " + Coupon.normalise(code))));
    }

    @Transactional
    public CouponView deactivate(String code, String actor) {
        Coupon coupon = coupons.find(code).orElseThrow(() -> ProblemException.notFound("unknown-coupon",
                "no coupon has code " + Coupon.normalise(code)));
        coupons.deactivate(coupon.code(), clock.instant(), actor);
        return get(coupon.code());
    }

    private CouponView view(Coupon coupon) {
        Redemptions.Usage usage = redemptions.usage(coupon.code());
        return new CouponView(coupon, coupon.maxUses() == null ? null : coupon.maxUses() - coupon.uses(),
                usage.held(), usage.released(), usage.rejected());
    }

    private static void validate(NewCoupon request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!Coupon.normalise(request.code()).matches("[A-Z0-9][A-Z0-9-]{2,29}")) {
            problems.add(new FieldProblem("code", "must be 3 to 30 letters, digits or dashes"));
        }
        switch (request.kind()) {
            case PERCENTAGE -> {
                if (request.percentOff() == null || request.percentOff() < 1 || request.percentOff() > 100) {
                    problems.add(new FieldProblem("percentOff", "must be 1 to 100 for a PERCENTAGE coupon"));
                }
            }
            case FIXED_AMOUNT -> {
                if (request.amountOff() == null || request.amountOff() <= 0) {
                    problems.add(new FieldProblem("amountOff", "must be a positive amount in minor units for a "
                            + "FIXED_AMOUNT coupon"));
                }
            }
            case FREE_SHIPPING -> {
            }
        }
        if (request.startsAt() != null && request.endsAt() != null && !request.startsAt().isBefore(request.endsAt())) {
            problems.add(new FieldProblem("endsAt", "must be after startsAt"));
        }
        if (request.uniqueCodes() < 0 || request.uniqueCodes() > 1000) {
            problems.add(new FieldProblem("uniqueCodes", "must be 0 to 1000"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems);
        }
    }

    private static String randomSuffix() {
        char[] suffix = new char[8];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(suffix);
    }
}

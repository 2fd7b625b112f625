package dev.atelier.cart.coupon.web;

import dev.atelier.cart.coupon.CouponAdministration;
import dev.atelier.cart.pricing.CouponKind;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coupons for the back-office: create (one code, or a batch of unique single-use codes), list with usage,
 * deactivate. Behind the platform's resource server: a STAFF or ADMIN token with a second factor; the actor
 * recorded is the token's subject.
 */
@RestController
@RequestMapping("/api/admin/cart/coupons")
class CouponAdminController {

    private final CouponAdministration administration;
    private final Cursors cursors;

    CouponAdminController(CouponAdministration administration, Cursors cursors) {
        this.administration = administration;
        this.cursors = cursors;
    }

    record CreateCoupon(@NotBlank String code, @NotNull CouponKind kind, @Nullable @Min(1) @Max(100) Integer percentOff,
            @Nullable @Positive Long amountOff, @Nullable @Min(0) Long minimumSpend, @Nullable Instant startsAt,
            @Nullable Instant endsAt, @Nullable @Positive Integer maxUses, @Nullable @Positive Integer perCustomerLimit,
            @Nullable List<String> skus, @Nullable List<String> categories,
            @Nullable @Min(0) @Max(1000) Integer uniqueCodes) {
    }

    record Created(List<CouponAdministration.CouponView> coupons) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@Valid @RequestBody CreateCoupon request, Caller caller) {
        return new Created(administration.create(new CouponAdministration.NewCoupon(request.code(), request.kind(),
                request.percentOff(), request.amountOff(), request.minimumSpend(), request.startsAt(),
                request.endsAt(), request.maxUses(), request.perCustomerLimit(),
                request.skus() == null ? List.of() : request.skus(),
                request.categories() == null ? List.of() : request.categories(),
                request.uniqueCodes() == null ? 0 : request.uniqueCodes()), caller.actor()));
    }

    @GetMapping
    CursorPage<CouponAdministration.CouponView> list(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        return administration.list(cursor, Cursors.limit(limit, 50, 200), cursors);
    }

    @GetMapping("/{code}")
    CouponAdministration.CouponView get(@PathVariable String code) {
        return administration.get(code);
    }

    @PostMapping("/{code}/deactivate")
    CouponAdministration.CouponView deactivate(@PathVariable String code, Caller caller) {
        return administration.deactivate(code, caller.actor());
    }
}

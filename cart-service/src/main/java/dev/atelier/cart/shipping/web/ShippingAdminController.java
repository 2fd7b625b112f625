package dev.atelier.cart.shipping.web;

import dev.atelier.cart.pricing.PricingProperties;
import dev.atelier.cart.shipping.ShippingRates;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Shipping options and rates for the back-office: what is in force, replace an option, go back to configuration. */
@RestController
@RequestMapping("/api/admin/cart/shipping")
class ShippingAdminController {

    private final ShippingRates rates;

    ShippingAdminController(ShippingRates rates) {
        this.rates = rates;
    }

    record RateRequest(@NotEmpty List<String> countries, @Nullable Long upToGrams, @NotNull Long price) {
    }

    record OptionRequest(@Nullable Long freeAbove, @NotEmpty List<@Valid RateRequest> rates) {
    }

    @GetMapping
    Map<String, Map<String, Object>> inForce() {
        return rates.inForce();
    }

    @PutMapping("/{option}")
    Map<String, Map<String, Object>> replace(@PathVariable String option, @Valid @RequestBody OptionRequest request,
            Caller caller) {
        rates.replace(option, new PricingProperties.Option(request.freeAbove(), request.rates().stream()
                .map(r -> new PricingProperties.Rate(r.countries(), r.upToGrams(), r.price())).toList()),
                caller.actor());
        return rates.inForce();
    }

    @DeleteMapping("/{option}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@PathVariable String option) {
        rates.reset(option);
    }
}

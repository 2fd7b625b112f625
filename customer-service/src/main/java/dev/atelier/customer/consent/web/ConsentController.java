package dev.atelier.customer.consent.web;

import dev.atelier.customer.consent.Consents;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's marketing consent and its history. */
@RestController
@RequestMapping("/api/account/consent")
class ConsentController {

    private final Consents consents;

    ConsentController(Consents consents) {
        this.consents = consents;
    }

    record ConsentView(boolean marketing, List<Consents.Change> history) {
    }

    record ConsentChange(@NotNull Boolean marketing) {
    }

    @GetMapping
    ConsentView consent(Caller caller) {
        return new ConsentView(consents.marketing(caller.customerId()), consents.history(caller.customerId()));
    }

    @PutMapping
    ConsentView change(Caller caller, @Valid @RequestBody ConsentChange change) {
        consents.set(caller.customerId(), change.marketing(), "account");
        return consent(caller);
    }
}

package dev.atelier.catalog.personalisation.web;

import dev.atelier.catalog.personalisation.PersonalisationRules;
import dev.atelier.catalog.personalisation.Validation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** cart-service asks whether a line's personalisation may be made, and what it costs. Not routed by the gateway. */
@RestController
class PersonalisationController {

    record ValidateRequest(@NotBlank @Size(max = 64) String sku, @Nullable @Size(max = 50) Map<String, String> values) {
    }

    private final PersonalisationRules rules;

    PersonalisationController(PersonalisationRules rules) {
        this.rules = rules;
    }

    @PostMapping("/internal/personalisation/validate")
    Validation validate(@Valid @RequestBody ValidateRequest request) {
        return rules.validate(request.sku(), request.values() == null ? Map.of() : request.values());
    }
}

package dev.atelier.cart.abandonment.web;

import dev.atelier.cart.abandonment.AbandonmentClock;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Unsubscribes from the recovery mails (internal) and the back-office's conversion figures (admin). */
@RestController
class AbandonmentController {

    private final AbandonmentClock clock;

    AbandonmentController(AbandonmentClock clock) {
        this.clock = clock;
    }

    record Unsubscribe(@NotBlank @Email String email) {
    }

    @PostMapping("/internal/carts/abandonment/unsubscribes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unsubscribe(@Valid @RequestBody Unsubscribe request) {
        clock.unsubscribe(request.email());
    }

    @GetMapping("/api/admin/cart/abandonment")
    Map<String, Map<Integer, Long>> figures() {
        return clock.figures();
    }
}

package dev.atelier.order.checkout.web;

import dev.atelier.events.order.ShippingAddress;
import dev.atelier.order.checkout.Checkout;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/checkout}: the shopper pressed "Pay"; the order is placed and followed at its status URL. */
@RestController
class CheckoutController {

    private final Checkout checkout;

    CheckoutController(Checkout checkout) {
        this.checkout = checkout;
    }

    @PostMapping("/api/checkout")
    ResponseEntity<Checkout.Receipt> checkout(@Valid @RequestBody CheckoutRequest body,
            @CookieValue(name = "cart_id", required = false) @Nullable String cartCookie,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.badRequest("invalid-idempotency-key", "Idempotency-Key must be 1 to 200 characters");
        }
        CheckoutRequest.Address a = body.shippingAddress();
        Checkout.Receipt receipt = checkout.place(new Checkout.Command(cartIdOf(body, cartCookie), body.cartVersion(),
                        body.email(), new ShippingAddress(a.name().strip(), a.line1().strip(),
                        a.line2() == null || a.line2().isBlank() ? null : a.line2().strip(), a.city().strip(),
                        a.postcode(), a.country()),
                        body.shippingOption() == null ? "standard" : body.shippingOption(), body.paymentMethod(),
                        body.giftCardCode()),
                idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(receipt.statusUrl())).body(receipt);
    }

    private static UUID cartIdOf(CheckoutRequest body, @Nullable String cookie) {
        if (body.cartId() != null) {
            return body.cartId();
        }
        if (cookie == null) {
            throw ProblemException.validation(List.of(new FieldProblem("cartId",
                    "no cart: send the cart_id cookie or cartId")));
        }
        try {
            return UUID.fromString(cookie);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new FieldProblem("cartId", "the cart_id cookie is not a cart id")));
        }
    }
}

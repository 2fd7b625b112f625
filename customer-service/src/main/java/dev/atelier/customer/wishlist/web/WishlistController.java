package dev.atelier.customer.wishlist.web;

import dev.atelier.customer.wishlist.Wishlists;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's wishlist, with today's prices. */
@RestController
@RequestMapping("/api/account/wishlist")
class WishlistController {

    private final Wishlists wishlists;

    WishlistController(Wishlists wishlists) {
        this.wishlists = wishlists;
    }

    record AddRequest(@NotBlank @Size(max = 100) String sku) {
    }

    @GetMapping
    List<Wishlists.Item> list(Caller caller) {
        return wishlists.of(caller.customerId());
    }

    /** 201 when added, 200 when it was already there (adding twice is harmless). */
    @PostMapping
    ResponseEntity<Wishlists.Item> add(Caller caller, @Valid @RequestBody AddRequest request) {
        String sku = request.sku().strip();
        Wishlists.AddResult result = wishlists.add(caller.customerId(), sku);
        return switch (result.outcome()) {
            case ADDED -> ResponseEntity.status(HttpStatus.CREATED).body(result.item().orElseThrow());
            case ALREADY_THERE -> ResponseEntity.ok(result.item().orElseThrow());
            case UNKNOWN_SKU -> throw ProblemException.unprocessable("unknown-sku", "no product on sale has SKU " + sku)
                    .with("sku", sku);
            case NOT_SOLD -> throw ProblemException.unprocessable("not-sold", "SKU " + sku + " is no longer sold")
                    .with("sku", sku);
            case FULL -> throw ProblemException.conflict("wishlist-full",
                    "a wishlist holds at most " + Wishlists.MAX_ITEMS + " items; remove one first");
        };
    }

    @DeleteMapping("/{sku}")
    ResponseEntity<Void> remove(Caller caller, @PathVariable String sku) {
        if (!wishlists.remove(caller.customerId(), sku)) {
            throw ProblemException.notFound("unknown-wishlist-item", "SKU " + sku + " is not in this wishlist");
        }
        return ResponseEntity.noContent().build();
    }
}

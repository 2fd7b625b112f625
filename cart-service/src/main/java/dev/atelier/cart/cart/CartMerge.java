package dev.atelier.cart.cart;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * At sign-in the gateway hands over the shopper's anonymous cart: it becomes the account's cart, or its lines move
 * into the account's open cart. The same SKU with the same personalisation adds up to the line limit; what does
 * not fit is reported, never silently dropped.
 */
@Service
public class CartMerge {

    private final Carts carts;
    private final Clock clock;

    CartMerge(Carts carts, Clock clock) {
        this.carts = carts;
        this.clock = clock;
    }

    /** A line that could not move as it was: {@code QUANTITY_LIMITED} or {@code LINE_LIMIT}. */
    public record Conflict(String sku, UUID lineId, String code, String message) {
    }

    public record Merged(UUID cartId, List<Conflict> conflicts) {
    }

    @Transactional
    public Merged merge(UUID anonymousCartId, UUID customerId, @Nullable String email) {
        Instant now = clock.instant();
        Optional<UUID> own = carts.openCartOf(customerId);
        if (own.isPresent() && own.get().equals(anonymousCartId)) {
            return new Merged(anonymousCartId, List.of());
        }
        // lock both carts in id order: two merges never wait on each other in a circle
        List<UUID> ids = new ArrayList<>(List.of(anonymousCartId));
        own.ifPresent(ids::add);
        ids.sort(null);
        ids.forEach(carts::lock);
        Optional<Cart> anonymous = carts.lockOpen(anonymousCartId).filter(c -> c.customerId() == null
                || c.customerId().equals(customerId));
        if (own.isEmpty()) {
            if (anonymous.isPresent()) {
                carts.setOwner(anonymousCartId, customerId, email);
                carts.touch(anonymousCartId, now);
                return new Merged(anonymousCartId, List.of());
            }
            UUID fresh = UUID.randomUUID();
            carts.create(fresh, customerId, email, now);
            return new Merged(fresh, List.of());
        }
        Cart target = carts.lockOpen(own.get()).orElseThrow();
        if (anonymous.isEmpty()) {
            return new Merged(target.id(), List.of());
        }
        List<Conflict> conflicts = moveLines(anonymous.get(), target, now);
        if (email != null && target.email() == null) {
            carts.setEmail(target.id(), email);
        }
        carts.markMerged(anonymousCartId, now);
        carts.touch(target.id(), now);
        return new Merged(target.id(), conflicts);
    }

    /** Moves the source's lines (and its coupon and gift choices, when the target has none) into the target. */
    List<Conflict> moveLines(Cart source, Cart target, Instant now) {
        List<Conflict> conflicts = new ArrayList<>();
        List<CartLine> targetLines = new ArrayList<>(target.lines());
        for (CartLine line : source.lines()) {
            Cart current = new Cart(target.id(), target.status(), target.version(), target.customerId(),
                    target.email(), target.couponCode(), target.gift(), target.orderId(), target.lastActivityAt(),
                    targetLines);
            Optional<CartLine> same = current.line(line.sku(), line.personalisationKey());
            if (same.isPresent()) {
                int wanted = same.get().quantity() + line.quantity();
                int kept = Math.min(wanted, Cart.MAX_QUANTITY);
                if (kept != wanted) {
                    conflicts.add(new Conflict(line.sku(), same.get().id(), "QUANTITY_LIMITED", "only "
                            + Cart.MAX_QUANTITY + " of " + line.name() + " fit on one line; " + (wanted - kept)
                            + " were not added"));
                }
                carts.updateLine(same.get().id(), kept, line.addedUnitPrice());
                continue;
            }
            Optional<Integer> slot = current.freeSlot();
            if (slot.isEmpty()) {
                conflicts.add(new Conflict(line.sku(), line.id(), "LINE_LIMIT", line.name() + " was not added: a cart "
                        + "holds at most " + Cart.MAX_LINES + " lines"));
                continue;
            }
            CartLine moved = new CartLine(UUID.randomUUID(), slot.get(), line.sku(), line.quantity(),
                    line.personalisation(), line.personalisationKey(), line.personalisationLabels(), line.priceDelta(),
                    line.addedUnitPrice(), line.name(), line.attributes(), line.imageUrl(), now, line.previewRef());
            carts.insertLine(target.id(), moved);
            targetLines.add(moved);
        }
        if (target.couponCode() == null && source.couponCode() != null) {
            carts.setCoupon(target.id(), source.couponCode());
        }
        if (!target.gift().wrap() && target.gift().message() == null
                && (source.gift().wrap() || source.gift().message() != null)) {
            carts.setGift(target.id(), source.gift());
        }
        return conflicts;
    }
}

package dev.atelier.payment.giftcard.web;

import dev.atelier.events.Money;
import dev.atelier.payment.giftcard.GiftCardCodes;
import dev.atelier.payment.giftcard.GiftCards;
import dev.atelier.payment.giftcard.GiftCards.GiftCard;
import dev.atelier.payment.giftcard.GiftCards.IssuedGiftCard;
import dev.atelier.payment.giftcard.GiftCards.LedgerEntry;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/payments/gift-cards/{code}/balance} for shoppers (rate-limited per client; a code with a wrong
 * check character is a 400 before any look-up), and {@code /api/admin/payments/gift-cards} for admins to issue cards
 * (the code is shown once, then only its last four characters) and read a card's ledger.
 */
@RestController
class GiftCardController {

    private final GiftCards giftCards;
    private final BalanceCheckLimiter limiter;

    GiftCardController(GiftCards giftCards, BalanceCheckLimiter limiter) {
        this.giftCards = giftCards;
        this.limiter = limiter;
    }

    record Balance(String last4, Money balance, Money available, @Nullable Instant expiresAt) {
    }

    record IssueRequest(@NotNull @Positive Long amount, @Nullable @Size(min = 3, max = 3) String currency,
            @Nullable @Future Instant expiresAt) {
    }

    record CardView(UUID giftCardId, String last4, Money initial, Money balance, Money held, @Nullable Instant expiresAt,
            String issuedBy, Instant createdAt, List<LedgerEntry> ledger) {
    }

    @GetMapping("/api/payments/gift-cards/{code}/balance")
    Balance balance(@PathVariable String code, HttpServletRequest request) {
        Duration wait = limiter.tryCheck(request);
        if (!wait.isZero()) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many balance checks",
                    "too many gift-card balance checks from this client; try again later")
                    .retryAfter(Duration.ofSeconds(Math.max(1, wait.toSeconds() + 1)));
        }
        if (GiftCardCodes.normalise(code).isEmpty()) {
            throw ProblemException.badRequest("invalid-gift-card-code",
                    "this is not a gift-card code: check the characters (XXXX-XXXX-XXXX-XXXX-C)");
        }
        GiftCard card = giftCards.byCode(code)
                .orElseThrow(() -> ProblemException.notFound("unknown-gift-card", "no gift card has this code"));
        return new Balance(card.last4(), card.balance(), card.available(), card.expiresAt());
    }

    @PostMapping("/api/admin/payments/gift-cards")
    ResponseEntity<IssuedGiftCard> issue(@Valid @RequestBody IssueRequest request, Caller caller) {
        Currency currency;
        try {
            currency = Currency.getInstance(request.currency() == null ? "GBP" : request.currency());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-request", "currency: not an ISO 4217 code");
        }
        IssuedGiftCard issued = giftCards.issue(new Money(request.amount(), currency), request.expiresAt(),
                caller.actor());
        return ResponseEntity.status(HttpStatus.CREATED).body(issued);
    }

    @GetMapping("/api/admin/payments/gift-cards/{giftCardId}")
    CardView card(@PathVariable UUID giftCardId) {
        GiftCard card = giftCards.find(giftCardId)
                .orElseThrow(() -> ProblemException.notFound("unknown-gift-card", "no gift card " + giftCardId));
        return new CardView(card.id(), card.last4(), card.initial(), card.balance(), card.held(), card.expiresAt(),
                card.issuedBy(), card.createdAt(), giftCards.ledger(card.id()));
    }
}

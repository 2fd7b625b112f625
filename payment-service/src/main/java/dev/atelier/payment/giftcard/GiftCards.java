package dev.atelier.payment.giftcard;

import dev.atelier.events.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gift cards and their ledger, in plain JDBC because each step is one guarded statement on the card's locked row: a
 * checkout holds what the card can give (never more than its balance less what others hold), spends it when the
 * payment succeeds, releases it when it fails or the order is cancelled, and restores a spent amount when a paid
 * order is cancelled. Every change writes a ledger row with it, so the figures always equal the ledger's sums.
 */
@Service
public class GiftCards {

    private static final Logger log = LoggerFactory.getLogger(GiftCards.class);

    private final JdbcClient jdbc;

    GiftCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A card just issued: the only time its code is shown. */
    public record IssuedGiftCard(UUID id, String code, String last4, Money balance, @Nullable Instant expiresAt) {
    }

    /** A card as its holder and the back-office see it. */
    public record GiftCard(UUID id, String last4, Money initial, Money balance, Money held, @Nullable Instant expiresAt,
            String issuedBy, Instant createdAt) {

        public Money available() {
            return balance.minus(held);
        }
    }

    /** One ledger row. */
    public record LedgerEntry(String kind, long balanceDelta, long heldDelta, @Nullable UUID orderId, String actor,
            Instant at) {
    }

    /** What a checkout could hold: the amount (zero when the card gives nothing), or why the card was refused. */
    public record Hold(long amount, @Nullable String refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    @Transactional
    public IssuedGiftCard issue(Money amount, @Nullable Instant expiresAt, String actor) {
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("a gift card holds a positive amount, not " + amount);
        }
        String code = GiftCardCodes.generate();
        String canonical = GiftCardCodes.normalise(code).orElseThrow();
        UUID id = UUID.randomUUID();
        String last4 = canonical.substring(canonical.length() - 4);
        jdbc.sql("""
                INSERT INTO gift_card (id, code_hash, last4, currency, initial_amount, balance, expires_at, issued_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, GiftCardCodes.hash(canonical), last4, amount.currency().getCurrencyCode(), amount.minor(),
                        amount.minor(), expiresAt == null ? null : Timestamp.from(expiresAt), actor)
                .update();
        ledger(id, "ISSUE", amount.minor(), 0, null, actor);
        return new IssuedGiftCard(id, code, last4, amount, expiresAt);
    }

    /**
     * Issues the card bought as unit {@code unit} of line {@code lineId} of a confirmed order; empty when that card
     * was issued already (a repeated OrderConfirmed), so that the caller announces each card once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<IssuedGiftCard> issueBought(UUID orderId, UUID lineId, int unit, Money amount, Instant expiresAt,
            String purchaserEmail, @Nullable UUID purchaserCustomerId) {
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("a gift card holds a positive amount, not " + amount);
        }
        String code = GiftCardCodes.generate();
        String canonical = GiftCardCodes.normalise(code).orElseThrow();
        UUID id = UUID.randomUUID();
        String last4 = canonical.substring(canonical.length() - 4);
        int inserted = jdbc.sql("""
                INSERT INTO gift_card (id, code_hash, last4, currency, initial_amount, balance, expires_at, issued_by,
                                       order_id, order_line_id, order_unit, purchaser_email, purchaser_customer_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'purchase', ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT gift_card_bought DO NOTHING""")
                .params(id, GiftCardCodes.hash(canonical), last4, amount.currency().getCurrencyCode(), amount.minor(),
                        amount.minor(), Timestamp.from(expiresAt), orderId, lineId, unit, purchaserEmail,
                        purchaserCustomerId)
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        ledger(id, "ISSUE", amount.minor(), 0, orderId, "purchase");
        return Optional.of(new IssuedGiftCard(id, code, last4, amount, expiresAt));
    }

    /** A card by the code a shopper typed; empty when no card has it (or it is malformed). */
    public Optional<GiftCard> byCode(String typed) {
        return GiftCardCodes.normalise(typed).flatMap(canonical -> jdbc.sql("SELECT * FROM gift_card WHERE code_hash = ?")
                .param(GiftCardCodes.hash(canonical)).query(GiftCards::map).optional());
    }

    public Optional<GiftCard> find(UUID id) {
        return jdbc.sql("SELECT * FROM gift_card WHERE id = ?").param(id).query(GiftCards::map).optional();
    }

    public List<LedgerEntry> ledger(UUID id) {
        return jdbc.sql("SELECT * FROM gift_card_ledger WHERE gift_card_id = ? ORDER BY id").param(id)
                .query((rs, n) -> new LedgerEntry(rs.getString("kind"), rs.getLong("balance_delta"),
                        rs.getLong("held_delta"), rs.getObject("order_id", UUID.class), rs.getString("actor"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Holds up to {@code wanted} on the card for the order, under a lock on the card's row, so that concurrent
     * checkouts never hold more than the balance. A second hold for the same order returns the first.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Hold hold(String typedCode, UUID orderId, Money wanted, Instant now) {
        Optional<Long> existing = jdbc.sql("SELECT amount FROM gift_card_hold WHERE order_id = ?").param(orderId)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return new Hold(existing.get(), null);
        }
        Optional<String> canonical = GiftCardCodes.normalise(typedCode);
        if (canonical.isEmpty()) {
            return new Hold(0, "gift_card_invalid");
        }
        Optional<GiftCard> locked = jdbc.sql("SELECT * FROM gift_card WHERE code_hash = ? FOR UPDATE")
                .param(GiftCardCodes.hash(canonical.get())).query(GiftCards::map).optional();
        if (locked.isEmpty()) {
            return new Hold(0, "gift_card_unknown");
        }
        GiftCard card = locked.get();
        if (card.expiresAt() != null && !card.expiresAt().isAfter(now)) {
            return new Hold(0, "gift_card_expired");
        }
        if (!card.balance().currency().equals(wanted.currency())) {
            return new Hold(0, "gift_card_currency");
        }
        long amount = Math.min(card.available().minor(), wanted.minor());
        if (amount <= 0) {
            return new Hold(0, null);
        }
        int changed = jdbc.sql("UPDATE gift_card SET held = held + ?, updated_at = now() WHERE id = ? AND balance - held >= ?")
                .params(amount, card.id(), amount).update();
        if (changed != 1) {
            throw new IllegalStateException("gift card " + card.id() + " changed under its lock");
        }
        jdbc.sql("INSERT INTO gift_card_hold (order_id, gift_card_id, amount, status) VALUES (?, ?, ?, 'HELD')")
                .params(orderId, card.id(), amount).update();
        ledger(card.id(), "HOLD", 0, amount, orderId, "checkout");
        return new Hold(amount, null);
    }

    /** The order is paid: its hold leaves the card. Nothing when it holds nothing or was spent already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void spend(UUID orderId) {
        move(orderId, "HELD", "SPENT", "SPEND", -1, -1);
    }

    /**
     * The order is over without being paid, or cancelled after: a hold goes back to the card's available amount,
     * a spent amount back onto its balance.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void giveBack(UUID orderId) {
        if (!move(orderId, "HELD", "RELEASED", "RELEASE", 0, -1)) {
            move(orderId, "SPENT", "RESTORED", "RESTORE", 1, 0);
        }
    }

    private boolean move(UUID orderId, String from, String to, String kind, int balanceSign, int heldSign) {
        Optional<Object[]> hold = jdbc.sql("""
                UPDATE gift_card_hold SET status = ?, updated_at = now() WHERE order_id = ? AND status = ?
                RETURNING gift_card_id, amount""")
                .params(to, orderId, from)
                .query((rs, n) -> new Object[] {rs.getObject("gift_card_id", UUID.class), rs.getLong("amount")})
                .optional();
        if (hold.isEmpty()) {
            return false;
        }
        UUID cardId = (UUID) hold.get()[0];
        long amount = (Long) hold.get()[1];
        jdbc.sql("UPDATE gift_card SET balance = balance + ?, held = held + ?, updated_at = now() WHERE id = ?")
                .params(balanceSign * amount, heldSign * amount, cardId).update();
        ledger(cardId, kind, balanceSign * amount, heldSign * amount, orderId, "checkout");
        log.debug("Gift card {}: {} {} for order {}", cardId, kind, amount, orderId);
        return true;
    }

    private void ledger(UUID cardId, String kind, long balanceDelta, long heldDelta, @Nullable UUID orderId, String actor) {
        jdbc.sql("""
                INSERT INTO gift_card_ledger (gift_card_id, kind, balance_delta, held_delta, order_id, actor)
                VALUES (?, ?, ?, ?, ?, ?)""").params(cardId, kind, balanceDelta, heldDelta, orderId, actor).update();
    }

    private static GiftCard map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        Timestamp expiresAt = rs.getTimestamp("expires_at");
        return new GiftCard(rs.getObject("id", UUID.class), rs.getString("last4"),
                new Money(rs.getLong("initial_amount"), currency), new Money(rs.getLong("balance"), currency),
                new Money(rs.getLong("held"), currency), expiresAt == null ? null : expiresAt.toInstant(),
                rs.getString("issued_by"), rs.getTimestamp("created_at").toInstant());
    }
}

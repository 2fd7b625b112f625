package dev.atelier.payment.webhook;

import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log of every provider event id ever applied: the id is inserted in the same transaction as the event's effect,
 * so that a replay, however many at once, finds it and changes nothing (the insert waits on the first one's lock and
 * then conflicts).
 */
@Component
class ProviderEvents {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ProviderEvents(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Records the event id and applies the effect in one transaction; an id seen before changes nothing. The row is
     * written with the usual outcome, APPLIED, and corrected only when the effect said otherwise: no other
     * transaction sees it before the commit, when the outcome is final.
     */
    WebhookOutcome once(String provider, String eventId, String type, @Nullable UUID paymentId,
            Supplier<WebhookOutcome> effect) {
        WebhookOutcome outcome = transactions.execute(tx -> {
            int inserted = jdbc.sql("""
                    INSERT INTO provider_event (provider, event_id, event_type, payment_id, outcome)
                    VALUES (?, ?, ?, ?, 'APPLIED') ON CONFLICT DO NOTHING""")
                    .params(provider, eventId, type, paymentId).update();
            if (inserted == 0) {
                return WebhookOutcome.DUPLICATE;
            }
            WebhookOutcome applied = effect.get();
            if (applied != WebhookOutcome.APPLIED) {
                jdbc.sql("UPDATE provider_event SET outcome = ? WHERE provider = ? AND event_id = ?")
                        .params(applied.name(), provider, eventId).update();
            }
            return applied;
        });
        return outcome == null ? WebhookOutcome.DUPLICATE : outcome;
    }
}

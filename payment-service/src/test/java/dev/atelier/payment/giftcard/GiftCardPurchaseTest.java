package dev.atelier.payment.giftcard;

import static dev.atelier.payment.Checkouts.aSandboxPaymentOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.payment.PaymentTest;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gift cards bought as a product: a confirmed order's gift-card lines (SKU prefix {@code GIFTCARD-}) become one card per
 * unit worth the unit price, announced with GiftCardIssued; a repeated OrderConfirmed issues nothing; codes never
 * reach the log.
 */
@PaymentTest
@ExtendWith(OutputCaptureExtension.class)
class GiftCardPurchaseTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GiftCards giftCards;

    @Autowired
    JdbcTemplate jdbc;

    EventPublisher publisher;
    EventProbe payments;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        payments = EventProbe.on(Topics.PAYMENT_PAYMENT);
    }

    @AfterEach
    void tearDown() {
        payments.close();
        publisher.close();
    }

    @Test
    void eachUnitOfAGiftCardLineBecomesACardOnceAndItsCodeIsNeverLogged(CapturedOutput output) {
        UUID customerId = UUID.randomUUID();
        OrderLine cards = line("GIFTCARD-50", 2, 5000, "Atelier Gift Card £50");
        OrderLine mug = line("MUG-XMAS-001", 1, 1499, "Personalised Christmas Mug");
        OrderLine smallCard = line("giftcard-10", 1, 1000, "Atelier Gift Card £10");
        OrderConfirmed confirmed = confirmed(customerId, List.of(cards, mug, smallCard));

        publisher.send(confirmed, UUID.randomUUID());
        publisher.flush();
        payments.awaitRecords(3, r -> r.key().equals(confirmed.orderId().toString())
                && "GiftCardIssued".equals(EventProbe.header(r, "eventType")), DEADLINE);
        List<GiftCardIssued> issued = payments.events(GiftCardIssued.class).stream()
                .filter(e -> e.orderId().equals(confirmed.orderId())).toList();

        assertThat(issued).hasSize(3);
        assertThat(issued).extracting(GiftCardIssued::amount).containsExactlyInAnyOrder(Money.gbp(5000), Money.gbp(5000),
                Money.gbp(1000));
        assertThat(issued).filteredOn(e -> e.lineId().equals(cards.lineId())).extracting(GiftCardIssued::unit)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(issued).extracting(GiftCardIssued::customerEmail).containsOnly("hannah.price@example.co.uk");
        assertThat(issued).extracting(GiftCardIssued::code).doesNotHaveDuplicates();
        for (GiftCardIssued card : issued) {
            GiftCards.GiftCard stored = giftCards.byCode(card.code()).orElseThrow();
            assertThat(stored.id()).isEqualTo(card.giftCardId());
            assertThat(stored.balance()).isEqualTo(card.amount());
            assertThat(stored.last4()).isEqualTo(card.last4());
            assertThat(stored.expiresAt()).isCloseTo(Instant.now().plus(730, ChronoUnit.DAYS), within(Duration.ofHours(1)));
            assertThat(output.getAll()).doesNotContain(card.code()).doesNotContain(card.code().replace("-", ""));
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM gift_card_ledger l JOIN gift_card g ON g.id = l.gift_card_id
                 WHERE g.order_id = ? AND l.kind = 'ISSUE'""", Integer.class, confirmed.orderId())).isEqualTo(3);

        // OrderConfirmed again (a saga retry: another event id) issues nothing; a PaymentRequested for the same order
        // comes after it on the same partition, so its answer is the barrier for any card the repeat would announce
        publisher.send(confirmed, UUID.randomUUID());
        PaymentRequested barrier = barrierFor(confirmed);
        publisher.send(barrier, UUID.randomUUID());
        publisher.flush();
        payments.awaitEvent(PaymentSessionCreated.class, e -> e.orderId().equals(confirmed.orderId()), DEADLINE);
        assertThat(payments.events(GiftCardIssued.class)).filteredOn(e -> e.orderId().equals(confirmed.orderId()))
                .hasSize(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gift_card WHERE order_id = ?", Integer.class,
                confirmed.orderId())).isEqualTo(3);
    }

    @Test
    void anOrderWithoutGiftCardsIssuesNothing() {
        OrderConfirmed confirmed = confirmed(null, List.of(line("MUG-XMAS-001", 3, 1499, "Mug")));
        publisher.send(confirmed, UUID.randomUUID());
        publisher.send(barrierFor(confirmed), UUID.randomUUID());
        publisher.flush();
        payments.awaitEvent(PaymentSessionCreated.class, e -> e.orderId().equals(confirmed.orderId()), DEADLINE);
        assertThat(payments.events(GiftCardIssued.class)).filteredOn(e -> e.orderId().equals(confirmed.orderId()))
                .isEmpty();
    }

    private static PaymentRequested barrierFor(OrderConfirmed confirmed) {
        PaymentRequested any = aSandboxPaymentOf(100);
        return new PaymentRequested(confirmed.orderId(), confirmed.orderNumber(), any.amount(), any.paymentMethod(),
                any.customerEmail(), any.requestedAt());
    }

    private static OrderConfirmed confirmed(UUID customerId, List<OrderLine> lines) {
        UUID orderId = UUID.randomUUID();
        long total = lines.stream().mapToLong(l -> l.unitPrice().minor() * l.quantity()).sum();
        return new OrderConfirmed(orderId, "AT-" + orderId.toString().substring(0, 8).toUpperCase(), "web",
                "hannah.price@example.co.uk", lines, Money.gbp(total), Instant.now(), customerId, null, null, null, null,
                null);
    }

    private static OrderLine line(String sku, int quantity, long pence, String name) {
        return new OrderLine(UUID.randomUUID(), sku, quantity, Money.gbp(pence), Map.of(), name, null, null, null,
                Money.gbp(pence * quantity));
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toMinutes(), ChronoUnit.MINUTES);
    }
}

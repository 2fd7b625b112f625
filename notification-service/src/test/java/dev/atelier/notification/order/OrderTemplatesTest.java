package dev.atelier.notification.order;

import static dev.atelier.notification.template.TestTemplates.branding;
import static dev.atelier.notification.template.TestTemplates.renderAndSave;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderLine;
import dev.atelier.notification.Orders;
import dev.atelier.notification.template.Mail;
import dev.atelier.notification.template.MailLine;
import dev.atelier.notification.template.RenderedMail;
import dev.atelier.notification.template.TestTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each order template rendered from sample data: what the shopper reads, in both parts; saved under target/. */
class OrderTemplatesTest {

    private static final String PERSONALISATION = "Colour: #d4a017 · Font: Script MT · Name: Sophie";

    @Test
    void confirmationShowsEachLineWithItsPersonalisationTheGiftMessageAndTotalsWithVat() {
        var placed = Orders.aPlacedOrderWithAPersonalisedMug("sophie@example.co.uk");
        RenderedMail mail = renderAndSave(OrderMails.confirmation(OrderSnapshot.of(placed)), "order-confirmation");

        assertThat(mail.subject()).isEqualTo("Your order " + placed.orderNumber() + " is confirmed");
        for (String part : List.of(mail.html(), mail.text())) {
            assertThat(part).contains("Personalised Christmas Mug", "Size: Large", PERSONALISATION,
                    "Hand-lettered Card", "Happy Christmas, Nan! Love, Sophie", "£25.98", "£30.48", "£5.08",
                    "Margaret Price", "BS1 5TY", "United Kingdom", "help@atelier.example", "1 Workshop Lane");
        }
        assertThat(mail.html()).contains("alt=\"Personalised Christmas Mug, Size: Large\"", "alt=\"Atelier Bristol\"",
                "lang=\"en-GB\"", "Includes VAT of £5.08", "−£2.95");
        assertThat(mail.text()).contains("2 × Personalised Christmas Mug", "Personalisation: " + PERSONALISATION,
                "includes VAT of £5.08").doesNotContain("<", "[#", "${");
        assertThat(mail.html()).doesNotContain("nsubscribe");
    }

    @Test
    void shopperTextIsEscapedInHtml() {
        var placed = Orders.aPlacedOrderWithAPersonalisedMug("sophie@example.co.uk");
        var line = placed.lines().getFirst();
        var hostile = new OrderLine(line.lineId(), line.sku(), 1, line.unitPrice(),
                Map.of("name", "<script>alert(1)</script>"), line.name(), null, null, Map.of("name", "Name"), null);
        var order = new OrderSnapshot(placed.orderId(), placed.orderNumber(), placed.customerEmail(), null,
                List.of(hostile), placed.total(), null, null, null);

        RenderedMail mail = renderAndSave(OrderMails.confirmation(order), "order-confirmation-minimal");

        assertThat(mail.html()).contains("Name: &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(mail.html()).contains("£30.48").doesNotContain("Includes VAT");
    }

    @Test
    void cancellationSaysWhyInPlainWordsAndWhatHappensToTheMoney() {
        RenderedMail outOfStock = renderAndSave(OrderMails.cancelled("AT-2026-000142", "OUT_OF_STOCK", false),
                "order-cancelled");
        RenderedMail timedOut = OrderTemplatesTest.render(OrderMails.cancelled("AT-2026-000142", "PAYMENT_TIMEOUT",
                true));

        assertThat(outOfStock.subject()).isEqualTo("Your order AT-2026-000142 has been cancelled");
        assertThat(outOfStock.text()).contains("sold out before we could set it aside", "No payment was taken");
        assertThat(timedOut.html()).contains("did not receive your payment in time", "refunded in full");
        assertThat(OrderMails.cancelReason("SOMETHING_NEW")).isEqualTo("We had to cancel it (something new).");
    }

    @Test
    void paymentFailedExplainsTheProvidersReasonAndLinksToTheBasket() {
        RenderedMail mail = renderAndSave(OrderMails.paymentFailed("AT-2026-000142", "card_declined", branding()),
                "payment-failed");

        assertThat(mail.subject()).isEqualTo("We could not take payment for order AT-2026-000142");
        assertThat(mail.text()).contains("Your card was declined by your bank.", "https://shop.atelier.example/cart");
        assertThat(mail.html()).contains("href=\"https://shop.atelier.example/cart\"");
    }

    @Test
    void shippedCarriesTheCarrierTrackingNumberTrackingLinkAndTheParcelsLines() {
        var placed = Orders.aPlacedOrderWithAPersonalisedMug("sophie@example.co.uk");
        var shipped = Orders.theMugShippedOf(placed);
        RenderedMail mail = renderAndSave(OrderMails.shipped(placed.orderNumber(), shipped.carrier(),
                shipped.trackingNumber(), shipped.trackingUrl(), List.of(placed.lines().getFirst()), false),
                "order-shipped");

        assertThat(mail.subject()).isEqualTo("Part of your order " + placed.orderNumber() + " is on its way");
        assertThat(mail.html()).contains("href=\"" + shipped.trackingUrl() + "\"", "Royal Mail", "RM123456785GB",
                PERSONALISATION, "another parcel").doesNotContain("Hand-lettered Card");
        assertThat(mail.text()).contains("Track your parcel: " + shipped.trackingUrl());
    }

    @Test
    void shippedWithoutATrackingLinkHasNoButton() {
        RenderedMail mail = render(OrderMails.shipped("AT-2026-000142", "DPD", "15501234567890", null, List.of(), true));

        assertThat(mail.subject()).isEqualTo("Your order AT-2026-000142 is on its way");
        assertThat(mail.html()).contains("15501234567890").doesNotContain("Track your parcel", "In this parcel");
    }

    @Test
    void deliveredInvitesAReview() {
        UUID orderId = UUID.randomUUID();
        RenderedMail mail = renderAndSave(OrderMails.delivered("AT-2026-000142", orderId,
                List.of("Personalised Christmas Mug", "Hand-lettered Card"), branding()), "order-delivered");

        assertThat(mail.subject()).isEqualTo("Your order AT-2026-000142 has arrived");
        assertThat(mail.html()).contains("Write a review", "https://shop.atelier.example/account/orders/" + orderId
                + "/review", "Personalised Christmas Mug");
    }

    @Test
    void refundIssuedStatesTheAmountAndWhen() {
        RenderedMail mail = renderAndSave(OrderMails.refundIssued("AT-2026-000142", Money.gbp(1299), "DAMAGED_IN_TRANSIT",
                Instant.parse("2026-12-04T10:00:00Z")), "refund-issued");

        assertThat(mail.subject()).isEqualTo("We have refunded £12.99 for order AT-2026-000142");
        assertThat(mail.text()).contains("Friday 4 December 2026", "damaged in transit", "5 to 10 working days");
    }

    @Test
    void returnApprovedListsWhatToSendBackByWhenWhereAndTheRefund() {
        RenderedMail mail = renderAndSave(OrderMails.returnApproved("AT-2026-000142",
                List.of(MailLine.of("Hand-lettered Card", null, 1, Money.gbp(350), null, Map.of(), null)
                        .withNote("Your reason: arrived bent")),
                Money.gbp(350), Instant.parse("2026-12-31T12:00:00Z"), "Atelier Returns, Unit 4, Bristol BS2 0QQ",
                branding()), "return-approved");
        RenderedMail toTheStore = render(OrderMails.returnApproved("AT-2026-000142", List.of(), Money.gbp(350),
                Instant.parse("2026-12-31T12:00:00Z"), null, branding()));

        assertThat(mail.subject()).isEqualTo("Your return for order AT-2026-000142 is approved");
        for (String part : List.of(mail.html(), mail.text())) {
            assertThat(part).contains("Thursday 31 December 2026", "Hand-lettered Card", "Your reason: arrived bent",
                    "refund up to", "£3.50", "Atelier Returns, Unit 4, Bristol BS2 0QQ");
        }
        assertThat(mail.text()).doesNotContain("<", "[#", "${");
        assertThat(mail.html()).doesNotContain("nsubscribe");
        assertThat(toTheStore.text()).contains("post it to: Atelier Ltd, 1 Workshop Lane");
    }

    @Test
    void giftCardCarriesTheCodeAmountExpiryAndWhatTheBuyerWrote() {
        var placed = Orders.aPlacedOrderOfTwoGiftCards("sophie@example.co.uk");
        var card = Orders.theFirstGiftCardOf(placed, "7KQ4-M2XD-9PRT-HC3W-N");
        RenderedMail mail = renderAndSave(GiftCardMails.issued(card, placed.lines().getFirst(), branding()),
                "gift-card");
        RenderedMail withoutTheLine = render(GiftCardMails.issued(card, null, branding()));

        assertThat(mail.subject()).isEqualTo("Your Atelier Bristol gift card for £25.00");
        for (String part : List.of(mail.html(), mail.text())) {
            assertThat(part).contains("7KQ4-M2XD-9PRT-HC3W-N", "£25.00", "Thursday 30 November 2028",
                    "From: Sophie · Message: Happy birthday, Gran! · To: Gran", "Card 1 of 2", placed.orderNumber(),
                    "https://shop.atelier.example/", "help@atelier.example");
        }
        assertThat(mail.html()).contains("alt=\"Atelier Bristol\"", "lang=\"en-GB\"").doesNotContain("nsubscribe");
        assertThat(mail.text()).doesNotContain("<", "[#", "${");
        assertThat(withoutTheLine.text()).contains("7KQ4-M2XD-9PRT-HC3W-N", "£25.00").doesNotContain("Card 1 of",
                "To: Gran");
    }

    private static RenderedMail render(Mail mail) {
        return TestTemplates.templates().render(mail);
    }
}

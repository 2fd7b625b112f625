package dev.atelier.notification.cart;

import dev.atelier.events.Money;
import dev.atelier.events.cart.AbandonedLine;
import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.notification.template.Branding;
import dev.atelier.notification.template.Formats;
import dev.atelier.notification.template.Mail;
import dev.atelier.notification.template.MailLine;
import java.util.HashMap;
import java.util.Map;

/** The three e-mails of the abandoned-cart sequence: a reminder, a nudge (with scarcity when true), a coupon. */
final class CartRecoveryMails {

    /** At or below this many left, step 2 says so: it is true, and it is why the shopper should not wait. */
    static final long FEW_LEFT = 5;

    private CartRecoveryMails() {
    }

    static String template(int step) {
        return "abandoned-cart-" + step;
    }

    static Mail of(CartAbandoned cart, Branding brand) {
        if (cart.step() < 1 || cart.step() > 3) {
            throw new IllegalArgumentException("CartAbandoned step must be 1, 2 or 3, was " + cart.step());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("lines", cart.lines().stream().map(l -> line(l, cart.step())).toList());
        variables.put("subtotal", Formats.money(cart.subtotal()));
        variables.put("cartUrl", brand.link("/cart"));
        String subject;
        String preheader;
        switch (cart.step()) {
            case 1 -> {
                subject = "You left something in your basket";
                preheader = "Your basket is saved: pick up where you left off.";
            }
            case 2 -> {
                subject = "Still thinking it over?";
                preheader = "Your basket is still waiting for you.";
            }
            default -> {
                if (cart.couponCode() == null || cart.couponDiscount() == null || cart.couponExpiresAt() == null) {
                    throw new IllegalArgumentException("step 3 of cart " + cart.cartId() + " carries no coupon");
                }
                Money discount = cart.couponDiscount();
                variables.put("couponCode", cart.couponCode());
                variables.put("couponDiscount", Formats.money(discount));
                variables.put("couponExpires", Formats.dayAndTime(cart.couponExpiresAt()));
                subject = Formats.money(discount) + " off your basket, until " + Formats.day(cart.couponExpiresAt());
                preheader = "Use code " + cart.couponCode() + " at checkout.";
            }
        }
        return new Mail(template(cart.step()), subject, preheader, variables, null);
    }

    private static MailLine line(AbandonedLine line, int step) {
        MailLine mail = MailLine.of(line.name(), null, line.quantity(), line.unitPrice().times(line.quantity()),
                line.imageUrl(), line.personalisation(), null);
        if (step >= 2 && line.available() != null && line.available() > 0 && line.available() <= FEW_LEFT) {
            return mail.withNote("Only " + line.available() + " left");
        }
        return mail;
    }
}

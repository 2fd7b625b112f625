package dev.atelier.notification.template;

import dev.atelier.events.Money;
import org.jspecify.annotations.Nullable;

/** An order's totals as an e-mail shows them; discount and gift wrap only when there are some. */
public record MailTotals(String subtotal, @Nullable String discount, String shipping, @Nullable String giftWrap,
        String tax, String total) {

    public static MailTotals of(Money subtotal, Money discount, Money shipping, Money giftWrap, Money tax,
            Money total) {
        return new MailTotals(Formats.money(subtotal), discount.minor() == 0 ? null : "−" + Formats.money(discount),
                shipping.minor() == 0 ? "Free" : Formats.money(shipping),
                giftWrap.minor() == 0 ? null : Formats.money(giftWrap), Formats.money(tax), Formats.money(total));
    }
}

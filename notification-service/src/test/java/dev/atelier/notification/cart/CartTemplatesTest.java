package dev.atelier.notification.cart;

import static dev.atelier.notification.template.TestTemplates.branding;
import static dev.atelier.notification.template.TestTemplates.renderAndSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.notification.Carts;
import dev.atelier.notification.template.RenderedMail;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The three steps of the recovery sequence, rendered from sample carts and saved under target/. */
class CartTemplatesTest {

    static CartAbandoned anAbandonedCartAtStep(int step, String email) {
        return Carts.anAbandonedCartAtStep(UUID.randomUUID(), step, email);
    }

    @Test
    void stepOneRemindsOfTheBasket() {
        RenderedMail mail = renderAndSave(CartRecoveryMails.of(anAbandonedCartAtStep(1, "a@example.com"), branding())
                .withUnsubscribeUrl("https://shop.atelier.example/unsubscribe?token=t"), "abandoned-cart-1");

        assertThat(mail.subject()).isEqualTo("You left something in your basket");
        assertThat(mail.html()).contains("Personalised Christmas Mug", "Name: Hannah", "£12.99",
                "href=\"https://shop.atelier.example/cart\"", "href=\"https://shop.atelier.example/unsubscribe?token=t\"",
                "1 Workshop Lane").doesNotContain("left</em>");
        assertThat(mail.text()).contains("Unsubscribe in one click: https://shop.atelier.example/unsubscribe?token=t");
    }

    @Test
    void stepTwoSaysHowFewAreLeftWhenItIsTrue() {
        RenderedMail mail = renderAndSave(CartRecoveryMails.of(anAbandonedCartAtStep(2, "a@example.com"), branding())
                .withUnsubscribeUrl("https://shop.atelier.example/unsubscribe?token=t"), "abandoned-cart-2");

        assertThat(mail.subject()).isEqualTo("Still thinking it over?");
        assertThat(mail.text()).contains("Only 3 left");
    }

    @Test
    void stepThreeCarriesTheCouponAndItsExpiry() {
        RenderedMail mail = renderAndSave(CartRecoveryMails.of(anAbandonedCartAtStep(3, "a@example.com"), branding())
                .withUnsubscribeUrl("https://shop.atelier.example/unsubscribe?token=t"), "abandoned-cart-3");

        assertThat(mail.subject()).isEqualTo("£1.30 off your basket, until Friday 11 December 2026");
        assertThat(mail.html()).contains("COMEBACK-7KQ2-M9XD", "£1.30", "Friday 11 December 2026 at 23:59 GMT");
        assertThat(mail.text()).contains("Take £1.30 off with the code COMEBACK-7KQ2-M9XD",
                "Valid once, until Friday 11 December 2026 at 23:59 GMT");
    }

    @Test
    void refusesAStepOutsideTheSequenceOrAThirdStepWithoutItsCoupon() {
        CartAbandoned third = anAbandonedCartAtStep(3, "a@example.com");
        CartAbandoned noCoupon = new CartAbandoned(third.cartId(), third.customerEmail(), null, 3, third.lines(),
                third.subtotal(), null, null, null, third.abandonedAt());
        CartAbandoned fourth = new CartAbandoned(third.cartId(), third.customerEmail(), null, 4, third.lines(),
                third.subtotal(), null, null, null, third.abandonedAt());

        assertThatThrownBy(() -> CartRecoveryMails.of(noCoupon, branding())).hasMessageContaining("carries no coupon");
        assertThatThrownBy(() -> CartRecoveryMails.of(fourth, branding())).hasMessageContaining("must be 1, 2 or 3");
    }
}

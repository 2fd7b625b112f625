package dev.atelier.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.events.Money;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Amounts, dates and personalisation as a UK shopper reads them. */
class FormatsTest {

    @Test
    void moneyIsExactInTheCurrencysOwnDigits() {
        assertThat(Formats.money(Money.gbp(3048))).isEqualTo("£30.48");
        assertThat(Formats.money(Money.gbp(5))).isEqualTo("£0.05");
        assertThat(Formats.money(Money.of(1250, "EUR"))).isEqualTo("€12.50");
        assertThat(Formats.money(Money.of(1250, "JPY"))).isEqualTo("JP¥1,250");
    }

    @Test
    void personalisationUsesTheLabelsAndLeavesOutEmptyValues() {
        assertThat(Formats.personalisation(Map.of("name", "Sophie", "font", "Script MT", "colour", "#d4a017"),
                Map.of("name", "Name", "font", "Font", "colour", "Colour")))
                .isEqualTo("Colour: #d4a017 · Font: Script MT · Name: Sophie");
        assertThat(Formats.personalisation(Map.of("engravingText", "For Dad", "note", " "), null))
                .isEqualTo("Engraving text: For Dad");
        assertThat(Formats.personalisation(Map.of(), null)).isNull();
    }

    @Test
    void datesReadInUkTime() {
        assertThat(Formats.day(Instant.parse("2026-06-30T23:30:00Z"))).isEqualTo("Wednesday 1 July 2026");
        assertThat(Formats.dayAndTime(Instant.parse("2026-12-11T23:59:00Z")))
                .isEqualTo("Friday 11 December 2026 at 23:59 GMT");
    }

    @Test
    void brandingAcceptsOnlyHexColours() {
        Branding brand = TestTemplates.branding();
        assertThat(brand.link("/cart")).isEqualTo("https://shop.atelier.example/cart");
        assertThatThrownBy(() -> new Branding("A", "https://a", "https://a/l.png", "red;background:url(x)", "#fff",
                "addr", "h@a", "s@a")).hasMessageContaining("primary-colour");
    }
}

package dev.atelier.events;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.events.payment.PaymentSucceeded;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RequiredFieldsTest {

    record Line(String sku, int quantity, @Nullable String note) {
    }

    record Parcel(String id, List<Line> lines, Map<String, Line> byCode, @Nullable Line gift) {
    }

    @Test
    void acceptsAValueWithEveryRequiredFieldAndNullsWhereTheyAreAllowed() {
        Parcel parcel = new Parcel("p1", List.of(new Line("MUG", 1, null)), Map.of("a", new Line("KEY", 2, "x")), null);

        assertThatCode(() -> RequiredFields.check(parcel)).doesNotThrowAnyException();
    }

    @Test
    void namesEveryMissingFieldByItsPathInListsMapsAndNestedRecords() {
        Parcel parcel = new Parcel(null, List.of(new Line("MUG", 1, null), new Line(null, 1, null)),
                Map.of("a", new Line(null, 2, null)), new Line(null, 0, null));

        assertThatThrownBy(() -> RequiredFields.check(parcel))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parcel: required fields 'id', 'lines[1].sku', 'byCode{a}.sku', 'gift.sku' missing");
    }

    @Test
    void refusesAContractWhoseJsonLacksARequiredField() {
        String json = """
                {"orderId":"4b0c8f5e-1d8c-4a57-9d0c-7a3b7e1c2f10","paymentId":"9b1f0a52-5c7e-4d4e-8a51-0f2d7c9e6b31",
                 "provider":"sandbox","paidAt":"2026-11-23T10:00:00Z"}""";

        assertThatThrownBy(() -> EventJson.read(json, PaymentSucceeded.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PaymentSucceeded: required field 'amount' missing");
    }
}

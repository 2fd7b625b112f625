package dev.atelier.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.events.EventCatalog;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.schema.EventSchema.FieldSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventSchemaTest {

    private final EventSchema orderPlaced = EventSchema.of(EventCatalog.standard().typeOf(OrderPlaced.class));

    enum Size { SMALL, LARGE }

    record Measured(BigDecimal weightKg, LocalDate bestBefore, boolean fragile, Set<Size> sizes,
                    Map<String, Integer> countsBySku) {
    }

    record Floating(double weight) {
    }

    record Optionally(Optional<String> note) {
    }

    record Node(String name, Node next) {
    }

    @Test
    void describesOrderPlacedWithWireNamesTypesAndPresence() {
        assertThat(orderPlaced.event()).isEqualTo("OrderPlaced");
        assertThat(orderPlaced.version()).isEqualTo(1);
        assertThat(orderPlaced.topic()).isEqualTo("order.order");
        assertThat(orderPlaced.fields()).contains(
                Map.entry("channel", new FieldSpec("string", true)),
                Map.entry("customerEmail", new FieldSpec("string", true)),
                Map.entry("customerId", new FieldSpec("uuid", false)),
                Map.entry("lines", new FieldSpec("array<object>", true)),
                Map.entry("lines[].lineId", new FieldSpec("uuid", true)),
                Map.entry("lines[].personalisation", new FieldSpec("map<string,string>", true)),
                Map.entry("lines[].quantity", new FieldSpec("int32", true)),
                Map.entry("lines[].sku", new FieldSpec("string", true)),
                Map.entry("lines[].unitPrice", new FieldSpec("object", true)),
                Map.entry("lines[].unitPrice.amount", new FieldSpec("int64", true)),
                Map.entry("lines[].unitPrice.currency", new FieldSpec("currency", true)),
                Map.entry("orderId", new FieldSpec("uuid", true)),
                Map.entry("orderNumber", new FieldSpec("string", true)),
                Map.entry("placedAt", new FieldSpec("instant", true)),
                Map.entry("total", new FieldSpec("object", true)),
                Map.entry("total.amount", new FieldSpec("int64", true)),
                Map.entry("total.currency", new FieldSpec("currency", true)),
                Map.entry("couponCode", new FieldSpec("string", false)),
                Map.entry("lines[].name", new FieldSpec("string", false)),
                Map.entry("gift", new FieldSpec("object", false)),
                Map.entry("gift.wrap", new FieldSpec("boolean", true)),
                Map.entry("gift.message", new FieldSpec("string", false)));
        assertThat(java.util.List.copyOf(orderPlaced.fields().keySet())).isSorted();
    }

    @Test
    void describesDecimalsDatesBooleansEnumsSetsAndMaps() {
        EventSchema schema = EventSchema.describe("Measured", 1, "test.measured", Measured.class);

        assertThat(schema.fields()).containsExactly(
                Map.entry("bestBefore", new FieldSpec("local-date", true)),
                Map.entry("countsBySku", new FieldSpec("map<string,int32>", true)),
                Map.entry("fragile", new FieldSpec("boolean", true)),
                Map.entry("sizes", new FieldSpec("array<enum[SMALL|LARGE]>", true)),
                Map.entry("weightKg", new FieldSpec("decimal", true)));
    }

    @Test
    void refusesFloatingPointNamingTheField() {
        assertThatThrownBy(() -> EventSchema.describe("Floating", 1, "test.floating", Floating.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Floating.v1: field 'weight'")
                .hasMessageContaining("floating point");
    }

    @Test
    void refusesATypeWithoutACanonicalWireType() {
        assertThatThrownBy(() -> EventSchema.describe("Optionally", 1, "test.optional", Optionally.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Optionally.v1: field 'note'");
    }

    @Test
    void refusesARecordThatContainsItself() {
        assertThatThrownBy(() -> EventSchema.describe("Node", 1, "test.node", Node.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains itself");
    }

    @Test
    void readsBackTheSnapshotItWrites() {
        String json = orderPlaced.toJson();

        assertThat(EventSchema.fromJson(json)).isEqualTo(orderPlaced);
        assertThat(json).startsWith("{\n  \"event\": \"OrderPlaced\",\n  \"version\": 1,\n  \"topic\": \"order.order\",");
    }
}

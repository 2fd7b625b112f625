package dev.atelier.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.events.schema.EventSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventSampleRoundTripTest {

    // map entries sorted so that a generated sample does not depend on Map.copyOf's iteration order
    private static final JsonMapper SAMPLE_WRITER = EventJson.mapper().rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final ContractFiles samples = ContractFiles.samples();

    static List<EventType> releasedVersions() {
        return EventCatalog.standard().types();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void sampleReadsIntoTheRecordAndWritesBackTheSameJson(EventType type) {
        JsonNode sample = sampleOf(type);

        EventSchema schema = EventSchema.of(type);

        DomainEvent event = EventJson.read(sample.toString(), type.javaType());
        JsonNode written = EventJson.mapper().readTree(EventJson.write(event));

        assertThat(event).isInstanceOf(type.javaType());
        assertThat(withoutOptionalNulls(written, schema)).isEqualTo(withoutOptionalNulls(sample, schema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void aggregateIdTravelsAsTheKeyNotInTheJson(EventType type) {
        DomainEvent event = EventJson.read(sampleOf(type).toString(), type.javaType());

        JsonNode written = EventJson.mapper().readTree(EventJson.write(event));

        assertThat(event.aggregateId()).isNotBlank();
        assertThat(written.has("aggregateId")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void ignoresAFieldAddedByALaterRelease(EventType type) {
        ObjectNode sample = (ObjectNode) sampleOf(type);
        ObjectNode fromTheFuture = sample.deepCopy();
        fromTheFuture.put("giftMessage", "Happy Christmas, love Hannah");
        fromTheFuture.putObject("loyalty").put("points", 30);

        DomainEvent expected = EventJson.read(sample.toString(), type.javaType());
        DomainEvent read = EventJson.read(fromTheFuture.toString(), type.javaType());

        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void writesExactlyTheFieldsItsSchemaDescribes(EventType type) {
        DomainEvent event = EventSamples.of(type.javaType()).orElseThrow();
        EventSchema schema = EventSchema.of(type);
        Set<String> required = schema.fields().entrySet().stream()
                .filter(field -> field.getValue().required())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> written = new TreeSet<>();
        collectPaths(EventJson.mapper().readTree(EventJson.write(event)), "", schema, written);

        assertThat(written).as("fields on the wire").isSubsetOf(schema.fields().keySet());
        assertThat(written).as("fields on the wire").containsAll(required);
    }

    @Test
    void everySampleBelongsToAVersionInTheCatalog() {
        Set<String> catalogued = releasedVersions().stream().map(EventType::qualifiedName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> orphans = new TreeSet<>(samples.qualifiedNames());
        orphans.removeAll(catalogued);

        assertThat(orphans).as("samples without a catalog entry").isEmpty();
    }

    @Test
    void moneyTravelsAsAmountInMinorUnitsAndCurrencyCode() {
        PaymentSucceeded paid = EventSamples.stripePaymentSucceeded();

        JsonNode amount = EventJson.mapper().readTree(EventJson.write(paid)).get("amount");

        assertThat(amount).isEqualTo(EventJson.mapper().readTree("{\"amount\": 3048, \"currency\": \"GBP\"}"));
        assertThat(EventJson.read(EventJson.write(paid), PaymentSucceeded.class).amount()).isEqualTo(Money.gbp(3048));
    }

    @Test
    void readsAGuestOrderThatCarriesNoCustomerId() {
        ObjectNode guestOrder = (ObjectNode) sampleOf(EventCatalog.standard().typeOf(OrderPlaced.class));
        guestOrder.remove("customerId");

        OrderPlaced placed = EventJson.read(guestOrder.toString(), OrderPlaced.class);

        assertThat(placed.customerId()).isNull();
        assertThat(placed.orderNumber()).isEqualTo(EventSamples.ORDER_NUMBER);
    }

    @Test
    void rejectsAMessageThatLacksARequiredNumber() {
        ObjectNode withoutOnHand = (ObjectNode) sampleOf(EventCatalog.standard().typeOf(StockLevelChanged.class));
        withoutOnHand.remove("onHand");

        assertThatThrownBy(() -> EventJson.read(withoutOnHand.toString(), StockLevelChanged.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("onHand");
    }

    @Test
    void rejectsAMessageWithANullRequiredNumber() {
        ObjectNode nullOnHand = (ObjectNode) sampleOf(EventCatalog.standard().typeOf(StockLevelChanged.class));
        nullOnHand.putNull("onHand");

        assertThatThrownBy(() -> EventJson.read(nullOnHand.toString(), StockLevelChanged.class))
                .isInstanceOf(DatabindException.class);
    }

    @Test
    void rejectsAMessageThatLacksARequiredObjectFieldNamingIt() {
        ObjectNode placed = (ObjectNode) sampleOf(EventCatalog.standard().typeOf(OrderPlaced.class));
        placed.remove("orderId");
        ((ObjectNode) placed.get("lines").get(0)).remove("sku");

        assertThatThrownBy(() -> EventJson.read(placed.toString(), OrderPlaced.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orderId'")
                .hasMessageContaining("'lines[0].sku'");
    }

    // JSON field paths in the notation of EventSchema; the fixtures have no empty lists, so every path shows
    private static void collectPaths(JsonNode object, String prefix, EventSchema schema, Set<String> paths) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String path = prefix + field.getKey();
            paths.add(path);
            EventSchema.FieldSpec spec = schema.fields().get(path);
            JsonNode value = field.getValue();
            if (spec != null && spec.type().startsWith("map<")) {
                value.values().forEach(entry -> {
                    if (entry.isObject()) {
                        collectPaths(entry, path + "{}.", schema, paths);
                    }
                });
            } else if (value.isObject()) {
                collectPaths(value, path + ".", schema, paths);
            } else if (value.isArray()) {
                value.values().forEach(element -> {
                    if (element.isObject()) {
                        collectPaths(element, path + "[].", schema, paths);
                    }
                });
            }
        }
    }

    // an optional field added after the sample was written comes back as null; absent and null mean the same
    private static JsonNode withoutOptionalNulls(JsonNode tree, EventSchema schema) {
        JsonNode copy = tree.deepCopy();
        removeOptionalNulls((ObjectNode) copy, "", schema);
        return copy;
    }

    private static void removeOptionalNulls(ObjectNode object, String prefix, EventSchema schema) {
        for (String name : List.copyOf(object.propertyNames())) {
            String path = prefix + name;
            JsonNode value = object.get(name);
            EventSchema.FieldSpec spec = schema.fields().get(path);
            if (value.isNull() && spec != null && !spec.required()) {
                object.remove(name);
            } else if (value.isObject() && spec != null && spec.type().equals("object")) {
                removeOptionalNulls((ObjectNode) value, path + ".", schema);
            } else if (value.isArray()) {
                value.values().stream().filter(JsonNode::isObject)
                        .forEach(element -> removeOptionalNulls((ObjectNode) element, path + "[].", schema));
            }
        }
    }

    private JsonNode sampleOf(EventType type) {
        var committed = samples.read(type);
        if (committed.isPresent()) {
            return EventJson.mapper().readTree(committed.get());
        }
        if (!ContractFiles.updateRequested()) {
            fail("%s has no JSON sample at %s. Add a fixture to EventSamples and run%n  %s",
                    type.qualifiedName(), samples.pathOf(type), ContractFiles.UPDATE_COMMAND);
        }
        DomainEvent fixture = EventSamples.of(type.javaType()).orElseThrow(() -> new AssertionError(
                type.qualifiedName() + " has no fixture in EventSamples to generate its sample from"));
        JsonNode generated = SAMPLE_WRITER.valueToTree(fixture);
        samples.write(type, ContractFiles.pretty(generated));
        System.out.println("wrote the JSON sample of " + type.qualifiedName() + " to " + samples.pathOf(type)
                + "; review and commit it");
        return generated;
    }
}

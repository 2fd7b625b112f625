package dev.atelier.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.events.Money;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final String TOPIC = "dispatch.parcel";

    record ParcelLine(String sku, int quantity) {
    }

    record Released(UUID parcelId, String trackingCode, int boxes, @Nullable String signedBy,
                    List<ParcelLine> lines, Money postage) {
    }

    record TrackingCodeRenamed(UUID parcelId, String trackingNumber, int boxes, @Nullable String signedBy,
                               List<ParcelLine> lines, Money postage) {
    }

    record BoxesRemoved(UUID parcelId, String trackingCode, @Nullable String signedBy,
                        List<ParcelLine> lines, Money postage) {
    }

    record BoxesWidened(UUID parcelId, String trackingCode, long boxes, @Nullable String signedBy,
                        List<ParcelLine> lines, Money postage) {
    }

    record TrackingCodeAsUuid(UUID parcelId, UUID trackingCode, int boxes, @Nullable String signedBy,
                              List<ParcelLine> lines, Money postage) {
    }

    record CheapPostage(int amount, Currency currency) {
    }

    record PostageAmountNarrowed(UUID parcelId, String trackingCode, int boxes, @Nullable String signedBy,
                                 List<ParcelLine> lines, CheapPostage postage) {
    }

    record LineWithCode(String code, int quantity) {
    }

    record LineSkuRenamed(UUID parcelId, String trackingCode, int boxes, @Nullable String signedBy,
                          List<LineWithCode> lines, Money postage) {
    }

    record CourierNoteAdded(UUID parcelId, String trackingCode, int boxes, @Nullable String signedBy,
                            List<ParcelLine> lines, Money postage, @Nullable String courierNote) {
    }

    record InsuranceAdded(UUID parcelId, String trackingCode, int boxes, @Nullable String signedBy,
                          List<ParcelLine> lines, Money postage, @Nullable Money insuredValue) {
    }

    record CourierAdded(UUID parcelId, String trackingCode, int boxes, @Nullable String signedBy,
                        List<ParcelLine> lines, Money postage, String courier) {
    }

    record SignatureDemanded(UUID parcelId, String trackingCode, int boxes, String signedBy,
                             List<ParcelLine> lines, Money postage) {
    }

    record TrackingCodeOptional(UUID parcelId, @Nullable String trackingCode, int boxes, @Nullable String signedBy,
                                List<ParcelLine> lines, Money postage) {
    }

    private final EventSchema released = schemaOf(Released.class);

    @Test
    void failsOnARenamedFieldNamingTheEventAndTheField() {
        List<String> breaking = SchemaCompatibility.breakingChanges(released, schemaOf(TrackingCodeRenamed.class));

        assertThat(breaking).containsExactly(
                "ParcelShipped.v1: field 'trackingCode' was removed or renamed",
                "ParcelShipped.v1: new field 'trackingNumber' is required; "
                        + "only optional (@Nullable) fields may be added to a released version");
    }

    @Test
    void failsOnARemovedField() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(BoxesRemoved.class)))
                .containsExactly("ParcelShipped.v1: field 'boxes' was removed or renamed");
    }

    @Test
    void failsWhenAnIntBecomesALong() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(BoxesWidened.class)))
                .containsExactly("ParcelShipped.v1: field 'boxes' changed type from int32 to int64");
    }

    @Test
    void failsWhenAStringBecomesAUuid() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(TrackingCodeAsUuid.class)))
                .containsExactly("ParcelShipped.v1: field 'trackingCode' changed type from string to uuid");
    }

    @Test
    void failsWhenAFieldOfANestedObjectIsRetyped() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(PostageAmountNarrowed.class)))
                .containsExactly("ParcelShipped.v1: field 'postage.amount' changed type from int64 to int32");
    }

    @Test
    void failsWhenAFieldOfAListElementIsRenamed() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(LineSkuRenamed.class))).containsExactly(
                "ParcelShipped.v1: field 'lines[].sku' was removed or renamed",
                "ParcelShipped.v1: new field 'lines[].code' is required; "
                        + "only optional (@Nullable) fields may be added to a released version");
    }

    @Test
    void acceptsAnAddedOptionalFieldAndReportsItAsAnAddition() {
        EventSchema current = schemaOf(CourierNoteAdded.class);

        assertThat(SchemaCompatibility.breakingChanges(released, current)).isEmpty();
        assertThat(SchemaCompatibility.additions(released, current))
                .containsExactly("ParcelShipped.v1: new optional field 'courierNote'");
    }

    @Test
    void acceptsAnAddedOptionalObjectWhoseInnerFieldsAreRequired() {
        EventSchema current = schemaOf(InsuranceAdded.class);

        assertThat(SchemaCompatibility.breakingChanges(released, current)).isEmpty();
        assertThat(SchemaCompatibility.additions(released, current))
                .containsExactly("ParcelShipped.v1: new optional field 'insuredValue'");
    }

    @Test
    void failsOnAnAddedRequiredField() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(CourierAdded.class)))
                .containsExactly("ParcelShipped.v1: new field 'courier' is required; "
                        + "only optional (@Nullable) fields may be added to a released version");
    }

    @Test
    void failsWhenAnOptionalFieldBecomesRequired() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(SignatureDemanded.class)))
                .containsExactly("ParcelShipped.v1: field 'signedBy' became required; messages already on the topic lack it");
    }

    @Test
    void failsWhenARequiredFieldBecomesOptional() {
        assertThat(SchemaCompatibility.breakingChanges(released, schemaOf(TrackingCodeOptional.class)))
                .containsExactly("ParcelShipped.v1: field 'trackingCode' became optional; "
                        + "consumers of ParcelShipped.v1 rely on it being present");
    }

    @Test
    void failsWhenTheTopicChanges() {
        EventSchema moved = EventSchema.describe("ParcelShipped", 1, "dispatch.shipment", Released.class);

        assertThat(SchemaCompatibility.breakingChanges(released, moved))
                .containsExactly("ParcelShipped.v1: topic changed from dispatch.parcel to dispatch.shipment");
    }

    @Test
    void reportsNothingForAnUnchangedShape() {
        EventSchema again = schemaOf(Released.class);

        assertThat(SchemaCompatibility.breakingChanges(released, again)).isEmpty();
        assertThat(SchemaCompatibility.additions(released, again)).isEmpty();
    }

    @Test
    void refusesToCompareTwoDifferentVersions() {
        EventSchema v2 = EventSchema.describe("ParcelShipped", 2, TOPIC, CourierAdded.class);

        assertThatThrownBy(() -> SchemaCompatibility.breakingChanges(released, v2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ParcelShipped.v1")
                .hasMessageContaining("ParcelShipped.v2");
    }

    @Test
    void comparesASnapshotReadBackFromJson() {
        EventSchema fromSnapshot = EventSchema.fromJson(released.toJson());

        assertThat(SchemaCompatibility.breakingChanges(fromSnapshot, schemaOf(LineSkuRenamed.class)))
                .contains("ParcelShipped.v1: field 'lines[].sku' was removed or renamed");
    }

    private static EventSchema schemaOf(Class<?> shape) {
        return EventSchema.describe("ParcelShipped", 1, TOPIC, shape);
    }
}

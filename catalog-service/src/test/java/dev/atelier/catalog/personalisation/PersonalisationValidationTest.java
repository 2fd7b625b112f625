package dev.atelier.catalog.personalisation;

import static dev.atelier.catalog.CatalogFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * POST /internal/personalisation/validate over real HTTP: one accepted and one refused value per option type and
 * per constraint, on a mug that has every kind of option.
 */
@CatalogTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalisationValidationTest {

    static final UUID SQUARE_PHOTO = UUID.randomUUID();
    static final UUID HUGE_FILE = UUID.randomUUID();
    static final UUID WIDE_PHOTO = UUID.randomUUID();
    static final UUID SMALL_PHOTO = UUID.randomUUID();
    static final UUID GIF = UUID.randomUUID();

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;
    String sku;
    String draftSku;

    @BeforeAll
    void aMugWithEveryKindOfOption() {
        http = new Http(port);
        CatalogFixture catalog = new CatalogFixture(http);
        String mugs = catalog.category(catalog.unique("mugs"), "Mugs", null);
        sku = catalog.sku("MUG");
        catalog.published(draft("Photo mug", mugs, 1499).variant(sku, Map.of())
                .option("name", "TEXT", true, 0, Map.of("maxLength", 12, "pattern", "[\\p{L} .'-]+"))
                .option("message", "TEXTAREA", false, 200, Map.of("maxLength", 40))
                .option("font", "FONT", true, 0, Map.of("fonts", List.of("Serif", "Script")))
                .option("colour", "COLOUR", false, 0, Map.of("colours", List.of("Red", "Gold")))
                .option("ink", "COLOUR", false, 0, Map.of())
                .option("size", "DROPDOWN", false, 300, Map.of("choices", List.of("11oz", "15oz")))
                .option("giftBox", "TOGGLE", false, 250, Map.of())
                .option("confirm", "TOGGLE", true, 0, Map.of())
                .option("photo", "IMAGE", false, 500, Map.of("maxFileSize", 2_000_000, "aspectRatio", "1:1",
                        "minWidth", 800, "minHeight", 800)));
        draftSku = catalog.sku("DRAFT");
        catalog.create(draft("Unpublished mug", mugs, 999).variant(draftSku, Map.of()));
        upload(SQUARE_PHOTO, "image/jpeg", 1_200_000, 1200, 1200);
        upload(HUGE_FILE, "image/jpeg", 5_000_000, 3000, 3000);
        upload(WIDE_PHOTO, "image/png", 900_000, 1600, 900);
        upload(SMALL_PHOTO, "image/webp", 90_000, 400, 400);
        upload(GIF, "image/gif", 90_000, 1000, 1000);
    }

    // the upload endpoint has its own tests; here only the facts it records matter
    private void upload(UUID id, String type, long size, int width, int height) {
        jdbc.sql("INSERT INTO media (id, purpose, content_type, size_bytes, width, height, sha256, created_at) "
                        + "VALUES (?, 'PERSONALISATION', ?, ?, ?, ?, 'test', ?)")
                .params(id, type, size, width, height, Timestamp.from(Instant.now())).update();
    }

    private JsonNode validate(String sku, Map<String, String> values) {
        Http.Answer answer = http.post("/internal/personalisation/validate",
                CatalogFixture.json(Map.of("sku", sku, "values", values)));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    static Map<String, String> withBase(String key, @Nullable String value) {
        Map<String, String> values = new HashMap<>(Map.of("name", "Hannah", "font", "Serif", "confirm", "yes"));
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return values;
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("TEXT spaces normalised", "name", "  Hannah   Price ", "Hannah Price", 0),
                Arguments.of("TEXT within maxLength and pattern", "name", "Zoë O'Neill", "Zoë O'Neill", 0),
                Arguments.of("TEXTAREA line ends normalised", "message", "Happy Christmas\r\nLove, Gran  ",
                        "Happy Christmas\nLove, Gran", 200),
                Arguments.of("FONT canonical spelling", "font", "script", "Script", 0),
                Arguments.of("COLOUR from the list", "colour", "gold", "Gold", 0),
                Arguments.of("COLOUR as hex", "ink", "#abc", "#AABBCC", 0),
                Arguments.of("DROPDOWN choice", "size", "15OZ", "15oz", 300),
                Arguments.of("TOGGLE on is charged", "giftBox", "yes", "true", 250),
                Arguments.of("TOGGLE off is free", "giftBox", "no", "false", 0),
                Arguments.of("TOGGLE required and ticked", "confirm", "true", "true", 0),
                Arguments.of("IMAGE square, large enough, small file", "photo", SQUARE_PHOTO.toString(),
                        SQUARE_PHOTO.toString(), 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String rule, String key, String value, String normalised, long delta) {
        JsonNode answer = validate(sku, withBase(key, value));

        assertThat(answer.get("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.get("errors")).isEmpty();
        assertThat(answer.get("values").get(key).asString()).isEqualTo(normalised);
        assertThat(answer.get("priceDelta").get("amount").asLong()).isEqualTo(delta);
        assertThat(answer.get("priceDelta").get("currency").asString()).isEqualTo("GBP");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("TEXT required", "name", null, "is required"),
                Arguments.of("TEXT maxLength", "name", "Bartholomew Jones", "at most 12 characters"),
                Arguments.of("TEXT pattern", "name", "H@nnah", "pattern"),
                Arguments.of("TEXT control characters", "name", "Han\u0007nah", "control characters"),
                Arguments.of("TEXTAREA maxLength", "message", "x".repeat(41), "at most 40 characters"),
                Arguments.of("FONT required", "font", "  ", "is required"),
                Arguments.of("FONT allowed fonts", "font", "Comic Sans", "not an allowed font"),
                Arguments.of("COLOUR allowed colours", "colour", "Pink", "not an allowed colour"),
                Arguments.of("COLOUR hex", "ink", "blue", "not a colour"),
                Arguments.of("DROPDOWN choices", "size", "20oz", "not an allowed choice"),
                Arguments.of("TOGGLE value", "giftBox", "maybe", "not true or false"),
                Arguments.of("TOGGLE required", "confirm", "no", "must be ticked"),
                Arguments.of("IMAGE reference", "photo", "my-photo.jpg", "not the reference of an uploaded image"),
                Arguments.of("IMAGE uploaded", "photo", UUID.randomUUID().toString(), "no uploaded image"),
                Arguments.of("IMAGE type", "photo", GIF.toString(), "not a JPEG, PNG or WebP"),
                Arguments.of("IMAGE maxFileSize", "photo", HUGE_FILE.toString(), "more than the 2000000 allowed"),
                Arguments.of("IMAGE aspectRatio", "photo", WIDE_PHOTO.toString(), "not 1:1"),
                Arguments.of("IMAGE minimum pixels", "photo", SMALL_PHOTO.toString(), "less than 800x800"),
                Arguments.of("unknown option", "engraving", "Hannah", "not a personalisation option"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String rule, String key, @Nullable String value, String message) {
        JsonNode answer = validate(sku, withBase(key, value));

        assertThat(answer.get("valid").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.get("errors")).hasSize(1);
        assertThat(answer.get("errors").get(0).get("key").asString()).isEqualTo(key);
        assertThat(answer.get("errors").get(0).get("message").asString()).contains(message);
        assertThat(answer.get("values").has(key)).isFalse();
    }

    @Test
    void everyProblemIsToldAtOnceAndTheDeltaAddsUp() {
        JsonNode refused = validate(sku, Map.of("name", "H@nnah", "size", "20oz"));
        JsonNode accepted = validate(sku, Map.of("name", "Hannah", "font", "Serif", "confirm", "yes",
                "message", "For you", "size", "11oz", "giftBox", "yes", "photo", SQUARE_PHOTO.toString()));

        assertThat(refused.get("errors").valueStream().map(e -> e.get("key").asString()))
                .containsExactlyInAnyOrder("name", "size", "font", "confirm");
        assertThat(accepted.get("valid").asBoolean()).isTrue();
        assertThat(accepted.get("priceDelta").get("amount").asLong()).isEqualTo(200 + 300 + 250 + 500);
    }

    @Test
    void aSkuThatIsNotOnSaleIsNotFound() {
        Http.Answer unknown = http.post("/internal/personalisation/validate",
                "{\"sku\":\"NO-SUCH-SKU\",\"values\":{}}");
        Http.Answer unpublished = http.post("/internal/personalisation/validate",
                "{\"sku\":\"" + draftSku + "\",\"values\":{}}");
        Http.Answer noSku = http.post("/internal/personalisation/validate", "{\"values\":{}}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.text("type")).isEqualTo("https://atelier.dev/problems/unknown-sku");
        assertThat(unpublished.status()).isEqualTo(404);
        assertThat(noSku.status()).isEqualTo(400);
    }
}

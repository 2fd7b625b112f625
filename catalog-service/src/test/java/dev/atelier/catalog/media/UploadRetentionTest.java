package dev.atelier.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.catalog.S3StandIn;
import dev.atelier.events.Money;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.testing.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Shoppers' uploads nobody ordered are deleted once old, row and objects; those a paid order names (OrderConfirmed on
 * the topic) are kept. Time passes by dating the test's own uploads back (the job compares {@code created_at} with
 * the clock), and the job is called directly, as its schedule would.
 */
@CatalogTest
class UploadRetentionTest {

    private static final Random RANDOM = new Random();

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UploadRetention retention;

    @Autowired
    MediaProperties properties;

    @Autowired
    MeterRegistry meters;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @AfterEach
    void storeWorksAgain() {
        S3StandIn.failing(false);
    }

    @Test
    void anOldUploadNoOrderNamesIsDeletedAndAnOrderedOrYoungOneIsKept() throws IOException {
        UUID preview = shopperUpload();
        UUID orderedPhoto = shopperUpload();
        UUID young = shopperUpload();
        UUID productPhoto = productUpload();
        assertThat(http.raw("/api/catalog/media/" + preview + "/400").status()).isEqualTo(200);
        assertThat(keysOf(preview)).as("the original and the variant just made").hasSize(2);

        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), "AT-RET-1", "WEB", "shopper@example.co.uk",
                List.of(new OrderLine(UUID.randomUUID(), "MUG-PHOTO-RET", 1, Money.gbp(1500),
                        Map.of("photo", orderedPhoto.toString(), "name", "Sophie"))),
                Money.gbp(1500), Instant.now());
        try (EventPublisher orders = EventPublisher.toSharedBroker()) {
            orders.publish(confirmed);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> orderedAt(orderedPhoto) != null);
        olderThanKept(preview, orderedPhoto, productPhoto);
        double deletedBefore = meters.counter("catalog.media.retention.uploads", "step", "deleted").count();

        UploadRetention.Run run = retention.run();

        assertThat(run.storeFailed()).isFalse();
        assertThat(run.deleted()).as("only the old unordered upload of this test is old enough").isEqualTo(1);
        assertThat(meters.counter("catalog.media.retention.uploads", "step", "deleted").count())
                .isEqualTo(deletedBefore + 1);
        assertThat(rowExists(preview)).isFalse();
        assertThat(keysOf(preview)).as("its original and variant are gone from the bucket").isEmpty();
        assertThat(http.raw("/api/catalog/media/" + preview).status()).isEqualTo(404);
        assertThat(http.raw("/api/catalog/media/" + orderedPhoto).status()).as("an order holds it").isEqualTo(200);
        assertThat(http.raw("/api/catalog/media/" + young).status()).as("still young").isEqualTo(200);
        assertThat(http.raw("/api/catalog/media/" + productPhoto).status()).as("staff's photos are not shoppers'")
                .isEqualTo(200);
        assertThat(retention.run().deleted()).as("a second run finds nothing more").isZero();
    }

    @Test
    void whenTheStoreFailsTheUploadIsNoLongerServedAndTheNextRunFinishesTheJob() throws IOException {
        UUID preview = shopperUpload();
        assertThat(http.raw("/api/catalog/media/" + preview + "/800").status()).isEqualTo(200);
        olderThanKept(preview);

        S3StandIn.failing(true);
        UploadRetention.Run failed = retention.run();
        S3StandIn.failing(false);

        assertThat(failed.storeFailed()).isTrue();
        assertThat(failed.deleted()).isZero();
        assertThat(rowExists(preview)).as("the row stays until its objects are gone").isTrue();
        assertThat(keysOf(preview)).as("the objects are still in the bucket").isNotEmpty();
        assertThat(http.raw("/api/catalog/media/" + preview).status()).as("given up: no longer served")
                .isEqualTo(404);

        UploadRetention.Run next = retention.run();

        assertThat(next.storeFailed()).isFalse();
        assertThat(next.deleted()).isEqualTo(1);
        assertThat(rowExists(preview)).isFalse();
        assertThat(keysOf(preview)).isEmpty();
    }

    @Test
    void anOrderArrivingForAnUploadAlreadyGivenUpDoesNotBringItBack() throws IOException {
        UUID photo = shopperUpload();
        olderThanKept(photo);
        S3StandIn.failing(true);
        retention.run();
        S3StandIn.failing(false);

        UUID eventId;
        try (EventPublisher orders = EventPublisher.toSharedBroker()) {
            eventId = orders.publish(new OrderConfirmed(UUID.randomUUID(), "AT-RET-2", "WEB", "late@example.co.uk",
                    List.of(new OrderLine(UUID.randomUUID(), "MUG-PHOTO-RET", 1, Money.gbp(1500),
                            Map.of("photo", photo.toString()))), Money.gbp(1500), Instant.now()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM inbox WHERE event_id = :id").param("id", eventId).query(Long.class).single() > 0);

        assertThat(orderedAt(photo)).as("its objects may be gone: it is not marked as ordered").isNull();
        assertThat(http.raw("/api/catalog/media/" + photo).status()).isEqualTo(404);
        assertThat(retention.run().deleted()).isEqualTo(1);
        assertThat(rowExists(photo)).isFalse();
        assertThat(keysOf(photo)).isEmpty();
    }

    private UUID shopperUpload() throws IOException {
        String shopper = "2001:db8::" + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":"
                + Integer.toHexString(RANDOM.nextInt(0xffff));
        Http.Answer answer = http.upload("/api/catalog/personalisation/uploads", "preview.jpg", "image/jpeg",
                MediaTest.picture("jpeg", 300, 300), "X-Forwarded-For", shopper);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return UUID.fromString(answer.text("id"));
    }

    private UUID productUpload() throws IOException {
        Http.Answer answer = http.upload("/api/admin/catalog/media", "shop.png", "image/png",
                MediaTest.picture("png", 300, 300));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return UUID.fromString(answer.text("id"));
    }

    /** As if {@code keep-unordered} and a day had passed since these uploads. */
    private void olderThanKept(UUID... ids) {
        jdbc.sql("UPDATE media SET created_at = created_at - :age::interval WHERE id IN (:ids)")
                .param("age", properties.retention().keepUnordered().plusDays(1).toSeconds() + " seconds")
                .param("ids", List.of(ids)).update();
    }

    private Instant orderedAt(UUID id) {
        return jdbc.sql("SELECT ordered_at FROM media WHERE id = :id").param("id", id)
                .query((rs, row) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single()
                .map(java.sql.Timestamp::toInstant).orElse(null);
    }

    private boolean rowExists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM media WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    private static List<String> keysOf(UUID id) {
        return S3StandIn.blobs().list(S3StandIn.BUCKET, ListContainerOptions.Builder.prefix(S3StandIn.PREFIX + id)
                .recursive()).stream().map(StorageMetadata::getName).toList();
    }
}

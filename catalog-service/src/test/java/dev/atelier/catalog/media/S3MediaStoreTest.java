package dev.atelier.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.catalog.S3StandIn;
import dev.atelier.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The S3-compatible store over real HTTP, against an S3 server in this JVM ({@link S3StandIn}): what an upload
 * writes to the bucket, what a browser gets back, deleting, and what a failing or unreachable store answers.
 */
@CatalogTest
class S3MediaStoreTest {

    private static final String CHROME = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MediaStore store;

    @Autowired
    MediaUploads uploads;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @AfterEach
    void storeWorksAgain() {
        S3StandIn.failing(false);
    }

    private static Blob object(String key) {
        return S3StandIn.blobs().getBlob(S3StandIn.BUCKET, S3StandIn.PREFIX + key);
    }

    private static byte[] bytes(Blob blob) throws IOException {
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    private static List<String> keysOf(String id) {
        return S3StandIn.blobs().list(S3StandIn.BUCKET, ListContainerOptions.Builder.prefix(S3StandIn.PREFIX + id)
                .recursive()).stream().map(StorageMetadata::getName).toList();
    }

    /** Uploads a product photo; its id. */
    private String uploaded(String name, String format, int width, int height) throws IOException {
        Http.Answer answer = http.upload("/api/admin/catalog/media", name, "image/" + format,
                MediaTest.picture(format, width, height));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.text("id");
    }

    private long mediaRows() {
        return jdbc.sql("SELECT count(*) FROM media").query(Long.class).single();
    }

    @Test
    void theConfiguredStoreIsTheBucket() {
        assertThat(store).isInstanceOf(S3MediaStore.class);
    }

    @Test
    void anUploadLandsInTheBucketAndIsServedWithItsTypeAndCaching() throws IOException {
        Http.Answer uploaded = http.upload("/api/admin/catalog/media", "shop.png", "image/png",
                MediaTest.picture("png", 1000, 600));
        String id = uploaded.text("id");

        Blob original = object(id + "/original");
        Http.Raw served = http.raw("/api/catalog/media/" + id);
        String etag = served.headers().firstValue("ETag").orElseThrow();
        Http.Raw again = http.raw("/api/catalog/media/" + id, "If-None-Match", etag);

        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
        assertThat(original).as("the original is an object of the bucket, under the key prefix").isNotNull();
        assertThat(original.getMetadata().getContentMetadata().getContentType()).isEqualTo("image/png");
        assertThat(original.getMetadata().getContentMetadata().getCacheControl()).contains("immutable");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(bytes(original));
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=31536000").contains("public").contains("immutable");
        assertThat(etag).isEqualTo("\"" + jdbc.sql("SELECT sha256 FROM media WHERE id = :id")
                .param("id", UUID.fromString(id)).query(String.class).single() + "\"");
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void aVariantIsMadeOnceAndKeptInTheBucket() throws IOException {
        String id = uploaded("photo.jpg", "jpeg", 1200, 800);

        Http.Raw webp = http.raw("/api/catalog/media/" + id + "/400", "Accept", CHROME);
        Http.Raw jpeg = http.raw("/api/catalog/media/" + id + "/400", "Accept", "image/*");

        assertThat(webp.headers().firstValue("Content-Type")).contains("image/webp");
        assertThat(jpeg.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(webp.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Accept"));
        assertThat(webp.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(bytes(object(id + "/400.webp"))).isEqualTo(webp.body());
        assertThat(object(id + "/400.webp").getMetadata().getContentMetadata().getContentType())
                .isEqualTo("image/webp");
        assertThat(bytes(object(id + "/400.jpg"))).isEqualTo(jpeg.body());
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.body())).getWidth()).isEqualTo(400);
        assertThat(keysOf(id)).containsExactlyInAnyOrder(S3StandIn.PREFIX + id + "/original",
                S3StandIn.PREFIX + id + "/400.webp", S3StandIn.PREFIX + id + "/400.jpg");
    }

    @Test
    void deletingAPhotoRemovesItsRowAndEveryObject() throws IOException {
        String id = uploaded("photo.png", "png", 900, 900);
        http.raw("/api/catalog/media/" + id + "/400", "Accept", CHROME);
        http.raw("/api/catalog/media/" + id + "/800");
        assertThat(keysOf(id)).hasSize(3);

        Http.Answer deleted = http.delete("/api/admin/catalog/media/" + id);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(204);
        assertThat(keysOf(id)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM media WHERE id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single()).isZero();
        assertThat(http.raw("/api/catalog/media/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/api/admin/catalog/media/" + id).status()).isEqualTo(404);
    }

    @Test
    void aPhotoAProductShowsOrAShoppersPhotoIsNotDeleted() throws IOException {
        CatalogFixture catalog = new CatalogFixture(http);
        String category = catalog.category(catalog.unique("frames"), "Frames", null);
        String id = uploaded("frame.png", "png", 600, 600);
        String slug = catalog.unique("oak-frame");
        Http.Answer product = catalog.create(CatalogFixture.draft("Oak frame", category, 2500)
                .with("slug", slug)
                .with("images", List.of(Map.of("mediaRef", id, "altText", "An oak frame", "primary", true)))
                .variant(catalog.sku("FRAME"), Map.of("colour", "oak")));
        // straight to the service: the shoppers' endpoint is rate-limited, and MediaTest uses up its allowance
        String photo = uploads.upload(MediaTest.picture("png", 300, 300), MediaPurpose.PERSONALISATION).id()
                .toString();

        Http.Answer inUse = http.delete("/api/admin/catalog/media/" + id);
        Http.Answer shoppers = http.delete("/api/admin/catalog/media/" + photo);

        assertThat(product.status()).as(product.body().toString()).isEqualTo(201);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.contentType()).startsWith("application/problem+json");
        assertThat(inUse.text("type")).isEqualTo("https://atelier.dev/problems/media-in-use");
        assertThat(inUse.body().get("usedBy").get(0).asString()).isEqualTo("product " + slug);
        assertThat(shoppers.status()).isEqualTo(409);
        assertThat(shoppers.text("type")).isEqualTo("https://atelier.dev/problems/media-not-deletable");
        assertThat(object(id + "/original")).isNotNull();
        assertThat(object(photo + "/original")).isNotNull();
    }

    @Test
    void aFailingStoreIsA503AndLeavesNothingHalfWritten() throws IOException {
        String kept = uploaded("kept.png", "png", 500, 500);
        long rows = mediaRows();
        S3StandIn.failing(true);

        Http.Answer upload = http.upload("/api/admin/catalog/media", "new.png", "image/png",
                MediaTest.picture("png", 500, 500));
        Http.Raw read = http.raw("/api/catalog/media/" + kept);
        Http.Raw variant = http.raw("/api/catalog/media/" + kept + "/400");
        Http.Answer delete = http.delete("/api/admin/catalog/media/" + kept);

        assertThat(upload.status()).as(upload.body().toString()).isEqualTo(503);
        assertThat(upload.contentType()).startsWith("application/problem+json");
        assertThat(upload.text("type")).isEqualTo("https://atelier.dev/problems/media-store-unavailable");
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(read.headers().firstValue("Retry-After")).isPresent();
        assertThat(variant.status()).isEqualTo(503);
        assertThat(delete.status()).as(delete.body().toString()).isEqualTo(503);
        assertThat(mediaRows()).as("no row for the refused upload, the photo whose delete failed kept")
                .isEqualTo(rows);

        S3StandIn.failing(false);
        assertThat(http.raw("/api/catalog/media/" + kept).status()).isEqualTo(200);
        assertThat(http.delete("/api/admin/catalog/media/" + kept).status()).isEqualTo(204);
        assertThat(keysOf(kept)).isEmpty();
    }

    @Test
    void anUnreachableStoreIsA503WithinItsTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MediaProperties.S3 settings = new MediaProperties.S3(URI.create("http://127.0.0.1:" + closed), "eu-west-2",
                "nowhere", true, "key", "secret", "", Duration.ofSeconds(3));

        try (S3MediaStore unreachable = new S3MediaStore(settings)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> unreachable.put("a/original", new byte[] {1}, "image/png"))
                    .isInstanceOfSatisfying(ProblemException.class,
                            problem -> assertThat(problem.status().value()).isEqualTo(503));
            assertThatThrownBy(() -> unreachable.get("a/original")).isInstanceOf(ProblemException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }
}

package dev.atelier.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.web.ProblemException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Uploads and served images over real HTTP: judged by their bytes, bombs refused undecoded, metadata gone. */
@CatalogTest
class MediaTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    ImageInspector inspector;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    static byte[] picture(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xc0392b));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A valid PNG whose header declares width x height pixels, with a few bytes of (all-zero) image data. */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] compressed = new byte[4096];
        int length = deflater.deflate(compressed);
        chunk(png, "IDAT", java.util.Arrays.copyOf(compressed, length));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The JPEG with an EXIF segment (camera and GPS position) inserted after its start marker. */
    static byte[] withExif(byte[] jpeg, String secret) {
        byte[] tiff = ("MM\0*\0\0\0\bGPSLatitude " + secret).getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, payload, 0, 6);
        System.arraycopy(tiff, 0, payload, 6, tiff.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        out.write(0xff);
        out.write(0xe1);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) (payload.length + 2)).array());
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void aPngNamedJpgIsJudgedByItsBytes() throws IOException {
        Http.Answer uploaded = http.upload("/api/admin/catalog/media", "holiday.jpg", "image/jpeg",
                picture("png", 640, 480));
        Http.Answer text = http.upload("/api/admin/catalog/media", "notes.jpg", "image/jpeg",
                "just some text, not a picture".getBytes(StandardCharsets.UTF_8));

        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
        assertThat(uploaded.text("contentType")).isEqualTo("image/png");
        assertThat(uploaded.body().get("width").asInt()).isEqualTo(640);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");
        assertThat(text.text("type")).isEqualTo("https://atelier.dev/problems/unsupported-image");
    }

    @Test
    void aTwentyThousandPixelSquareIsRefusedWithoutBeingDecoded() {
        byte[] bomb = pngDeclaring(20_000, 20_000);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        inspector.inspect(pngDeclaring(100, 100));
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> inspector.inspect(bomb)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("20000x20000");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // the admin endpoint: the shoppers' one is rate-limited, and another test here uses up its allowance
        Http.Answer refused = http.upload("/api/admin/catalog/media", "bomb.png", "image/png", bomb);

        // decoding would need 20,000 x 20,000 x 3 bytes = 1.2 GB; reading the header takes a few kilobytes
        assertThat(bomb.length).isLessThan(1_000);
        assertThat(allocated).isLessThan(4L * 1024 * 1024);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("https://atelier.dev/problems/image-too-large");
    }

    @Test
    void exifAndGpsAreGoneAfterUpload() throws IOException {
        byte[] photo = withExif(picture("jpeg", 1200, 900), "51.5072N-0.1276W");
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("Exif").contains("51.5072N");

        Http.Answer uploaded = http.upload("/api/admin/catalog/media", "photo.jpg", "image/jpeg", photo);
        Http.Raw stored = http.raw("/api/catalog/media/" + uploaded.text("id"));

        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
        assertThat(stored.status()).isEqualTo(200);
        String bytes = new String(stored.body(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("Exif").doesNotContain("51.5072N").doesNotContain("GPS");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored.body()));
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(900);
    }

    @Test
    void aResizedVariantCarriesAnEtagAndASecondRequestIsNotModified() throws IOException {
        String id = http.upload("/api/admin/catalog/media", "wide.png", "image/png", picture("png", 1600, 900))
                .text("id");

        Http.Raw first = http.raw("/api/catalog/media/" + id + "/400");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        Http.Raw second = http.raw("/api/catalog/media/" + id + "/400", "If-None-Match", etag);
        Http.Raw large = http.raw("/api/catalog/media/" + id + "/800");

        assertThat(first.status()).isEqualTo(200);
        BufferedImage square = ImageIO.read(new ByteArrayInputStream(first.body()));
        assertThat(square.getWidth()).isEqualTo(400);
        assertThat(square.getHeight()).isEqualTo(400);
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(second.status()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
        assertThat(ImageIO.read(new ByteArrayInputStream(large.body())).getWidth()).isEqualTo(800);
        assertThat(large.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(http.raw("/api/catalog/media/" + id + "?size=400").headers().firstValue("ETag")).contains(etag);
        assertThat(http.raw("/api/catalog/media/" + id + "/500").status()).isEqualTo(404);
        assertThat(http.raw("/api/catalog/media/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aBrowserThatAcceptsWebpGetsWebpAndTheAnswerVariesByAccept() throws IOException {
        String jpeg = http.upload("/api/admin/catalog/media", "photo.jpg", "image/jpeg", picture("jpeg", 1200, 800))
                .text("id");
        String chrome = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

        Http.Raw webp = http.raw("/api/catalog/media/" + jpeg + "/400", "Accept", chrome);
        Http.Raw plain = http.raw("/api/catalog/media/" + jpeg + "/400", "Accept", "image/*");
        Http.Raw refused = http.raw("/api/catalog/media/" + jpeg + "/400", "Accept", "image/webp;q=0, image/*");

        assertThat(webp.status()).isEqualTo(200);
        assertThat(webp.headers().firstValue("Content-Type")).contains("image/webp");
        assertThat(ImageFormat.sniff(webp.body())).contains(ImageFormat.WEBP);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(webp.body()));
        assertThat(decoded.getWidth()).isEqualTo(400);
        assertThat(decoded.getHeight()).isEqualTo(400);
        assertThat(new Color(decoded.getRGB(5, 5)).getRed()).as("the red background survives lossy coding")
                .isBetween(0xb0, 0xd0);
        assertThat(webp.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Accept"));
        assertThat(plain.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(plain.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Accept"));
        assertThat(refused.headers().firstValue("Content-Type")).contains("image/jpeg");
        String webpEtag = webp.headers().firstValue("ETag").orElseThrow();
        assertThat(webpEtag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(http.raw("/api/catalog/media/" + jpeg + "/400", "Accept", chrome, "If-None-Match", webpEtag)
                .status()).isEqualTo(304);
        assertThat(http.raw("/api/catalog/media/" + jpeg + "/400", "Accept", chrome).body())
                .as("kept after the first request").isEqualTo(webp.body());

        BufferedImage translucent = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = translucent.createGraphics();
        g.setColor(new Color(0x2e, 0x86, 0xc1, 0x80));
        g.fillRect(0, 0, 300, 300);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(translucent, "png", png);
        String withAlpha = http.upload("/api/admin/catalog/media", "glass.png", "image/png", png.toByteArray())
                .text("id");
        Http.Raw alphaWebp = http.raw("/api/catalog/media/" + withAlpha + "/400", "Accept", chrome);
        assertThat(alphaWebp.headers().firstValue("Content-Type")).contains("image/webp");
        assertThat(ImageIO.read(new ByteArrayInputStream(alphaWebp.body())).getWidth()).isEqualTo(400);
    }

    @Test
    void shoppersUploadsAreLimitedPerClient() throws IOException {
        byte[] photo = picture("png", 200, 200);
        int accepted = 0;
        Http.Answer refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Http.Answer answer = http.upload("/api/catalog/personalisation/uploads", "p.png", "image/png", photo);
            if (answer.status() == 201) {
                accepted++;
            } else {
                refused = answer;
            }
        }

        assertThat(accepted).isBetween(1, 5);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("type")).isEqualTo("https://atelier.dev/problems/too-many-uploads");
    }

    @Test
    void behindTheGatewayEachShopperHasTheirOwnUploadLimit() throws IOException {
        byte[] photo = picture("png", 120, 120);
        String first = aShopper();
        String second = aShopper();

        List<Integer> firstShopper = uploads(http, photo, 6, "X-Forwarded-For", first);
        int secondShopper = uploads(http, photo, 1, "X-Forwarded-For", second).getFirst();
        // what the shopper sent in the header is not trusted: the gateway appends the address it saw, which counts
        int spoofing = uploads(http, photo, 1, "X-Forwarded-For", aShopper() + ", " + first).getFirst();

        assertThat(firstShopper).as("the limit is 5 per minute in these tests").containsExactly(201, 201, 201, 201,
                201, 429);
        assertThat(secondShopper).as("another shopper behind the same gateway").isEqualTo(201);
        assertThat(spoofing).as("a made-up address before the gateway's entry").isEqualTo(429);
    }

    @Test
    void theForwardedAddressIsTrustedOnlyFromTheGateway() throws IOException {
        byte[] photo = picture("png", 120, 120);
        Http notTheGateway = Http.from(port, InetAddress.getByName("127.0.0." + (2 + RANDOM.nextInt(250))));

        // a caller that is not the gateway names a fresh address each time: its own address counts, so it runs out
        List<Integer> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.addAll(uploads(notTheGateway, photo, 1, "X-Forwarded-For", aShopper()));
        }

        assertThat(answers).containsExactly(201, 201, 201, 201, 201, 429);
    }

    private static final java.util.Random RANDOM = new java.util.Random();

    /** An address of the documentation range (RFC 3849) no other test uses. */
    private static String aShopper() {
        return "2001:db8::" + Integer.toHexString(RANDOM.nextInt(0xffff)) + ":" + Integer.toHexString(
                RANDOM.nextInt(0xffff));
    }

    private static List<Integer> uploads(Http client, byte[] photo, int times, String... headers) {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            statuses.add(client.upload("/api/catalog/personalisation/uploads", "p.png", "image/png", photo, headers)
                    .status());
        }
        return statuses;
    }
}

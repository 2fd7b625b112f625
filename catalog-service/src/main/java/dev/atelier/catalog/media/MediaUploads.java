package dev.atelier.catalog.media;

import dev.atelier.web.ProblemException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts an uploaded image and serves it resized. An accepted image is decoded and encoded afresh, which keeps
 * its pixels and drops everything else (EXIF, GPS position, comments, embedded thumbnails): JPEG stays JPEG, PNG
 * stays PNG, WebP becomes PNG. Resized variants are square crops that fill the frame, made on first request and kept
 * in the store, in the original's format or, for a browser that accepts it, as WebP (when the encoder loads here).
 */
@Service
public class MediaUploads {

    /** Bytes to send to a browser, with their type and a validator. */
    public record Rendition(byte[] bytes, String contentType, String etag) {
    }

    private final ImageInspector inspector;
    private final MediaStore store;
    private final MediaLibrary library;
    private final MediaProperties properties;
    private final Clock clock;
    private final WebpEncoder webp = new WebpEncoder();

    MediaUploads(ImageInspector inspector, MediaStore store, MediaLibrary library, MediaProperties properties,
            Clock clock) {
        this.inspector = inspector;
        this.store = store;
        this.library = library;
        this.properties = properties;
        this.clock = clock;
    }

    public StoredMedia upload(byte[] bytes, MediaPurpose purpose) {
        ImageInspector.Inspection inspection = inspector.inspect(bytes);
        BufferedImage image = decode(bytes, inspection.format());
        boolean keepJpeg = inspection.format() == ImageFormat.JPEG && !image.getColorModel().hasAlpha();
        byte[] clean = keepJpeg ? jpeg(image) : png(image);
        StoredMedia media = new StoredMedia(UUID.randomUUID(), purpose,
                keepJpeg ? ImageFormat.JPEG.contentType() : ImageFormat.PNG.contentType(), clean.length,
                image.getWidth(), image.getHeight(), sha256(clean), clock.instant());
        store.put(media.id() + "/original", clean, media.contentType());
        library.add(media);
        return media;
    }

    /**
     * Deletes a product photo that nothing of the catalogue shows any more: its row, then its objects (variants
     * first, the original last), in one transaction. When the store fails, the row stays (503, nothing changed that
     * matters: a variant already removed is made again on its next request). A shopper's personalisation photo may be
     * part of an order elsewhere, so it is not deleted here.
     */
    @Transactional
    public void delete(UUID id) {
        StoredMedia media = library.lock(id).orElseThrow(() -> ProblemException.notFound("unknown-media",
                "no image " + id));
        if (media.purpose() != MediaPurpose.PRODUCT) {
            throw ProblemException.conflict("media-not-deletable", "a shopper's personalisation photo may belong to "
                    + "an order; only product photos are deleted here");
        }
        List<String> usedBy = library.usedBy(id);
        if (!usedBy.isEmpty()) {
            throw ProblemException.conflict("media-in-use", "the image is still shown by " + String.join(", ", usedBy))
                    .with("usedBy", usedBy);
        }
        library.remove(id);
        deleteObjects(media);
    }

    /** Every object of an upload: its variants first, the original last. */
    void deleteObjects(StoredMedia media) {
        boolean jpeg = media.contentType().equals(ImageFormat.JPEG.contentType());
        for (int size : properties.sizes()) {
            store.delete(media.id() + "/" + size + ".webp");
            store.delete(media.id() + "/" + size + (jpeg ? ".jpg" : ".png"));
        }
        store.delete(media.id() + "/original");
    }

    public Optional<Rendition> original(UUID id) {
        return library.find(id).flatMap(media -> store.get(media.id() + "/original")
                .map(bytes -> new Rendition(bytes, media.contentType(), "\"" + media.sha256() + "\"")));
    }

    /** Whether resized variants can be served as WebP here. */
    public boolean writesWebp() {
        return webp.available();
    }

    /**
     * A square variant; as WebP when {@code webpAccepted} and the encoder works here, else in the original's format.
     * Each format has its own ETag.
     */
    public Optional<Rendition> resized(UUID id, int size, boolean webpAccepted) {
        if (!properties.sizes().contains(size)) {
            throw ProblemException.notFound("unknown-size", "images are served at " + properties.sizes() + " pixels");
        }
        boolean asWebp = webpAccepted && webp.available();
        return library.find(id).flatMap(media -> {
            boolean jpeg = media.contentType().equals(ImageFormat.JPEG.contentType());
            String extension = asWebp ? ".webp" : jpeg ? ".jpg" : ".png";
            String contentType = asWebp ? ImageFormat.WEBP.contentType() : media.contentType();
            String key = media.id() + "/" + size + extension;
            String etag = "\"" + media.sha256().substring(0, 32) + "-" + size + (asWebp ? "-webp" : "") + "\"";
            Optional<byte[]> cached = store.get(key);
            if (cached.isPresent()) {
                return Optional.of(new Rendition(cached.get(), contentType, etag));
            }
            return store.get(media.id() + "/original").map(original -> {
                BufferedImage source = decode(original, jpeg ? ImageFormat.JPEG : ImageFormat.PNG);
                BufferedImage square = cropFill(source, size);
                byte[] bytes = asWebp ? webp.encode(square) : jpeg ? jpeg(square) : png(square);
                store.put(key, bytes, contentType);
                return new Rendition(bytes, contentType, etag);
            });
        });
    }

    private static BufferedImage decode(byte[] bytes, ImageFormat format) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw ProblemException.unprocessable("unreadable-image", "the " + format + " image cannot be decoded");
            }
            return image;
        } catch (IOException e) {
            throw ProblemException.unprocessable("unreadable-image", "the " + format + " image cannot be decoded: "
                    + e.getMessage());
        }
    }

    static BufferedImage cropFill(BufferedImage source, int size) {
        double scale = Math.max((double) size / source.getWidth(), (double) size / source.getHeight());
        int width = (int) Math.ceil(source.getWidth() * scale);
        int height = (int) Math.ceil(source.getHeight() * scale);
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage target = new BufferedImage(size, size, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, (size - width) / 2, (size - height) / 2, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

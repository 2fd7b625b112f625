package dev.atelier.catalog.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes WebP through ImageIO's WebP writer (webp-imageio, which loads the libwebp bundled in its jar for this
 * platform): lossy at quality 0.8, for the resized variants that browsers accepting {@code image/webp} get. Whether it
 * works is tried once, on a tiny image; where the native library cannot load, {@link #available()} is false and
 * browsers get JPEG or PNG as before.
 */
final class WebpEncoder {

    private static final Logger log = LoggerFactory.getLogger(WebpEncoder.class);
    private static final float QUALITY = 0.8f;

    private final boolean available;

    WebpEncoder() {
        this.available = probe();
    }

    boolean available() {
        return available;
    }

    byte[] encode(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType("image/webp");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no WebP writer is registered with ImageIO");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                String[] types = param.getCompressionTypes();
                if (types != null) {
                    Arrays.stream(types).filter(type -> type.equalsIgnoreCase("Lossy")).findFirst()
                            .ifPresent(param::setCompressionType);
                }
                param.setCompressionQuality(QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private boolean probe() {
        try {
            byte[] bytes = encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
            return ImageFormat.sniff(bytes).filter(format -> format == ImageFormat.WEBP).isPresent();
        } catch (RuntimeException | LinkageError e) {
            log.warn("WebP cannot be written here ({}); resized images are served as JPEG or PNG only", e.toString());
            return false;
        }
    }
}

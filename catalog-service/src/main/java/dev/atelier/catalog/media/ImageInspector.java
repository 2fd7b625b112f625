package dev.atelier.catalog.media;

import dev.atelier.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Judges an upload by its bytes, never by its name or declared type: the magic bytes say JPEG, PNG or WebP, and
 * the image reader reads the pixel dimensions from the header only. An image over the size limit (a decompression
 * bomb: a few kilobytes that would decode into gigabytes) is refused here, before any pixel is decoded.
 */
@Component
class ImageInspector {

    /** What the bytes are: the format and the dimensions its header declares. */
    record Inspection(ImageFormat format, int width, int height) {
    }

    private final MediaProperties properties;

    ImageInspector(MediaProperties properties) {
        this.properties = properties;
    }

    Inspection inspect(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-image", "Not a supported image",
                "the file is not a JPEG, PNG or WebP image (judged by its content, not its name)"));
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
            if (!readers.hasNext()) {
                throw new IllegalStateException("no image reader for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                check(width, height);
                return new Inspection(format, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.unprocessable("unreadable-image", "the " + format + " image cannot be read: "
                    + e.getMessage());
        }
    }

    private void check(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw ProblemException.unprocessable("unreadable-image", "the image declares no pixels");
        }
        if (width > properties.maxSide() || height > properties.maxSide()
                || (long) width * height > properties.maxPixels()) {
            throw ProblemException.unprocessable("image-too-large", "the image is " + width + "x" + height
                    + " pixels; at most " + properties.maxSide() + " per side and " + properties.maxPixels()
                    + " pixels are accepted").with("width", width).with("height", height);
        }
    }
}

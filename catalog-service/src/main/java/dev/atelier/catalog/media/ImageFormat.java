package dev.atelier.catalog.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The image formats accepted, recognised by their first bytes. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String contentType;
    private final String readerName;

    ImageFormat(String contentType, String readerName) {
        this.contentType = contentType;
        this.readerName = readerName;
    }

    public String contentType() {
        return contentType;
    }

    String readerName() {
        return readerName;
    }

    static Optional<ImageFormat> sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (bytes.length >= 8 && Arrays.equals(Arrays.copyOf(bytes, 8), PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 12 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }
}

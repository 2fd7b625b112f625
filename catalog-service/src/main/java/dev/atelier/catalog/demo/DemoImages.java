package dev.atelier.catalog.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Draws each demo product's picture in Java (a gradient in the product's colour, a simple shape and its name; no
 * downloads) and uploads it through catalog's admin media API like any product photo.
 */
final class DemoImages {

    static final int SIZE = 800;

    byte[] draw(DemoCatalogue.Product product) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color base = new Color(product.colour());
            g.setPaint(new GradientPaint(0, 0, base.brighter(), SIZE, SIZE, base.darker()));
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(new Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke(14));
            int shape = Math.floorMod(product.slug().hashCode(), 3);
            switch (shape) {
                case 0 -> g.drawOval(250, 150, 300, 300);
                case 1 -> g.drawRoundRect(230, 160, 340, 280, 40, 40);
                default -> g.drawPolygon(new int[] {400, 580, 220}, new int[] {140, 450, 450}, 3);
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
            List<String> lines = wrap(product.name(), g.getFontMetrics(), SIZE - 120);
            int y = 560;
            for (String line : lines) {
                int width = g.getFontMetrics().stringWidth(line);
                g.drawString(line, (SIZE - width) / 2, y);
                y += 56;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jpeg.toByteArray();
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines.size() > 3 ? lines.subList(0, 3) : lines;
    }

    /** Uploads the product's picture; returns the media reference to put in its gallery. */
    @Nullable String upload(HttpClient http, URI catalog, AdminToken token, DemoCatalogue.Product product) {
        String boundary = "atelier-" + UUID.randomUUID();
        byte[] image = draw(product);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + product.slug() + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(catalog.resolve("/api/admin/catalog/media"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token.bearer())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("uploading the picture of " + product.slug() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = dev.atelier.events.EventJson.mapper().readTree(response.body());
            return answer.get("id").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

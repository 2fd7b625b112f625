package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A personalised photo with the page's script off: the product form is a multipart form whose file field carries
 * the photo; the storefront passes it to catalog's shoppers' uploads and puts the media id it answers in the
 * line's personalisation, as the script would. A refused photo is explained on the product page and no line is
 * added; the CSRF token is read from the multipart form and required there too.
 */
class PhotoWithoutScriptTest extends GatewayTest {

    static final String PHOTO_MUG = StorefrontPagesTest.MUG.replace("""
            "personalisationOptions":[""", """
            "personalisationOptions":[
               {"key":"photo","label":"Your photo","type":"IMAGE","required":true,
                "priceModifier":{"amount":300,"currency":"GBP"},
                "constraints":{"aspectRatio":"1:1","minWidth":600,"minHeight":600,"maxFileSize":10000000,
                               "printArea":{"x":31,"y":18,"width":38,"height":38}}},""");
    static final String MEDIA_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private String csrf;
    private String xsrfCookie;

    @BeforeEach
    void openTheProductPage() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(PHOTO_MUG)));
        HttpResponse<String> page = send(request("/products/personalised-christmas-mug").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        // the form goes multipart because the product takes a photo, whose file field has a name of its own
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"", "type=\"file\"", "name=\"photo.photo\"",
                "printed as it", "1:1");
        // where the product prints the photo, for the live preview (catalog's print area, per cent of the picture)
        assertThat(page.body()).contains("data-print-area=\"31,18,38,38\"");
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        csrf = token.group(1);
        xsrfCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    void thePostedPhotoIsUploadedToCatalogAndItsIdGoesWithTheLine() throws Exception {
        byte[] photo = png(640, 640);
        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/api/catalog/personalisation/uploads")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"id":"%s","contentType":"image/png","sizeBytes":%d,"width":640,"height":640,
                         "url":"/api/catalog/media/%s"}""".formatted(MEDIA_ID, photo.length, MEDIA_ID))));
        StandIns.CART.stubFor(post(urlPathEqualTo("/api/cart/items")).willReturn(okJson("{}")));

        HttpResponse<String> added = send(multipart(fields(csrf), photo));

        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/cart");
        StandIns.CATALOG.verify(postRequestedFor(urlPathEqualTo("/api/catalog/personalisation/uploads"))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"sophie.png\""))
                        .withHeader("Content-Type", containing("image/png"))
                        .withBody(binaryEqualTo(photo)).build()));
        StandIns.CART.verify(postRequestedFor(urlPathEqualTo("/api/cart/items")).withRequestBody(equalToJson("""
                {"sku":"MUG-XMAS-001","quantity":1,
                 "personalisation":{"name":"Sophie","font":"Serif","photo":"%s"}}""".formatted(MEDIA_ID))));
    }

    @Test
    void aPhotoCatalogRefusesIsExplainedOnTheProductPageAndNoLineIsAdded() throws Exception {
        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/api/catalog/personalisation/uploads")).willReturn(aResponse()
                .withStatus(415).withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://atelier.dev/problems/unsupported-image","status":415,
                         "detail":"only JPEG, PNG and WebP photos can be printed"}""")));

        HttpResponse<String> added = send(multipart(fields(csrf), "not a picture".getBytes(StandardCharsets.UTF_8)));

        assertThat(added.statusCode()).isEqualTo(303);
        String location = URLDecoder.decode(added.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(location).startsWith("/products/personalised-christmas-mug?error=")
                .contains("Your photo could not be used: only JPEG, PNG and WebP photos can be printed");
        StandIns.CART.verify(0, postRequestedFor(urlPathEqualTo("/api/cart/items")));
    }

    @Test
    void theMultipartFormNeedsItsCsrfTokenToo() throws Exception {
        HttpResponse<String> refused = send(multipart(fields("not-the-token"), png(640, 640)));

        assertThat(refused.statusCode()).isEqualTo(403);
        StandIns.CATALOG.verify(0, postRequestedFor(urlPathEqualTo("/api/catalog/personalisation/uploads")));
        StandIns.CART.verify(0, postRequestedFor(urlPathEqualTo("/api/cart/items")));
    }

    private static Map<String, String> fields(String token) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token);
        fields.put("slug", "personalised-christmas-mug");
        fields.put("sku", "MUG-XMAS-001");
        fields.put("personalisation.photo", ""); // the script's hidden id field, empty without the script
        fields.put("personalisation.name", "Sophie");
        fields.put("personalisation.font", "Serif");
        fields.put("quantity", "1");
        return fields;
    }

    /** The form as a browser without the script posts it: the fields, then the file part. */
    private java.net.http.HttpRequest.Builder multipart(Map<String, String> fields, byte[] photo) throws Exception {
        String boundary = "----atelier" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo.photo\"; filename=\"sophie.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(photo);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request("/cart/items")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", xsrfCookie)
                .POST(BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}

package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product page's personalisation: the form built from every kind of option (counter, fonts in their face,
 * swatches, photo with its ratio), validation as the shopper types relayed to catalog's rules with catalog's own
 * messages, and the preview's picture going to cart-service with the line.
 */
class PersonalisationCheckTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String PHOTO_MUG = """
            {"id":"7b1e2f4c-8b1d-4e3a-9c57-d2f8b1a6e093","slug":"christmas-photo-mug","name":"Christmas Photo Mug",
             "description":"Your photo on a mug.","brand":null,"price":{"amount":1499,"currency":"GBP"},"kind":"SIMPLE",
             "category":{"slug":"mugs","name":"Mugs"},"occasions":[],
             "variants":[{"sku":"PMUG-XMAS-001","price":{"amount":1499,"currency":"GBP"},"attributes":{"material":"ceramic"},
               "weightGrams":420,"partNumber":null,"barcode":null,"components":null,"available":12,"inStock":true}],
             "images":[{"mediaRef":"m2","url":"/api/catalog/media/m2","altText":"A white mug","primary":true}],
             "personalisationOptions":[
               {"key":"photo","label":"Your photo","type":"IMAGE","required":true,
                "priceModifier":{"amount":0,"currency":"GBP"},
                "constraints":{"maxFileSize":10000000,"aspectRatio":"1:1","minWidth":800,"minHeight":800}},
               {"key":"name","label":"Name","type":"TEXT","required":false,"priceModifier":{"amount":0,"currency":"GBP"},
                "constraints":{"maxLength":14}},
               {"key":"font","label":"Font","type":"FONT","required":true,"priceModifier":{"amount":0,"currency":"GBP"},
                "constraints":{"fonts":["Classic Serif","Handwritten Script"]}},
               {"key":"colour","label":"Colour","type":"COLOUR","required":false,
                "priceModifier":{"amount":0,"currency":"GBP"},"constraints":{"colours":["Navy","Forest Green"]}},
               {"key":"giftBox","label":"Gift box","type":"TOGGLE","required":false,
                "priceModifier":{"amount":300,"currency":"GBP"},"constraints":{}}],
             "personalisable":true,"inStock":true,"sold":{"lifetime":0,"last30Days":0},
             "seoTitle":"Christmas Photo Mug","seoDescription":"Your photo on a mug."}
            """;

    @Test
    void buildsTheFormFromEveryKindOfOption() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/christmas-photo-mug"))
                .willReturn(okJson(PHOTO_MUG)));

        HttpResponse<String> page = send(request("/products/christmas-photo-mug").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-check-url=\"/personalisation/check\"", "src=\"/js/personalise.js\"")
                .contains("data-ratio=\"1:1\"", "data-min-width=\"800\"", "data-min-height=\"800\"",
                        "accept=\"image/jpeg,image/png,image/webp\"", "name=\"personalisation.photo\"",
                        "at least 800 × 800 pixels", "<progress")
                .contains("0 of 14 characters", "aria-describedby=\"c-name e-name\"")
                .contains("class=\"font-sample font-classic-serif\"", "class=\"font-sample font-handwritten-script\"")
                .contains("class=\"chip swatch-forest-green\"", "data-swatch=\"Navy\"")
                .contains("name=\"personalisation.giftBox\"", "+ £3.00")
                .contains("name=\"preview\"", "data-error-for=\"photo\"");
    }

    @Test
    void answersWithCatalogsOwnMessagesByOption() throws Exception {
        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/internal/personalisation/validate")).willReturn(okJson("""
                {"valid":false,"values":{"font":"Classic Serif"},"priceDelta":{"amount":0,"currency":"GBP"},
                 "errors":[{"key":"name","message":"must be at most 14 characters (it has 15)"},
                           {"key":"photo","message":"Your photo is required"}]}""")));

        HttpResponse<String> answer = send(request("/personalisation/check")
                .header("Content-Type", "application/json").header("Origin", base())
                .POST(BodyPublishers.ofString("""
                        {"sku":"PMUG-XMAS-001","values":{"name":"Sophie-Amelia-X","font":"classic serif"}}""")));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("valid").asBoolean()).isFalse();
        assertThat(body.path("errors").path("name").asString()).isEqualTo("must be at most 14 characters (it has 15)");
        assertThat(body.path("errors").path("photo").asString()).isEqualTo("Your photo is required");
        StandIns.CATALOG.verify(postRequestedFor(urlPathEqualTo("/internal/personalisation/validate"))
                .withRequestBody(equalToJson("""
                        {"sku":"PMUG-XMAS-001","values":{"name":"Sophie-Amelia-X","font":"classic serif"}}""")));
    }

    @Test
    void saysSoWhenTheSkuIsNotSoldAndWhenCatalogIsDown() throws Exception {
        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/internal/personalisation/validate")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"detail\":\"no SKU NOPE on sale\"}")));

        HttpResponse<String> unknown = send(request("/personalisation/check")
                .header("Content-Type", "application/json").header("Origin", base())
                .POST(BodyPublishers.ofString("{\"sku\":\"NOPE\",\"values\":{}}")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("detail").asString()).isEqualTo("no SKU NOPE on sale");

        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/internal/personalisation/validate"))
                .willReturn(aResponse().withStatus(503)));
        HttpResponse<String> down = send(request("/personalisation/check")
                .header("Content-Type", "application/json").header("Origin", base())
                .POST(BodyPublishers.ofString("{\"sku\":\"PMUG-XMAS-001\",\"values\":{}}")));
        assertThat(down.statusCode()).isEqualTo(503);

        HttpResponse<String> crossSite = send(request("/personalisation/check")
                .header("Content-Type", "application/json").header("Origin", "https://elsewhere.example")
                .POST(BodyPublishers.ofString("{\"sku\":\"PMUG-XMAS-001\",\"values\":{}}")));
        assertThat(crossSite.statusCode()).isEqualTo(403);
    }

    @Test
    void theBasketShowsThePreviewTheShopperSawAndNamesTheUploadedPhoto() throws Exception {
        StandIns.CART.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("""
                {"id":"11111111-2222-4333-8444-555555555555","version":2,"lines":[{"lineId":"aaaaaaaa-2222-4333-8444-555555555555",
                  "sku":"PMUG-XMAS-001","quantity":1,"name":"Christmas Photo Mug","attributes":{},
                  "personalisation":{"photo":"3f0c9a52-6d1e-4b7a-8c2f-1e5d7b9a0c34","name":"Sophie"},
                  "personalisationLabels":{"photo":"Your photo","name":"Name"},
                  "unitPrice":{"amount":1499,"currency":"GBP"},"lineTotal":{"amount":1499,"currency":"GBP"},
                  "available":true,"priceChanged":false,"stockLeft":0,
                  "previewUrl":"/api/catalog/media/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}],
                 "totals":{"subtotal":{"amount":1499,"currency":"GBP"},"discount":{"amount":0,"currency":"GBP"},
                  "shipping":{"amount":0,"currency":"GBP"},"giftWrap":{"amount":0,"currency":"GBP"},
                  "total":{"amount":1499,"currency":"GBP"},"tax":{"amount":250,"currency":"GBP"}}}""")));

        HttpResponse<String> page = send(request("/cart").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Your photo: your uploaded photo", "Name: Sophie",
                "src=\"/api/catalog/media/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\"", "class=\"line-preview\"",
                "Sold out since you added it").doesNotContain("3f0c9a52-6d1e-4b7a-8c2f-1e5d7b9a0c34");
    }

    @Test
    void sendsThePreviewsPictureToCartServiceWithTheLine() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/christmas-photo-mug"))
                .willReturn(okJson(PHOTO_MUG)));
        StandIns.CART.stubFor(post(urlPathEqualTo("/api/cart/items")).willReturn(okJson("{}")));
        HttpResponse<String> productPage = send(request("/products/christmas-photo-mug").GET());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(productPage.body());
        assertThat(csrf.find()).isTrue();
        String cookie = productPage.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow();

        HttpResponse<String> added = send(request("/cart/items")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
                        + "&slug=christmas-photo-mug&sku=PMUG-XMAS-001&quantity=1"
                        + "&personalisation.photo=3f0c9a52-6d1e-4b7a-8c2f-1e5d7b9a0c34&personalisation.font=Classic+Serif"
                        + "&preview=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")));

        assertThat(added.statusCode()).isEqualTo(303);
        StandIns.CART.verify(postRequestedFor(urlPathEqualTo("/api/cart/items")).withRequestBody(equalToJson("""
                {"sku":"PMUG-XMAS-001","quantity":1,"preview":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                 "personalisation":{"photo":"3f0c9a52-6d1e-4b7a-8c2f-1e5d7b9a0c34","font":"Classic Serif"}}""")));
    }
}

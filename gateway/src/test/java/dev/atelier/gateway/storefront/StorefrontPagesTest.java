package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

/**
 * The storefront's pages over real HTTP, with the services played by WireMock: what the shopper sees is built from
 * the services' answers, forms carry the CSRF token and post through to the services with the shopper's cookie,
 * and a refusal is explained on the page.
 */
class StorefrontPagesTest extends GatewayTest {

    static final String MUG = """
            {"id":"6a0e2f4c-8b1d-4e3a-9c57-d2f8b1a6e093","slug":"personalised-christmas-mug",
             "name":"Personalised Christmas Mug","description":"A mug with their name on it.","brand":null,
             "price":{"amount":1299,"currency":"GBP"},"kind":"SIMPLE",
             "category":{"slug":"mugs","name":"Mugs"},"occasions":[{"slug":"christmas","name":"Christmas"}],
             "variants":[{"sku":"MUG-XMAS-001","price":{"amount":1299,"currency":"GBP"},"attributes":{"size":"11oz"},
               "weightGrams":410,"partNumber":null,"barcode":null,"components":null,"available":12,"inStock":true}],
             "images":[{"mediaRef":"m1","url":"/api/catalog/media/m1","altText":"A white mug","primary":true}],
             "personalisationOptions":[
               {"key":"name","label":"Name","type":"TEXT","required":true,"priceModifier":{"amount":0,"currency":"GBP"},
                "constraints":{"maxLength":12}},
               {"key":"font","label":"Font","type":"FONT","required":true,"priceModifier":{"amount":0,"currency":"GBP"},
                "constraints":{"fonts":["Script MT","Serif"]}}],
             "personalisable":true,"inStock":true,"sold":{"lifetime":40,"last30Days":7},
             "seoTitle":"Personalised Christmas Mug","seoDescription":"A mug with their name on it."}
            """;

    @Test
    void rendersAProductPageWithItsPersonalisationFormAndCsrfToken() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(MUG)));

        HttpResponse<String> page = send(request("/products/personalised-christmas-mug").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Personalised Christmas Mug</h1>", "£12.99", "7 bought in the last 30 days",
                "name=\"personalisation.name\"", "maxlength=\"12\"", "Script MT", "name=\"_csrf\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void rendersAPhotoOptionWithoutAnAspectRatioOrAPrintArea() throws Exception {
        // catalog leaves out the constraints an option does not set: an artist's reference photo takes any shape
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/portrait-print")).willReturn(okJson(
                MUG.replace("personalised-christmas-mug", "portrait-print").replace("""
                        "personalisationOptions":[""", """
                        "personalisationOptions":[
                           {"key":"photo","label":"Reference photo","type":"IMAGE","required":true,
                            "priceModifier":{"amount":0,"currency":"GBP"},
                            "constraints":{"minWidth":1200,"minHeight":1200}},"""))));

        HttpResponse<String> page = send(request("/products/portrait-print").GET());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"photo.photo\"", "at least 1200 × 1200 pixels")
                .doesNotContain("you choose the part to print", "data-print-area=");
    }

    static final String CARDS = """
            {"items":[{"id":"6a0e2f4c-8b1d-4e3a-9c57-d2f8b1a6e093","slug":"personalised-christmas-mug",
              "name":"Personalised Christmas Mug","brand":null,"price":{"amount":1299,"currency":"GBP"},"inStock":true,
              "personalisable":true,"image":{"mediaRef":"m1","url":"/api/catalog/media/m1","altText":"A white mug"},
              "variants":[]},
             {"id":"b3d9c1e7-2f4a-4b8d-a6e0-5c7f9d2b1a84","slug":"cisco-switch","name":"Refurbished Cisco Switch",
              "brand":"Cisco","price":{"amount":18900,"currency":"GBP"},"inStock":false,"personalisable":false,
              "image":null,"variants":[]}],
             "nextCursor":null,"search":{"query":"Chrismas mug","searchedFor":"christmas mug","corrected":true},
             "message":null}""";

    @Test
    void rendersTheHomePageFromCatalogsListsAndCategories() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson(CARDS)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("""
                [{"slug":"mugs","name":"Mugs"},{"slug":"hardware","name":"Refurbished hardware"}]""")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/occasions")).willReturn(okJson("""
                [{"slug":"christmas","name":"Christmas"}]""")));

        HttpResponse<String> page = send(request("/").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Personalised Christmas Mug", "£12.99", "£189.00", "Out of stock",
                "href=\"/categories/hardware\"", "href=\"/occasions/christmas\"", "Personalise it");
    }

    @Test
    void saysWhatASearchWithATypoFoundInstead() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson(CARDS)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson("{}")));

        HttpResponse<String> page = send(request("/search?q=Chrismas+mug").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No products matched", "christmas mug", "Personalised Christmas Mug");
        StandIns.CATALOG.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/catalog/products")).withQueryParam("q", equalTo("Chrismas mug")));
    }

    @Test
    void passesTheShoppersAddressOnAsTheLastForwardedEntryWhateverTheShopperClaims() throws Exception {
        // a call made for this shopper (a blog post is read with the shopper's identity; catalog's shared reads are not)
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/content/posts/choosing-a-gift"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.notFound()));

        send(request("/blog/choosing-a-gift").header("X-Forwarded-For", "203.0.113.9").GET());

        // a service trusts the entry the gateway appended (the last): the shopper's own claim comes before it
        StandIns.CATALOG.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/catalog/content/posts/choosing-a-gift"))
                .withHeader("X-Forwarded-For", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "203\\.0\\.113\\.9, (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)")));
    }

    @Test
    void readsCatalogsSharedAnswersWithoutTheShoppersCookiesOrAddress() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/a-mug-only-this-test-reads"))
                .willReturn(okJson(MUG)));

        send(request("/products/a-mug-only-this-test-reads").header("X-Forwarded-For", "203.0.113.9")
                .header("Cookie", "atelier_cart=a-shoppers-cart").GET());

        // what every shopper shares must not be asked as, or answered for, one of them
        StandIns.CATALOG.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/catalog/products/a-mug-only-this-test-reads"))
                .withoutHeader("Cookie").withoutHeader("X-Forwarded-For"));
    }

    /**
     * The pages' expressions are compiled to bytecode after a hundred runs (spring.thymeleaf.enable-spring-el-compiler);
     * the compiled page must say exactly what the interpreted one said.
     */
    @Test
    void aPageSaysTheSameOnceItsExpressionsAreCompiled() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(MUG)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson(CARDS)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson("""
                {"total":1,"categories":[{"slug":"mugs","name":"Mugs","count":1}],"priceBands":[],"brands":[]}""")));

        for (String path : java.util.List.of("/products/personalised-christmas-mug", "/search?q=mug")) {
            String first = withoutPerRequestValues(send(request(path).GET()).body());
            String last = first;
            for (int i = 0; i < 130; i++) {
                last = withoutPerRequestValues(send(request(path).GET()).body());
            }
            assertThat(last).as(path).isEqualTo(first).contains("Personalised Christmas Mug");
        }
    }

    /** The CSP nonce and the CSRF token change with every request. */
    private static String withoutPerRequestValues(String page) {
        return page.replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")
                .replaceAll("(name=\"_csrf\"[^>]*value=)\"[^\"]*\"", "$1\"\"")
                .replaceAll("(value=)\"[^\"]*\"([^>]*name=\"_csrf\")", "$1\"\"$2");
    }

    @Test
    void answersASearchWhoseCatalogFailsWith503AndWhenToTryAgain() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).withQueryParam("q", equalTo("lamp"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"about:blank\",\"status\":500,\"detail\":\"boom\"}")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson("{}")));

        HttpResponse<String> page = send(request("/search?q=lamp").GET());

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(page.body()).contains("<main");
    }

    @Test
    void answersAMissingProductWithAHelpful404() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/no-such-mug")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://atelier.dev/problems/unknown-product\",\"status\":404}")));

        HttpResponse<String> page = send(request("/products/no-such-mug").GET());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("could not find that product");
    }

    @Test
    void addsAPersonalisedLineThroughCartServiceWithTheShoppersCookie() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(MUG)));
        StandIns.CART.stubFor(post(urlPathEqualTo("/api/cart/items")).willReturn(okJson("{}")
                .withHeader("Set-Cookie", "cart_id=0f0e0d0c-0b0a-4908-8706-050403020100; Path=/; HttpOnly; SameSite=Lax")));
        HttpResponse<String> productPage = send(request("/products/personalised-christmas-mug").GET());
        String csrf = field(productPage.body(), "_csrf");
        String cookie = productPage.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow();

        HttpResponse<String> added = send(request("/cart/items")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie + "; cart_id=11111111-2222-4333-8444-555555555555")
                .POST(BodyPublishers.ofString("_csrf=" + encode(csrf) + "&slug=personalised-christmas-mug"
                        + "&sku=MUG-XMAS-001&quantity=2&personalisation.name=Sophie&personalisation.font=Script+MT")));

        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/cart");
        assertThat(added.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("cart_id=0f0e0d0c"));
        StandIns.CART.verify(postRequestedFor(urlPathEqualTo("/api/cart/items"))
                .withHeader("Cookie", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "cart_id=11111111-2222-4333-8444-555555555555"))
                .withRequestBody(equalToJson("""
                        {"sku":"MUG-XMAS-001","quantity":2,"personalisation":{"name":"Sophie","font":"Script MT"}}""")));
    }

    @Test
    void showsTheCheckoutsRefusalNextToTheFieldItNames() throws Exception {
        StandIns.CART.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("""
                {"id":"11111111-2222-4333-8444-555555555555","version":3,"lines":[],
                 "totals":{"total":{"amount":1299,"currency":"GBP"},"tax":{"amount":217,"currency":"GBP"}}}""")));
        StandIns.ORDER.stubFor(post(urlPathEqualTo("/api/checkout"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("""
                                {"type":"https://atelier.dev/problems/validation","status":400,
                                 "detail":"shippingAddress.postcode: is not a UK postcode",
                                 "errors":[{"field":"shippingAddress.postcode","message":"is not a UK postcode"}]}""")));
        HttpResponse<String> form = send(request("/checkout").header("Cookie", "cart_id=abc").GET());
        String csrf = field(form.body(), "_csrf");
        String xsrf = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();

        HttpResponse<String> page = send(request("/checkout")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", xsrf + "; cart_id=abc")
                .POST(BodyPublishers.ofString("_csrf=" + encode(csrf) + "&email=sophie%40example.com&name=Sophie+Hart"
                        + "&line1=1+High+St&city=Bath&postcode=NOT+A+CODE&shippingOption=standard&paymentMethod=card")));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("is not a UK postcode", "value=\"NOT A CODE\"", "value=\"Sophie Hart\"");
        StandIns.ORDER.verify(postRequestedFor(urlPathEqualTo("/api/checkout"))
                .withHeader("Cookie", com.github.tomakehurst.wiremock.client.WireMock.containing("cart_id=abc"))
                .withRequestBody(equalToJson("""
                        {"email":"sophie@example.com","shippingOption":"standard","paymentMethod":"card",
                         "giftCardCode":null,"shippingAddress":{"name":"Sophie Hart","line1":"1 High St","line2":null,
                         "city":"Bath","postcode":"NOT A CODE","country":"GB"}}""")));
    }

    private static String field(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("hidden field " + name + " in the page").isTrue();
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

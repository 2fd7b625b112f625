package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.SignInFlow;
import dev.atelier.gateway.SignInFlow.SignedIn;
import dev.atelier.gateway.StandIns;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product's reviews and the blog, from catalog-service's answers (WireMock): the product page's rating agrees with
 * its JSON-LD AggregateRating, reviews page with the API's cursor, a signed-in shopper writes one with their token;
 * the blog list and a post with canonical, Open Graph and BlogPosting data, the post's text never taken as HTML.
 */
class ReviewsAndBlogTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LD = Pattern.compile("<script type=\"application/ld\\+json\"[^>]*>(.*?)</script>",
            Pattern.DOTALL);
    private static final String RATED_MUG = StorefrontPagesTest.MUG.replace("\"personalisable\":true,",
            "\"personalisable\":true,\"rating\":{\"average\":4.5,\"count\":12},");
    private static final String REVIEWS = """
            {"items":[{"id":"7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","rating":5,"title":"Perfect for Gran",
              "text":"She cried <b>happy</b> tears.","authorName":"Sophie","verifiedPurchase":true,
              "createdAt":"2026-11-20T10:00:00Z"},
             {"id":"8b2c3d4e-5f60-4b7c-9d8e-0f1a2b3c4d5e","rating":4,"title":null,"text":"Lovely print.",
              "authorName":"Tom","verifiedPurchase":false,"createdAt":"2026-11-18T10:00:00Z"}],
             "nextCursor":"c2VxOjQy"}""";

    @Test
    void showsTheFirstReviewsWithTheSameRatingAsTheStructuredData() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(RATED_MUG)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug/reviews"))
                .willReturn(okJson(REVIEWS)));

        HttpResponse<String> page = send(request("/products/personalised-christmas-mug").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("4.5 out of 5", "from 12 reviews", "Perfect for Gran",
                "She cried &lt;b&gt;happy&lt;/b&gt; tears.", "Verified purchase", "Lovely print.",
                "href=\"/products/personalised-christmas-mug/reviews?cursor=c2VxOjQy\"", "to write a review")
                .doesNotContain("<b>happy</b>", "Write a review");
        JsonNode rating = jsonLd(page.body(), "Product").path("aggregateRating");
        assertThat(rating.path("ratingValue").asDouble()).isEqualTo(4.5);
        assertThat(rating.path("reviewCount").asLong()).isEqualTo(12);
        StandIns.CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug/reviews"))
                .withQueryParam("limit", equalTo("5")));
    }

    @Test
    void pagesThroughTheReviewsWithTheCursorTheApiGave() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(RATED_MUG)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug/reviews"))
                .withQueryParam("cursor", equalTo("c2VxOjQy"))
                .willReturn(okJson(REVIEWS.replace("\"c2VxOjQy\"", "null"))));

        HttpResponse<String> later = send(request("/products/personalised-christmas-mug/reviews?cursor=c2VxOjQy").GET());

        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).contains("Reviews of", "Perfect for Gran",
                "href=\"/products/personalised-christmas-mug/reviews\">Newest reviews")
                .doesNotContain("rel=\"next\"");
        StandIns.CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug/reviews"))
                .withQueryParam("cursor", equalTo("c2VxOjQy")).withQueryParam("limit", equalTo("10")));
    }

    @Test
    void aSignedInShopperWritesAReviewWithTheirTokenAndHearsWhenTheyAlreadyDid() throws Exception {
        SignedIn shopper = new SignInFlow(base()).shopper(UUID.randomUUID());
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(RATED_MUG)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug/reviews"))
                .willReturn(okJson("{\"items\":[],\"nextCursor\":null}")));
        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/api/account/reviews")).withRequestBody(
                        equalToJson("{\"productSlug\":\"personalised-christmas-mug\",\"rating\":5,\"title\":null,"
                                + "\"text\":\"Beautiful.\",\"authorName\":\"Hannah\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"PENDING\"}")));
        StandIns.CATALOG.stubFor(post(urlPathEqualTo("/api/account/reviews")).withRequestBody(
                        equalToJson("{\"productSlug\":\"personalised-christmas-mug\",\"rating\":4,\"title\":null,"
                                + "\"text\":\"Again.\",\"authorName\":null}"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"detail\":\"this customer already reviewed this product\"}")));

        HttpResponse<String> page = send(request("/products/personalised-christmas-mug")
                .header("Cookie", shopper.sessionCookie()).GET());
        String csrf = field(page.body());
        String xsrf = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> written = write(shopper, xsrf, csrf, "rating=5&text=Beautiful.&authorName=Hannah");
        HttpResponse<String> again = write(shopper, xsrf, csrf, "rating=4&text=Again.");

        assertThat(page.body()).contains("Write a review", "action=\"/account/reviews\"", "No reviews yet");
        assertThat(written.headers().firstValue("Location"))
                .hasValue("/products/personalised-christmas-mug?reviewed#reviews");
        StandIns.CATALOG.verify(postRequestedFor(urlPathEqualTo("/api/account/reviews"))
                .withHeader("Authorization", equalTo("Bearer " + shopper.accessToken())));
        assertThat(again.headers().firstValue("Location").orElseThrow()).contains("reviewError=You+have+already+reviewed");
    }

    @Test
    void listsThePostsAndRendersOneWithItsCanonicalAndArticleData() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/content/posts")).willReturn(okJson("""
                {"items":[{"id":"9c3d4e5f-6071-4c8d-8e9f-1a2b3c4d5e6f","slug":"gifts-for-a-new-home",
                  "title":"Ten gifts for a new home","summary":"Ideas for a housewarming.",
                  "author":{"slug":"ada","name":"Ada Lovelace","bio":"Makes things."},
                  "publishedAt":"2026-11-20T09:00:00Z","heroImageUrl":"/api/catalog/media/h1"}],
                 "nextCursor":"cG9zdHM="}""")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/content/posts/gifts-for-a-new-home")).willReturn(okJson("""
                {"id":"9c3d4e5f-6071-4c8d-8e9f-1a2b3c4d5e6f","slug":"gifts-for-a-new-home",
                 "title":"Ten gifts for a new home","summary":"Ideas for a housewarming.",
                 "body":"A mug with their name.\\n\\nA keyring for the new keys <script>alert(1)</script>.",
                 "author":{"slug":"ada","name":"Ada Lovelace","bio":"Makes things."},"status":"PUBLISHED",
                 "publishedAt":"2026-11-20T09:00:00Z","heroImageUrl":"/api/catalog/media/h1",
                 "updatedAt":"2026-11-21T09:00:00Z","updatedBy":"staff"}""")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/content/posts/no-such-post")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));

        HttpResponse<String> list = send(request("/blog").GET());
        HttpResponse<String> post = send(request("/blog/gifts-for-a-new-home").GET());
        HttpResponse<String> missing = send(request("/blog/no-such-post").GET());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Ten gifts for a new home", "href=\"/blog/gifts-for-a-new-home\"",
                "Ada Lovelace", "href=\"/blog?cursor=cG9zdHM%3D\"",
                "<link rel=\"canonical\" href=\"http://localhost:8080/blog\">");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("<h1>Ten gifts for a new home</h1>", "<p>A mug with their name.</p>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "<link rel=\"canonical\" href=\"http://localhost:8080/blog/gifts-for-a-new-home\">",
                "<meta property=\"og:type\" content=\"article\">",
                "<meta property=\"og:image\" content=\"http://localhost:8080/api/catalog/media/h1?size=800\">")
                .doesNotContain("<script>alert(1)</script>");
        JsonNode article = jsonLd(post.body(), "BlogPosting");
        assertThat(article.path("headline").asString()).isEqualTo("Ten gifts for a new home");
        assertThat(article.path("author").path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(article.path("datePublished").asString()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("could not find that article");
    }

    @Test
    void putsTheJournalInTheSitemap() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/sitemap")).willReturn(okJson("""
                {"products":[],"categories":[],"occasions":[],
                 "posts":[{"path":"/blog/gifts-for-a-new-home","lastModified":"2026-11-21T09:00:00Z"}]}""")));

        HttpResponse<String> sitemap = send(request("/sitemap.xml").GET());

        assertThat(sitemap.body()).contains("<loc>http://localhost:8080/blog</loc>",
                "<loc>http://localhost:8080/blog/gifts-for-a-new-home</loc>");
    }

    private HttpResponse<String> write(SignedIn shopper, String xsrf, String csrf, String form) throws Exception {
        return send(request("/account/reviews").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", shopper.sessionCookie() + "; " + xsrf)
                .POST(BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                        + "&productSlug=personalised-christmas-mug&" + form)));
    }

    private static JsonNode jsonLd(String html, String type) {
        List<JsonNode> blocks = new ArrayList<>();
        Matcher ld = LD.matcher(html);
        while (ld.find()) {
            blocks.add(JSON.readTree(ld.group(1)));
        }
        return blocks.stream().filter(b -> b.path("@type").asString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " JSON-LD in " + html));
    }

    private static String field(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}

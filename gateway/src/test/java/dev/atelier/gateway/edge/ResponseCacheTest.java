package dev.atelier.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gateway's shared cache over real HTTP, WireMock standing in for catalog: what a service declares public is
 * answered from the gateway for its {@code s-maxage}, what it does not is always asked for, and a shopper's reload
 * goes through. Every test asks paths of its own: the cache outlives a test, and the other tests' answers say
 * nothing about caching, so they are never kept.
 */
class ResponseCacheTest extends GatewayTest {

    private static final WireMockServer CATALOG = StandIns.CATALOG;
    private static final String PUBLIC = "public, max-age=0, s-maxage=5";

    @Autowired
    private MeterRegistry meters;

    private static String path() {
        return "/api/catalog/products?q=" + UUID.randomUUID();
    }

    private static ResponseDefinitionBuilder json(String body, String cacheControl) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("ETag", "\"" + Integer.toHexString(body.hashCode()) + "\"").withBody(body);
        return cacheControl == null ? answer : answer.withHeader("Cache-Control", cacheControl);
    }

    @Test
    void answersWhatTheServiceDeclaresPublicFromTheGatewayForItsSharedMaxAge() throws Exception {
        String path = path();
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"items\":[\"first\"]}", PUBLIC)));
        double hitsBefore = meters.counter("gateway.response.cache", "result", "hit").count();

        HttpResponse<String> first = send(request(path).GET());
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"items\":[\"second\"]}", PUBLIC)));
        HttpResponse<String> second = send(request(path).GET());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("{\"items\":[\"first\"]}").isEqualTo(first.body());
        CATALOG.verify(1, getRequestedFor(urlEqualTo(path)));
        // the service's caching rules reach the browser (which revalidates), not the security default of no-store
        assertThat(second.headers().firstValue("Cache-Control")).contains(PUBLIC);
        assertThat(second.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(second.headers().firstValue("Age")).hasValueSatisfying(age ->
                assertThat(Long.parseLong(age)).isBetween(0L, 5L));
        assertThat(second.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(second.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(meters.counter("gateway.response.cache", "result", "hit").count()).isEqualTo(hitsBefore + 1);
        // another query is another answer
        String other = path();
        CATALOG.stubFor(get(urlEqualTo(other)).willReturn(json("{\"items\":[\"other\"]}", PUBLIC)));
        assertThat(send(request(other).GET()).body()).isEqualTo("{\"items\":[\"other\"]}");
    }

    @Test
    void sendsAKeptAnswerGzippedToAClientThatTakesGzip() throws Exception {
        String path = path();
        String big = "{\"items\":[" + "\"a candle of beeswax\",".repeat(200) + "\"last\"]}";
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json(big, PUBLIC)));

        HttpResponse<byte[]> first = HTTP.send(request(path).header("Accept-Encoding", "gzip, deflate, br").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> kept = HTTP.send(request(path).header("Accept-Encoding", "gzip, deflate, br").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> plain = send(request(path).GET());
        HttpResponse<String> refused = send(request(path).header("Accept-Encoding", "gzip;q=0, identity").GET());

        CATALOG.verify(1, getRequestedFor(urlEqualTo(path)));
        assertThat(first.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(kept.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(kept.headers().allValues("Vary").toString()).containsIgnoringCase("Accept-Encoding");
        assertThat(kept.body().length).isLessThan(big.length() / 4);
        assertThat(gunzip(kept.body())).isEqualTo(gunzip(first.body())).isEqualTo(big);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(big);
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(big);
    }

    private static String gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void asksTheServiceAgainOnceTheAnswerIsOlderThanItsSharedMaxAge() throws Exception {
        String path = path();
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"v\":1}", "public, s-maxage=1")));
        assertThat(send(request(path).GET()).body()).isEqualTo("{\"v\":1}");
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"v\":2}", "public, s-maxage=1")));
        long changed = System.nanoTime();

        String body = send(request(path).GET()).body();
        long deadline = changed + Duration.ofSeconds(10).toNanos();
        while (!body.equals("{\"v\":2}") && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            body = send(request(path).GET()).body();
        }

        assertThat(body).isEqualTo("{\"v\":2}");
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isGreaterThan(Duration.ofMillis(500));
        CATALOG.verify(2, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void answersAHeldETagWith304WithoutAskingTheService() throws Exception {
        String path = path();
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"items\":[]}", PUBLIC)));
        String etag = send(request(path).GET()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> revalidated = send(request(path).header("If-None-Match", etag).GET());

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).contains(etag);
        CATALOG.verify(1, getRequestedFor(urlEqualTo(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s-maxage=5", "private, max-age=60", "public, no-store, s-maxage=5",
            "public,no-cache,s-maxage=5", "public, max-age=0", "no-cache, no-store, max-age=0, must-revalidate"})
    void keepsNothingTheServiceDoesNotDeclarePublicAndFresh(String cacheControl) throws Exception {
        String path = path();
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"items\":[]}",
                cacheControl.isEmpty() ? null : cacheControl)));

        send(request(path).GET());
        send(request(path).GET());

        CATALOG.verify(2, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void neverKeepsAnAnswerThatSetsACookieOrFailed() throws Exception {
        String withCookie = path();
        CATALOG.stubFor(get(urlEqualTo(withCookie)).willReturn(json("{}", PUBLIC)
                .withHeader("Set-Cookie", "who=someone; Path=/")));
        String missing = path();
        CATALOG.stubFor(get(urlEqualTo(missing)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withHeader("Cache-Control", PUBLIC)
                .withBody("{\"title\":\"Not found\"}")));

        for (String path : new String[] {withCookie, missing, withCookie, missing}) {
            send(request(path).GET());
        }

        CATALOG.verify(2, getRequestedFor(urlEqualTo(withCookie)));
        CATALOG.verify(2, getRequestedFor(urlEqualTo(missing)));
    }

    @Test
    void aReloadAsksTheServiceAndItsAnswerReplacesTheKeptOne() throws Exception {
        String path = path();
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"v\":1}", PUBLIC)));
        send(request(path).GET());
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"v\":2}", PUBLIC)));

        HttpResponse<String> reload = send(request(path).header("Cache-Control", "no-cache").GET());
        HttpResponse<String> next = send(request(path).GET());
        HttpResponse<String> forced = send(request(path).header("Pragma", "no-cache").GET());

        assertThat(reload.body()).isEqualTo("{\"v\":2}");
        assertThat(next.body()).isEqualTo("{\"v\":2}");
        assertThat(forced.body()).isEqualTo("{\"v\":2}");
        CATALOG.verify(3, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void keepsOneAnswerPerValueOfTheHeadersItVariesBy() throws Exception {
        String path = path();
        CATALOG.stubFor(get(urlEqualTo(path)).willReturn(json("{\"lang\":\"any\"}", PUBLIC)
                .withHeader("Vary", "Accept-Language, Accept-Encoding")));

        send(request(path).header("Accept-Language", "en-GB").GET());
        send(request(path).header("Accept-Language", "en-GB").GET());
        send(request(path).header("Accept-Language", "fr-FR").GET());

        CATALOG.verify(2, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void neverKeepsAnswersToAnythingButAGetOfAnApiRoute() throws Exception {
        String page = "/pay/sandbox/" + UUID.randomUUID();
        StandIns.PAYMENT.stubFor(get(urlEqualTo(page)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withHeader("Cache-Control", PUBLIC).withBody("<p>pay</p>")));

        send(request(page).GET());
        send(request(page).GET());

        StandIns.PAYMENT.verify(2, getRequestedFor(urlEqualTo(page)));
    }
}

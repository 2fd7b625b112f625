package dev.atelier.gateway.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import reactor.core.publisher.Flux;

/** A whole page comes out byte for byte as Thymeleaf's own engine writes it, in one buffer. */
class WholePageTemplateEngineTest {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en-GB"><head><title th:text="${title} + ' · Atelier'">t</title></head>
            <body><ul><li th:each="p : ${products}" th:attr="data-sku=${p.sku}"><a th:href="@{https://shop.example/products/{s}(s=${p.slug})}"
            th:text="${p.name}">n</a> <span th:text="${p.price}">£0</span><input type="checkbox" th:checked="${p.gift}"></li></ul>
            <p th:utext="${note}"></p></body></html>""";

    private static final Map<String, Object> MODEL = Map.of(
            "title", "Cadeaux personnalisés — £12.99 & “quotes”",
            "products", List.of(
                    Map.of("sku", "MUG-XMAS-001", "slug", "personalised-christmas-mug", "name", "Mug <Zoë> 日本",
                            "price", "£12.99", "gift", true),
                    Map.of("sku", "CARD-001", "slug", "card", "name", "Card ✂ 🎁", "price", "£3.50", "gift", false)),
            "note", "<b>Made to order</b> in Bath " + "é".repeat(20_000));

    private static String render(SpringWebFluxTemplateEngine engine, int chunk) {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        Flux<DataBuffer> buffers = Flux.from(engine.processStream(PAGE, null, new Context(null, MODEL),
                DefaultDataBufferFactory.sharedInstance, MediaType.TEXT_HTML, StandardCharsets.UTF_8, chunk));
        DataBuffer joined = DataBufferUtils.join(buffers).block();
        return joined.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameBytesAsThymeleafsEngine() {
        String stock = render(new SpringWebFluxTemplateEngine(), Integer.MAX_VALUE);
        String ours = render(new WholePageTemplateEngine(), Integer.MAX_VALUE);

        assertThat(ours).isEqualTo(stock).contains("Mug &lt;Zoë&gt; 日本", "Card ✂ 🎁", "data-sku=\"MUG-XMAS-001\"",
                "<b>Made to order</b>", "£12.99");
    }

    @Test
    void leavesChunkedRenderingToThymeleaf() {
        assertThat(render(new WholePageTemplateEngine(), 1024))
                .isEqualTo(render(new SpringWebFluxTemplateEngine(), 1024));
    }

    @Test
    void aTemplateErrorIsAnErrorOfThePublisherNotAHalfPage() {
        SpringWebFluxTemplateEngine engine = new WholePageTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        engine.setTemplateResolver(resolver);

        assertThatThrownBy(() -> Flux.from(engine.processStream("<p th:text=\"${missing.name}\"></p>", null,
                new Context(), DefaultDataBufferFactory.sharedInstance, MediaType.TEXT_HTML, StandardCharsets.UTF_8,
                Integer.MAX_VALUE)).blockLast()).hasMessageContaining("missing.name");
    }
}

package dev.atelier.gateway.storefront;

import java.nio.charset.Charset;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.thymeleaf.context.IContext;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.spring6.context.webflux.IReactiveDataDriverContextVariable;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.thymeleaf.util.FastStringWriter;
import reactor.core.publisher.Mono;

/**
 * Thymeleaf's WebFlux engine, except that a whole page (the storefront renders nothing else) is written into a
 * string and encoded once. The stock engine writes each attribute, tag and text of the page through an unbuffered
 * {@code OutputStreamWriter}, one charset encoder call per piece: a profile of the render benchmark put 8 % of the
 * gateway's CPU there. Chunked and data-driven rendering (not used by the storefront) are left to the stock engine.
 * The bytes are the same: {@code WholePageTemplateEngineTest}.
 */
class WholePageTemplateEngine extends SpringWebFluxTemplateEngine {

    @Override
    public Publisher<DataBuffer> processStream(String template, @Nullable Set<String> markupSelectors,
            IContext context, DataBufferFactory bufferFactory, MediaType mediaType, Charset charset,
            int responseMaxChunkSizeBytes) {
        if (responseMaxChunkSizeBytes != Integer.MAX_VALUE || mediaType.includes(MediaType.TEXT_EVENT_STREAM)
                || drivenByData(context)) {
            return super.processStream(template, markupSelectors, context, bufferFactory, mediaType, charset,
                    responseMaxChunkSizeBytes);
        }
        return Mono.fromCallable(() -> {
            FastStringWriter page = new FastStringWriter(16 * 1024);
            process(template, markupSelectors, context, page);
            return bufferFactory.wrap(page.toString().getBytes(charset));
        });
    }

    private static boolean drivenByData(IContext context) {
        for (String name : context.getVariableNames()) {
            if (context.getVariable(name) instanceof IReactiveDataDriverContextVariable) {
                return true;
            }
        }
        return false;
    }

    /** In place of Spring Boot's engine, configured as Boot configures it. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        SpringWebFluxTemplateEngine templateEngine(ThymeleafProperties properties,
                ObjectProvider<ITemplateResolver> resolvers, ObjectProvider<IDialect> dialects) {
            WholePageTemplateEngine engine = new WholePageTemplateEngine();
            engine.setEnableSpringELCompiler(properties.isEnableSpringElCompiler());
            engine.setRenderHiddenMarkersBeforeCheckboxes(properties.isRenderHiddenMarkersBeforeCheckboxes());
            resolvers.orderedStream().forEach(engine::addTemplateResolver);
            dialects.orderedStream().forEach(engine::addDialect);
            return engine;
        }
    }
}

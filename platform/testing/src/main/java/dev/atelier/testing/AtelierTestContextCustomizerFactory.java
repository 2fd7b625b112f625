package dev.atelier.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Points an {@link AtelierTest} context at the shared embedded infrastructure and a database of its own. */
class AtelierTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AtelierTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, AtelierTest.class);
        return annotation == null ? null : new InfrastructureCustomizer(annotation.database());
    }

    private record InfrastructureCustomizer(String databasePrefix) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            SharedInfrastructure infrastructure = SharedInfrastructure.get();
            Map<String, Object> properties = new LinkedHashMap<>(
                    infrastructure.springProperties(infrastructure.freshDatabase(databasePrefix)));
            // resource servers (platform/web's security) trust the test token issuer of this JVM
            properties.put("atelier.security.jwk-set-uri", TestTokens.get().jwkSetUri());
            properties.put("atelier.security.issuer", TestTokens.ISSUER);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("atelierTestInfrastructure",
                    properties));
        }
    }
}

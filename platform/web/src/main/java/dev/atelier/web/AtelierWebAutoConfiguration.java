package dev.atelier.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Gives every servlet service of the platform the same web behaviour: problem+json for every error (replacing
 * Boot's problem-details handler and error page), signed cursors and a limit on JSON bodies.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class AtelierWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Cursors atelierCursors(WebProperties properties) {
        return new Cursors(properties.cursorSecret());
    }

    @Bean
    ApiProblems atelierApiProblems() {
        return new ApiProblems();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController atelierProblemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    FilterRegistrationBean<JsonBodyLimitFilter> atelierJsonBodyLimit(WebProperties properties) {
        FilterRegistrationBean<JsonBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new JsonBodyLimitFilter(properties.maxJsonBody()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    static class DataAccess {

        @Bean
        DataAccessProblems atelierDataAccessProblems() {
            return new DataAccessProblems();
        }
    }
}

package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogMessage;

/**
 * A log message at a level that is off costs nothing: Spring's classes hand Commons Logging lazy messages on every
 * request, and the adapter this module configures ({@code commons-logging.properties}) renders them only when their
 * level is on, while the message still reaches Logback when it is.
 */
class QuietLoggingTest {

    @Test
    void aMessageBelowTheLoggersLevelIsNeverRendered() {
        Log log = LogFactory.getLog("dev.atelier.gateway.quiet");
        AtomicInteger rendered = new AtomicInteger();

        log.debug(LogMessage.of(() -> {
            rendered.incrementAndGet();
            return "an expensive message";
        }));

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(rendered).as("the message was never turned into text").hasValue(0);
    }

    @Test
    void aMessageAtAnEnabledLevelIsStillRendered() {
        Log log = LogFactory.getLog("dev.atelier.gateway.quiet");
        AtomicInteger rendered = new AtomicInteger();

        log.warn(LogMessage.of(() -> {
            rendered.incrementAndGet();
            return "QuietLoggingTest: a warning that must reach the log";
        }));

        assertThat(log.isWarnEnabled()).isTrue();
        assertThat(rendered).hasValue(1);
    }
}

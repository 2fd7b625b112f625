package dev.atelier.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * GreenMail as the SMTP server of the test context, on a port chosen once, so that a test can stop it (the
 * server refuses connections) and start it again on the same port (it accepts). It also serves the bounce mailbox
 * over IMAP ({@link #BOUNCE_ADDRESS}, the envelope sender of every e-mail), which the bounce job reads.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSmtp {

    public static final String BOUNCE_ADDRESS = "bounces@atelier.test";
    public static final String BOUNCE_LOGIN = "bounces";
    public static final String BOUNCE_PASSWORD = "bounce-mailbox-secret";

    @Bean(destroyMethod = "stop")
    GreenMail greenMail() {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(BOUNCE_ADDRESS, BOUNCE_LOGIN,
                        BOUNCE_PASSWORD));
        greenMail.start();
        return greenMail;
    }

    @Bean
    DynamicPropertyRegistrar smtpServer(GreenMail greenMail) {
        return registry -> {
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
            // the rest of the bounce settings are @NotificationTest's: the job's condition is read before this runs
            registry.add("atelier.bounces.port", () -> greenMail.getImap().getPort());
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

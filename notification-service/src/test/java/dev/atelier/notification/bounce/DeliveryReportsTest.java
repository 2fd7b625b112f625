package dev.atelier.notification.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Delivery status notifications read without Spring: which e-mail, which recipient, what the server said. */
class DeliveryReportsTest {

    private static final UUID EMAIL = UUID.fromString("0193a6f0-7c1e-7000-8000-00000000a001");

    @Test
    void tracesAFailureByTheVerpAddressItWasDeliveredTo() throws Exception {
        MimeMessage dsn = Dsns.report("bounces+" + EMAIL + "@atelier.example", "Hannah@Example.co.uk", "failed",
                "5.1.1", "550 5.1.1 <hannah@example.co.uk>: Recipient address rejected: User unknown",
                Dsns.originalHeaders("<someone-else@elsewhere>", "hannah@example.co.uk"));

        assertThat(DeliveryReports.read(dsn)).containsExactly(new DeliveryReport(EMAIL, "hannah@example.co.uk",
                "5.1.1", "smtp; 550 5.1.1 <hannah@example.co.uk>: Recipient address rejected: User unknown"));
    }

    @Test
    void tracesAFailureByTheReturnedMessageIdWhenTheEnvelopeAddressSaysNothing() throws Exception {
        MimeMessage dsn = Dsns.report("bounces@atelier.example", "hannah@example.co.uk", "failed", "5.2.2",
                "552 5.2.2 Mailbox full", Dsns.originalHeaders("<" + EMAIL + "@atelier.example>", "hannah@example.co.uk"));

        assertThat(DeliveryReports.read(dsn)).extracting(DeliveryReport::emailId, DeliveryReport::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EMAIL, "5.2.2"));
    }

    @Test
    void aDelayIsNoBounceAndAPlainMessageIsNoReport() throws Exception {
        MimeMessage delayed = Dsns.report("bounces+" + EMAIL + "@atelier.example", "hannah@example.co.uk", "delayed",
                "4.4.1", "421 4.4.1 Connection timed out", Dsns.originalHeaders("<x@y>", "hannah@example.co.uk"));
        MimeMessage autoReply = new MimeMessage(Session.getInstance(new Properties()));
        autoReply.setSubject("Out of office");
        autoReply.setText("Back on Monday");
        autoReply.saveChanges();

        assertThat(DeliveryReports.read(delayed)).isEmpty();
        assertThat(DeliveryReports.read(autoReply)).isEmpty();
    }

    @Test
    void aReportThatNamesNoEmailOfOursIsIgnored() throws Exception {
        MimeMessage dsn = Dsns.report("postmaster@atelier.example", "hannah@example.co.uk", "failed", "5.1.1",
                "550 User unknown", Dsns.originalHeaders("<20261122.abc@elsewhere.example>", "hannah@example.co.uk"));

        assertThat(DeliveryReports.read(dsn)).isEmpty();
    }
}

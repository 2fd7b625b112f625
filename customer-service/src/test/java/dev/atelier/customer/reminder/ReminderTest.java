package dev.atelier.customer.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.Customer;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reminders through the API, and ReminderDue once per reminder per year. */
@CustomerTest
class ReminderTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    @Autowired
    Reminders reminders;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReminderIsSentOnceWhenItsOccasionIsCloseEnough() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("reminded"));
        Api api = new Api(port);
        String token = tokens.customer(customer.id());
        // a date far from today's real date, so that other runs of the job leave it alone
        LocalDate today = LocalDate.of(2031, 3, 7);
        Api.Answer added = api.post("/api/account/reminders", token, """
                {"forWhom": "Mum", "occasion": "BIRTHDAY", "date": "03-14", "daysBefore": 7}""");
        assertThat(added.status()).isEqualTo(201);
        String id = added.body().path("id").asString();
        assertThat(api.get("/api/account/reminders", token).body().get(0).path("date").asString()).isEqualTo("03-14");

        try (EventProbe probe = EventProbe.on(Topics.CUSTOMER_CUSTOMER)) {
            reminders.sendDue(today.minusDays(1));
            assertThat(lastSentYear(id)).as("not sent yet").isZero();

            reminders.sendDue(today);
            reminders.sendDue(today.plusDays(1));
            ReminderDue due = probe.awaitEvent(ReminderDue.class, e -> e.reminderId().toString().equals(id),
                    Duration.ofSeconds(30));
            assertThat(due.occasionDate()).isEqualTo(LocalDate.of(2031, 3, 14));
            assertThat(due.email()).isEqualTo(customer.email());
            assertThat(lastSentYear(id)).isEqualTo(2031);

            reminders.sendDue(LocalDate.of(2032, 3, 8));
            probe.awaitEvent(ReminderDue.class, e -> e.reminderId().toString().equals(id)
                    && e.occasionDate().getYear() == 2032, Duration.ofSeconds(30));
            assertThat(probe.events(ReminderDue.class).stream()
                    .filter(e -> e.reminderId().toString().equals(id) && e.occasionDate().getYear() == 2031)).hasSize(1);
        }
    }

    @Test
    void aLeapDayFallsOnTheTwentyEighthInOtherYearsAndBadDatesAreRefused() {
        Reminder leap = new Reminder(UUID.randomUUID(), "Gran", "BIRTHDAY", MonthDay.of(2, 29), 3);
        assertThat(leap.nextOccurrence(LocalDate.of(2027, 2, 1))).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(leap.nextOccurrence(LocalDate.of(2028, 2, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(leap.nextOccurrence(LocalDate.of(2027, 12, 30))).isEqualTo(LocalDate.of(2028, 2, 29));

        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("baddate"));
        Api.Answer bad = new Api(port).post("/api/account/reminders", tokens.customer(customer.id()), """
                {"forWhom": "Nobody", "occasion": "BIRTHDAY", "date": "02-30", "daysBefore": 7}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("date");
    }

    /** The year the reminder was last sent for, 0 when never. */
    private int lastSentYear(String id) {
        return jdbc.sql("SELECT coalesce(last_sent_year, 0) FROM reminder WHERE id = ?").param(UUID.fromString(id))
                .query(Integer.class).single();
    }
}

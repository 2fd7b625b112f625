package dev.atelier.customer.reminder;

import dev.atelier.events.customer.ReminderDue;
import dev.atelier.messaging.outbox.Outbox;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's reminders, and sending those that are due: {@link #sendDue} marks a reminder as sent for the
 * occasion's year with a conditional UPDATE and records ReminderDue in the same transaction, so a reminder goes out
 * once per year even if the job runs twice or on two replicas.
 */
@Service
public class Reminders {

    public static final int MAX_PER_CUSTOMER = 50;

    private final JdbcClient jdbc;
    private final Outbox outbox;

    Reminders(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    public List<Reminder> of(UUID customerId) {
        return jdbc.sql("SELECT id, for_whom, occasion, month, day, days_before FROM reminder WHERE customer_id = ? "
                + "ORDER BY month, day, created_at").param(customerId).query(Reminders::map).list();
    }

    /** Adds a reminder, or returns empty when the customer already has {@link #MAX_PER_CUSTOMER}. */
    @Transactional
    public java.util.Optional<Reminder> add(UUID customerId, String forWhom, String occasion, MonthDay date,
            int daysBefore) {
        jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(UUID.class).single();
        if (jdbc.sql("SELECT count(*) FROM reminder WHERE customer_id = ?").param(customerId).query(Integer.class)
                .single() >= MAX_PER_CUSTOMER) {
            return java.util.Optional.empty();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO reminder (id, customer_id, for_whom, occasion, month, day, days_before) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, customerId, forWhom, occasion, date.getMonthValue(), date.getDayOfMonth(), daysBefore)
                .update();
        return java.util.Optional.of(new Reminder(id, forWhom, occasion, date, daysBefore));
    }

    public boolean delete(UUID customerId, UUID id) {
        return jdbc.sql("DELETE FROM reminder WHERE customer_id = ? AND id = ?").params(customerId, id).update() == 1;
    }

    /** Sends every reminder of an active account that is due on {@code today}; returns how many were sent. */
    @Transactional
    public int sendDue(LocalDate today) {
        record Candidate(Reminder reminder, UUID customerId, String email, String displayName, Integer lastSentYear) {
        }
        List<Candidate> candidates = jdbc.sql("""
                SELECT r.id, r.for_whom, r.occasion, r.month, r.day, r.days_before, r.last_sent_year,
                       c.id AS customer_id, c.email, c.display_name
                FROM reminder r JOIN customer c ON c.id = r.customer_id
                WHERE c.status = 'ACTIVE'
                ORDER BY r.id
                FOR UPDATE OF r SKIP LOCKED
                """).query((rs, n) -> new Candidate(map(rs, n), rs.getObject("customer_id", UUID.class),
                rs.getString("email"), rs.getString("display_name"), (Integer) rs.getObject("last_sent_year")))
                .list();
        int sent = 0;
        for (Candidate candidate : candidates) {
            Reminder reminder = candidate.reminder();
            LocalDate occasion = reminder.nextOccurrence(today);
            boolean due = !today.plusDays(reminder.daysBefore()).isBefore(occasion);
            boolean alreadySent = candidate.lastSentYear() != null && candidate.lastSentYear() >= occasion.getYear();
            if (due && !alreadySent && jdbc.sql("UPDATE reminder SET last_sent_year = ? WHERE id = ? "
                            + "AND (last_sent_year IS NULL OR last_sent_year < ?)")
                    .params(occasion.getYear(), reminder.id(), occasion.getYear()).update() == 1) {
                outbox.record(new ReminderDue(reminder.id(), candidate.customerId(), candidate.email(),
                        candidate.displayName(), reminder.forWhom(), reminder.occasion(), occasion,
                        reminder.daysBefore()));
                sent++;
            }
        }
        return sent;
    }

    private static Reminder map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Reminder(rs.getObject("id", UUID.class), rs.getString("for_whom"), rs.getString("occasion"),
                MonthDay.of(rs.getInt("month"), rs.getInt("day")), rs.getInt("days_before"));
    }
}

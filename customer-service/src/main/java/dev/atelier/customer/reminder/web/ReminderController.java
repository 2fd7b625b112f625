package dev.atelier.customer.reminder.web;

import dev.atelier.customer.reminder.Reminder;
import dev.atelier.customer.reminder.Reminders;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's occasion reminders. */
@RestController
@RequestMapping("/api/account/reminders")
class ReminderController {

    private final Reminders reminders;

    ReminderController(Reminders reminders) {
        this.reminders = reminders;
    }

    /** {@code date} is the yearly day as {@code MM-DD} (a birthday's year is nobody's business). */
    record ReminderRequest(@NotBlank @Size(max = 100) String forWhom,
            @NotBlank @Pattern(regexp = "BIRTHDAY|ANNIVERSARY|CHRISTMAS|MOTHERS_DAY|FATHERS_DAY|VALENTINES|OTHER",
                    message = "must be one of BIRTHDAY, ANNIVERSARY, CHRISTMAS, MOTHERS_DAY, FATHERS_DAY, VALENTINES, OTHER")
            String occasion,
            @NotBlank @Pattern(regexp = "\\d{2}-\\d{2}", message = "must be MM-DD, like 03-14") String date,
            @NotNull @Min(1) @Max(60) Integer daysBefore) {
    }

    record ReminderView(UUID id, String forWhom, String occasion, String date, int daysBefore) {
        static ReminderView of(Reminder reminder) {
            return new ReminderView(reminder.id(), reminder.forWhom(), reminder.occasion(),
                    String.format("%02d-%02d", reminder.date().getMonthValue(), reminder.date().getDayOfMonth()),
                    reminder.daysBefore());
        }
    }

    @GetMapping
    List<ReminderView> list(Caller caller) {
        return reminders.of(caller.customerId()).stream().map(ReminderView::of).toList();
    }

    @PostMapping
    ResponseEntity<ReminderView> add(Caller caller, @Valid @RequestBody ReminderRequest request) {
        MonthDay date;
        try {
            date = MonthDay.parse("--" + request.date());
        } catch (DateTimeException e) {
            throw ProblemException.validation(List.of(new FieldProblem("date", "'" + request.date()
                    + "' is not a day of the year")));
        }
        Reminder added = reminders.add(caller.customerId(), request.forWhom().strip(), request.occasion(), date,
                request.daysBefore()).orElseThrow(() -> ProblemException.conflict("too-many-reminders",
                "an account keeps at most " + Reminders.MAX_PER_CUSTOMER + " reminders"));
        return ResponseEntity.status(HttpStatus.CREATED).body(ReminderView.of(added));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
        if (!reminders.delete(caller.customerId(), id)) {
            throw ProblemException.notFound("unknown-reminder", "no reminder " + id + " in this account");
        }
        return ResponseEntity.noContent().build();
    }
}

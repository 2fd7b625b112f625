-- Occasion reminders: a yearly date (month and day), how many days ahead to remind, and the last year reminded,
-- which makes the reminder go out once per year whatever the job's schedule or retries.
CREATE TABLE reminder (
    id               uuid        PRIMARY KEY,
    customer_id      uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    for_whom         text        NOT NULL,
    occasion         text        NOT NULL,
    month            int         NOT NULL CHECK (month BETWEEN 1 AND 12),
    day              int         NOT NULL CHECK (day BETWEEN 1 AND 31),
    days_before      int         NOT NULL CHECK (days_before BETWEEN 1 AND 60),
    last_sent_year   int,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reminder_by_customer ON reminder (customer_id, created_at);

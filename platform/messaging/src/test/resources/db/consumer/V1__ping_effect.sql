-- No unique constraint on purpose: a duplicate effect must be visible to the tests, not hidden by the schema.
CREATE TABLE ping_effect (
    id        bigserial PRIMARY KEY,
    event_id  uuid   NOT NULL,
    ping_id   uuid   NOT NULL,
    ping_key  text   NOT NULL,
    seq       bigint NOT NULL,
    run       text   NOT NULL,
    trace_id  text
);

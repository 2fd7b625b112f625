-- Written by the relay's Debezium heartbeat (its action query) every heartbeat interval. The table is published
-- like the outbox, so that each beat reaches the relay as a change it acknowledges: the slot then advances and the
-- database frees old WAL even when no event is published. The relay never sends these rows to Kafka, and each beat
-- deletes the beats older than a minute.
CREATE TABLE outbox_relay_heartbeat (
    id      bigserial   PRIMARY KEY,
    relay   text        NOT NULL,
    beat_at timestamptz NOT NULL DEFAULT now()
);

ALTER PUBLICATION atelier_outbox ADD TABLE outbox_relay_heartbeat;

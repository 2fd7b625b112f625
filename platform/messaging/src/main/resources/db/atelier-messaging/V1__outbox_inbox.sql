-- The transactional outbox, shaped for Debezium's Outbox Event Router: aggregatetype carries the
-- destination topic, aggregateid the record key, type and version the eventType/eventVersion headers.
CREATE TABLE outbox (
    id            uuid        PRIMARY KEY,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    version       integer     NOT NULL,
    payload       jsonb       NOT NULL,
    traceparent   text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only inserts are relayed: the relay's own deletes of captured rows never reach the stream.
CREATE PUBLICATION atelier_outbox FOR TABLE outbox WITH (publish = 'insert');

-- The Debezium engine's offsets (connector position), kept in the service's own database.
CREATE TABLE outbox_relay_offset (
    relay      text  NOT NULL,
    offset_key bytea NOT NULL,
    offset_value bytea,
    PRIMARY KEY (relay, offset_key)
);

-- Events already applied by this service's consumers: one row per event id, written in the same
-- transaction as the effect, so that a redelivery changes nothing.
CREATE TABLE inbox (
    event_id     uuid        PRIMARY KEY,
    event_type   text        NOT NULL,
    topic        text        NOT NULL,
    partition_no integer     NOT NULL,
    offset_no    bigint      NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_processed_at ON inbox (processed_at);

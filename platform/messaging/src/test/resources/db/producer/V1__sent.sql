CREATE TABLE sent (
    id           bigserial PRIMARY KEY,
    aggregate_id text NOT NULL
);

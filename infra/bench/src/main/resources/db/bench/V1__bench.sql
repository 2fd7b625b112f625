-- The benchmark's business change: one row per transaction, written with its events.
CREATE TABLE bench_change (
    id  bigserial PRIMARY KEY,
    run text NOT NULL
);

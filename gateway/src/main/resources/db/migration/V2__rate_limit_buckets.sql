-- The rate limiter's buckets, shared by every gateway replica (Bucket4j's serialised state, swapped by
-- compare-and-swap). A row idle past expires_at would be a full bucket again and is deleted.
CREATE TABLE rate_limit_bucket (
    key        TEXT        NOT NULL PRIMARY KEY,
    state      BYTEA       NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX rate_limit_bucket_expiry ON rate_limit_bucket (expires_at);

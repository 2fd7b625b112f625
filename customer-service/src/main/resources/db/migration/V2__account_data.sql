-- Saved addresses (UK): at most one default per customer.
CREATE TABLE address (
    id          uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    line1       text        NOT NULL,
    line2       text,
    city        text        NOT NULL,
    postcode    text        NOT NULL,
    country     text        NOT NULL DEFAULT 'GB',
    is_default  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX address_by_customer ON address (customer_id, created_at);
CREATE UNIQUE INDEX address_one_default ON address (customer_id) WHERE is_default;

-- Marketing consent: every change is a row (the current state is the latest), so the history proves what was agreed.
CREATE TABLE marketing_consent (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    granted     boolean     NOT NULL,
    source      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX marketing_consent_by_customer ON marketing_consent (customer_id, id DESC);

-- Data export and erasure requests, with this service's own part and when each service confirmed.
CREATE TABLE data_request (
    id           uuid        PRIMARY KEY,
    customer_id  uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('EXPORT', 'ERASURE')),
    requested_at timestamptz NOT NULL,
    own_part     text
);
CREATE INDEX data_request_by_customer ON data_request (customer_id, requested_at DESC);

CREATE TABLE data_request_confirmation (
    request_id   uuid        NOT NULL REFERENCES data_request (id) ON DELETE CASCADE,
    service      text        NOT NULL,
    confirmed_at timestamptz NOT NULL,
    PRIMARY KEY (request_id, service)
);

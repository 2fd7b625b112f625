-- One payment per order: the provider session opened for it and what the provider reported since.
-- Amounts are minor units of the order's currency; no card data is ever stored here (the card page is the provider's).
CREATE TABLE payment (
    id                      uuid        PRIMARY KEY,
    order_id                uuid        NOT NULL UNIQUE,
    order_number            text        NOT NULL,
    method                  text        NOT NULL,
    provider                text        NOT NULL,
    -- what the provider collects: the order's amount minus what a gift card covers (0 when it covers it all)
    amount                  bigint      NOT NULL CHECK (amount >= 0),
    gift_card_amount        bigint      NOT NULL DEFAULT 0 CHECK (gift_card_amount >= 0),
    currency                char(3)     NOT NULL,
    customer_email          text        NOT NULL,
    -- where the provider's page sends the shopper back, and the lines it shows: fixed at the first call
    success_url             text        NOT NULL,
    cancel_url              text        NOT NULL,
    line_items              jsonb       NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('PENDING', 'OPEN', 'PROCESSING', 'SUCCEEDED', 'FAILED',
                                                                   'EXPIRED', 'CANCELLED', 'MISMATCH')),
    -- derived from the order, written before the provider is first called, sent on every retry
    idempotency_key         text        NOT NULL UNIQUE,
    session_id              text        UNIQUE,
    redirect_url            text,
    expires_at              timestamptz,
    provider_reference      text,
    paid_amount             bigint      CHECK (paid_amount >= 0),
    paid_currency           char(3),
    -- refunds announced with PaymentRefunded, and the cumulative refunded figure the provider last reported
    refunded_amount         bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    provider_refunded       bigint      NOT NULL DEFAULT 0 CHECK (provider_refunded >= 0),
    order_cancelled         boolean     NOT NULL DEFAULT false,
    disputed                boolean     NOT NULL DEFAULT false,
    failure_reason          text,
    open_attempts           integer     NOT NULL DEFAULT 0,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payment_refunds_within_paid CHECK (refunded_amount <= coalesce(paid_amount, 0))
);
CREATE INDEX payment_pending ON payment (updated_at) WHERE status = 'PENDING';
CREATE INDEX payment_open_by_expiry ON payment (expires_at) WHERE status = 'OPEN';
CREATE INDEX payment_by_reference ON payment (provider_reference);

-- What happened to a payment, for the back-office: attempts, provider answers, webhooks, alerts.
CREATE TABLE payment_record (
    id                bigserial   PRIMARY KEY,
    payment_id        uuid        NOT NULL REFERENCES payment (id),
    kind              text        NOT NULL,
    detail            text,
    provider_event_id text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_record_by_payment ON payment_record (payment_id, id);

-- Every provider event id ever applied, written in the same transaction as its effect: a replay changes nothing.
CREATE TABLE provider_event (
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    payment_id  uuid,
    outcome     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

-- Refunds this service asked a provider for. PENDING until the provider confirmed; retried with the same key.
CREATE TABLE refund (
    id                 uuid        PRIMARY KEY,
    payment_id         uuid        NOT NULL REFERENCES payment (id),
    amount             bigint      NOT NULL CHECK (amount > 0),
    reason             text        NOT NULL,
    actor              text        NOT NULL,
    idempotency_key    text        NOT NULL UNIQUE,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_reference text,
    attempts           integer     NOT NULL DEFAULT 0,
    last_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refund_pending ON refund (updated_at) WHERE status = 'PENDING';
CREATE INDEX refund_by_payment ON refund (payment_id);

-- The local sandbox provider's own sessions (what Stripe would keep on its side).
CREATE TABLE sandbox_session (
    id              text        PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    payment_id      uuid        NOT NULL,
    order_id        uuid        NOT NULL,
    order_number    text        NOT NULL,
    amount          bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    customer_email  text        NOT NULL,
    success_url     text        NOT NULL,
    cancel_url      text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('OPEN', 'COMPLETE', 'EXPIRED')),
    payment_intent  text,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Gift cards. The code is a bearer secret: only its SHA-256 is kept, and its last four characters for people.
-- balance is the money on the card, held what pending checkouts have put aside: never negative, never over.
CREATE TABLE gift_card (
    id             uuid        PRIMARY KEY,
    code_hash      bytea       NOT NULL UNIQUE,
    last4          text        NOT NULL,
    currency       char(3)     NOT NULL,
    initial_amount bigint      NOT NULL CHECK (initial_amount > 0),
    balance        bigint      NOT NULL CHECK (balance >= 0),
    held           bigint      NOT NULL DEFAULT 0 CHECK (held >= 0),
    expires_at     timestamptz,
    issued_by      text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT gift_card_held_within_balance CHECK (held <= balance)
);

-- Every change of a card's balance or hold, written with it: the figures always equal these sums.
CREATE TABLE gift_card_ledger (
    id            bigserial   PRIMARY KEY,
    gift_card_id  uuid        NOT NULL REFERENCES gift_card (id),
    kind          text        NOT NULL CHECK (kind IN ('ISSUE', 'HOLD', 'RELEASE', 'SPEND', 'RESTORE')),
    balance_delta bigint      NOT NULL,
    held_delta    bigint      NOT NULL,
    order_id      uuid,
    actor         text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gift_card_ledger_by_card ON gift_card_ledger (gift_card_id, id);

-- What a checkout holds on a card, one per order: HELD on PaymentRequested, then SPENT or RELEASED (or RESTORED).
CREATE TABLE gift_card_hold (
    order_id     uuid        PRIMARY KEY,
    gift_card_id uuid        NOT NULL REFERENCES gift_card (id),
    amount       bigint      NOT NULL CHECK (amount > 0),
    status       text        NOT NULL CHECK (status IN ('HELD', 'SPENT', 'RELEASED', 'RESTORED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- ShedLock: scheduled jobs that must run on one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

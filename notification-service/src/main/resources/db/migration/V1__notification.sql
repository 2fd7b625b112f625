-- The e-mail log: every e-mail this service means to send, written in the same transaction as the inbox row of
-- the event that caused it. (template, cause_key) is unique, so a cause never yields the same e-mail twice.
CREATE TABLE email (
    id                  uuid        PRIMARY KEY,
    template            text        NOT NULL,
    cause_key           text        NOT NULL,
    category            text        NOT NULL CHECK (category IN ('TRANSACTIONAL', 'MARKETING', 'STAFF')),
    recipient           text        NOT NULL,
    subject             text        NOT NULL,
    html_body           text        NOT NULL,
    text_body           text        NOT NULL,
    headers             jsonb       NOT NULL DEFAULT '{}',
    status              text        NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED',
                                                               'SUPPRESSED')),
    attempts            integer     NOT NULL DEFAULT 0,
    retry_base          integer     NOT NULL DEFAULT 0,
    interrupted_sends   integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz,
    claimed_until       timestamptz,
    last_error          text,
    provider_message_id text,
    order_id            uuid,
    cart_id             uuid,
    customer_id         uuid,
    event_id            uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    CONSTRAINT email_once_per_cause UNIQUE (template, cause_key),
    CONSTRAINT email_attempts_not_negative CHECK (attempts >= 0 AND retry_base >= 0 AND retry_base <= attempts)
);
CREATE INDEX email_due ON email (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX email_claimed ON email (claimed_until) WHERE status = 'SENDING';
CREATE INDEX email_by_recipient ON email (lower(recipient), id);
CREATE INDEX email_by_order ON email (order_id) WHERE order_id IS NOT NULL;

-- Addresses that must not receive marketing mail (one-click unsubscribe); transactional mail is not affected.
CREATE TABLE suppression (
    address    text        PRIMARY KEY,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The order as notification knows it from OrderPlaced/OrderConfirmed: enough to mail about it without calling
-- order-service (payment events carry only the order id).
CREATE TABLE order_view (
    order_id       uuid        PRIMARY KEY,
    order_number   text        NOT NULL,
    customer_email text        NOT NULL,
    customer_id    uuid,
    details        jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

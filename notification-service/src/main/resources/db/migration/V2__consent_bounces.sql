-- Marketing consent per address (lower-cased), the latest answer winning by changed_at: from customer-service's
-- MarketingConsentChanged, a guest's confirmed double opt-in, or a one-click unsubscribe. Marketing mail goes only
-- where granted is true; no row means no consent.
CREATE TABLE marketing_consent (
    address     text        PRIMARY KEY,
    granted     boolean     NOT NULL,
    source      text        NOT NULL,
    customer_id uuid,
    changed_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX marketing_consent_by_customer ON marketing_consent (customer_id) WHERE customer_id IS NOT NULL;

-- A guest's double opt-in: the confirmation mail last sent for the address (request_id names its cause), so that a
-- repeated request within the resend interval sends nothing more, and when the link was confirmed.
CREATE TABLE subscription_request (
    address         text        PRIMARY KEY,
    request_id      uuid        NOT NULL,
    first_asked_at  timestamptz NOT NULL DEFAULT now(),
    last_sent_at    timestamptz NOT NULL DEFAULT now(),
    confirmations_sent integer  NOT NULL DEFAULT 1,
    confirmed_at    timestamptz
);

-- An unsubscribe used to be a suppression; it is now a withdrawn consent. suppression keeps what the mail system
-- itself says: an address that hard-bounced.
INSERT INTO marketing_consent (address, granted, source, changed_at)
SELECT address, false, 'one-click-unsubscribe', created_at FROM suppression
ON CONFLICT (address) DO NOTHING;
DELETE FROM suppression;

CREATE INDEX email_queued_marketing ON email (lower(recipient)) WHERE status = 'QUEUED' AND category = 'MARKETING';

-- ShedLock's lock rows: the bounce mailbox is read by one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

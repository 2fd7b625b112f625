-- Accounts linked to an upstream identity provider (Google): the provider's stable subject, never its e-mail, is the
-- link, so a later change of address at the provider still signs in to the same account.
CREATE TABLE external_identity (
    provider    text        NOT NULL,
    subject     text        NOT NULL,
    customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    linked_at   timestamptz NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identity_by_customer ON external_identity (customer_id);

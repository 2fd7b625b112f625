-- Accounts. The e-mail is stored lower-cased; the role set is small and closed, kept as an array.
CREATE TABLE customer (
    id               uuid        PRIMARY KEY,
    email            text        NOT NULL,
    display_name     text        NOT NULL,
    password_hash    text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE', 'LOCKED', 'ERASED')),
    roles            text[]      NOT NULL DEFAULT '{CUSTOMER}',
    totp_secret      text,
    totp_enrolled_at timestamptz,
    totp_last_step   bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    verified_at      timestamptz,
    CHECK (roles <@ ARRAY['CUSTOMER', 'STAFF', 'ADMIN']::text[] AND cardinality(roles) > 0)
);
CREATE UNIQUE INDEX customer_by_email ON customer (email);

-- One pending e-mail verification per account: a hashed six-digit code with an expiry and an attempt budget.
CREATE TABLE email_verification (
    customer_id uuid        PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    code_hash   text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    int         NOT NULL DEFAULT 0
);

-- Staff recovery codes: SHA-256 of a random code, each usable once.
CREATE TABLE recovery_code (
    customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    code_hash   text        NOT NULL,
    used_at     timestamptz,
    PRIMARY KEY (customer_id, code_hash)
);

-- Every sign-in attempt, successful or not.
CREATE TABLE sign_in (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id uuid,
    email       text        NOT NULL,
    ip          text        NOT NULL,
    user_agent  text,
    result      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_by_customer ON sign_in (customer_id, at DESC);

-- Failed sign-ins per key ('account:<email>' or 'ip:<address>') and the block they earned.
CREATE TABLE sign_in_throttle (
    key           text        PRIMARY KEY,
    failures      int         NOT NULL,
    blocked_until timestamptz,
    last_failure  timestamptz NOT NULL
);

-- The authorization server's RSA signing keys; the private key is sealed (AES-GCM) with a key from configuration.
CREATE TABLE signing_key (
    kid                text        PRIMARY KEY,
    public_key         bytea       NOT NULL,
    sealed_private_key bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz
);

-- Spring Authorization Server's JDBC stores, in PostgreSQL types (text for blob, timestamptz for timestamp).
CREATE TABLE oauth2_registered_client (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    client_id                     varchar(100)  NOT NULL UNIQUE,
    client_id_issued_at           timestamptz   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200)  NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) NOT NULL,
    client_settings               varchar(2000) NOT NULL,
    token_settings                varchar(2000) NOT NULL
);

CREATE TABLE oauth2_authorization (
    id                            varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
-- the JDBC service looks tokens up by value; without these every token request scans the table
CREATE INDEX oauth2_authorization_by_state ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_by_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX oauth2_authorization_by_access ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX oauth2_authorization_by_refresh ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX oauth2_authorization_by_principal ON oauth2_authorization (principal_name);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100)  NOT NULL,
    principal_name       varchar(200)  NOT NULL,
    authorities          varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- ShedLock: scheduled jobs that must run on one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

-- Password reset links: SHA-256 of the random token, single use, 30 minutes.
CREATE TABLE password_reset (
    token_hash  text        PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_reset_by_customer ON password_reset (customer_id);

-- Human order numbers (AT-2026-000123): one sequence, never reused, gaps allowed.
CREATE SEQUENCE order_number_seq;

-- An order: what the shopper bought as the cart priced it (facts, never changed after checkout), and the
-- checkout saga's state (status and the state of each step), changed only by the saga's coordinator.
CREATE TABLE orders (
    id                   uuid        PRIMARY KEY,
    order_number         text        NOT NULL UNIQUE,
    channel              text        NOT NULL,
    external_id          text        UNIQUE,
    customer_id          uuid,
    email                text        NOT NULL,
    cart_id              uuid,
    cart_version         bigint,
    coupon_code          text,
    payment_method       text,
    gift_card_code       text,
    currency             char(3)     NOT NULL,
    subtotal             bigint      NOT NULL,
    discount             bigint      NOT NULL,
    shipping             bigint      NOT NULL,
    gift_wrap            bigint      NOT NULL,
    tax                  bigint      NOT NULL,
    total                bigint      NOT NULL CHECK (total >= 0),
    shipping_option      text,
    ship_name            text,
    ship_line1           text,
    ship_line2           text,
    ship_city            text,
    ship_postcode        text,
    ship_country         text,
    gift_wrap_chosen     boolean     NOT NULL DEFAULT false,
    gift_message         text,
    gift_hide_prices     boolean     NOT NULL DEFAULT false,
    return_url           text,
    placed_at            timestamptz NOT NULL,
    -- the saga's state
    status               text        NOT NULL,
    stock_step           text        NOT NULL,
    coupon_step          text        NOT NULL,
    payment_step         text        NOT NULL,
    cancel_reason        text,
    payment_redirect_url text,
    payment_id           uuid,
    deadline_at          timestamptz,
    attention            text,
    version              bigint      NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX orders_deadline ON orders (deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX orders_customer ON orders (customer_id, placed_at DESC, id DESC);
CREATE INDEX orders_placed ON orders (placed_at DESC, id DESC);
CREATE INDEX orders_email ON orders (lower(email));

-- The lines as the cart priced them: a snapshot, so a later price or name change never alters an order.
CREATE TABLE order_line (
    order_id               uuid    NOT NULL REFERENCES orders (id),
    line_id                uuid    NOT NULL,
    position               integer NOT NULL,
    sku                    text    NOT NULL,
    name                   text,
    quantity               integer NOT NULL CHECK (quantity > 0),
    unit_price             bigint  NOT NULL,
    line_total             bigint  NOT NULL,
    tax_class              text,
    image_url              text,
    attributes             jsonb   NOT NULL DEFAULT '{}',
    personalisation        jsonb   NOT NULL DEFAULT '{}',
    personalisation_labels jsonb   NOT NULL DEFAULT '{}',
    PRIMARY KEY (order_id, line_id)
);

-- Every transition of the saga, with the event (or command) that caused it.
CREATE TABLE order_timeline (
    id         bigserial   PRIMARY KEY,
    order_id   uuid        NOT NULL REFERENCES orders (id),
    at         timestamptz NOT NULL,
    status     text        NOT NULL,
    cause      text        NOT NULL,
    event_id   uuid,
    note       text        NOT NULL
);
CREATE INDEX order_timeline_order ON order_timeline (order_id, id);

-- Events that came before the one they follow, kept until their turn comes.
CREATE TABLE saga_parked (
    id            bigserial   PRIMARY KEY,
    order_id      uuid        NOT NULL REFERENCES orders (id),
    event_type    text        NOT NULL,
    event_version integer     NOT NULL,
    event_id      uuid,
    payload       jsonb       NOT NULL,
    waiting_for   text        NOT NULL,
    parked_at     timestamptz NOT NULL
);
CREATE INDEX saga_parked_order ON saga_parked (order_id, id);

-- Idempotency-Key of POST /api/checkout: the same key and body give the same order.
CREATE TABLE checkout_request (
    idempotency_key text        PRIMARY KEY,
    request_hash    text        NOT NULL,
    order_id        uuid        NOT NULL REFERENCES orders (id),
    created_at      timestamptz NOT NULL
);

-- ShedLock: scheduled jobs that must run on one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

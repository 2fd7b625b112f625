-- cart-service's own tables; the platform migrates its outbox and inbox beside them.

-- What can be sold, as catalog's events describe it (and the stock left, from inventory's): the read model that
-- lets a cart be read and priced without calling catalog.
CREATE TABLE sellable_variant (
    sku            text        PRIMARY KEY,
    product_id     uuid        NOT NULL,
    name           text        NOT NULL,
    attributes     jsonb       NOT NULL DEFAULT '{}',
    image_url      text,
    tax_class      text        NOT NULL DEFAULT 'STANDARD',
    categories     text[]      NOT NULL DEFAULT '{}',
    personalisable boolean     NOT NULL DEFAULT false,
    price_minor    bigint      NOT NULL CHECK (price_minor >= 0),
    currency       char(3)     NOT NULL,
    weight_grams   bigint      NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    available      bigint,
    retired        boolean     NOT NULL DEFAULT false,
    changed_at     timestamptz NOT NULL
);
CREATE INDEX sellable_variant_product ON sellable_variant (product_id);

CREATE TABLE cart (
    id                 uuid        PRIMARY KEY,
    status             text        NOT NULL CHECK (status IN ('OPEN', 'CHECKED_OUT', 'ORDERED', 'MERGED', 'EXPIRED')),
    version            bigint      NOT NULL DEFAULT 1,
    currency           char(3)     NOT NULL,
    customer_id        uuid,
    email              text,
    coupon_code        text,
    gift_wrap          boolean     NOT NULL DEFAULT false,
    gift_message       text        CHECK (char_length(gift_message) <= 200),
    gift_hide_prices   boolean     NOT NULL DEFAULT false,
    order_id           uuid,
    created_at         timestamptz NOT NULL,
    last_activity_at   timestamptz NOT NULL,
    closed_at          timestamptz,
    -- the abandoned-cart sequence: the last step sent since the last activity, why it ended, which step converted
    abandonment_step   smallint    NOT NULL DEFAULT 0 CHECK (abandonment_step BETWEEN 0 AND 3),
    abandonment_ended  text        CHECK (abandonment_ended IN ('ORDERED', 'UNSUBSCRIBED')),
    converted_step     smallint    CHECK (converted_step BETWEEN 1 AND 3)
);
-- a signed-in shopper has one open cart
CREATE UNIQUE INDEX cart_open_per_customer ON cart (customer_id) WHERE status = 'OPEN' AND customer_id IS NOT NULL;
CREATE INDEX cart_open_idle ON cart (last_activity_at) WHERE status = 'OPEN';
CREATE INDEX cart_order ON cart (order_id) WHERE order_id IS NOT NULL;

-- A line: the same SKU with another personalisation is another line. The slot (1..10, unique per cart) is how the
-- database itself refuses an eleventh line, whatever the code does.
CREATE TABLE cart_line (
    id                     uuid        PRIMARY KEY,
    cart_id                uuid        NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    slot                   smallint    NOT NULL CHECK (slot BETWEEN 1 AND 10),
    sku                    text        NOT NULL,
    quantity               integer     NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    personalisation        jsonb       NOT NULL DEFAULT '{}',
    personalisation_key    text        NOT NULL,
    personalisation_labels jsonb       NOT NULL DEFAULT '{}',
    price_delta_minor      bigint      NOT NULL DEFAULT 0,
    added_unit_price_minor bigint      NOT NULL CHECK (added_unit_price_minor >= 0),
    name                   text        NOT NULL,
    attributes             jsonb       NOT NULL DEFAULT '{}',
    image_url              text,
    added_at               timestamptz NOT NULL,
    UNIQUE (cart_id, slot),
    UNIQUE (cart_id, sku, personalisation_key)
);
CREATE INDEX cart_line_sku ON cart_line (sku);

CREATE TABLE coupon (
    code               text        PRIMARY KEY CHECK (code = upper(code) AND char_length(code) BETWEEN 3 AND 40),
    kind               text        NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED_AMOUNT', 'FREE_SHIPPING')),
    percent_off        integer     CHECK (percent_off BETWEEN 1 AND 100),
    amount_off_minor   bigint      CHECK (amount_off_minor > 0),
    currency           char(3)     NOT NULL,
    min_spend_minor    bigint      NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
    starts_at          timestamptz,
    ends_at            timestamptz,
    max_uses           integer     CHECK (max_uses > 0),
    uses               integer     NOT NULL DEFAULT 0,
    per_customer_limit integer     CHECK (per_customer_limit > 0),
    skus               text[]      NOT NULL DEFAULT '{}',
    categories         text[]      NOT NULL DEFAULT '{}',
    single_use         boolean     NOT NULL DEFAULT false,
    active             boolean     NOT NULL DEFAULT true,
    issued_for_cart    uuid,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    deactivated_at     timestamptz,
    deactivated_by     text,
    -- never over-used, whatever the code does
    CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)),
    CHECK (kind <> 'PERCENTAGE' OR percent_off IS NOT NULL),
    CHECK (kind <> 'FIXED_AMOUNT' OR amount_off_minor IS NOT NULL),
    CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);

-- One row per order that carried a coupon: the saga step's decision, kept so that a redelivered OrderPlaced
-- answers nothing twice and the usage figures can be checked against it.
CREATE TABLE coupon_redemption (
    order_id       uuid        PRIMARY KEY,
    code           text        NOT NULL,
    cart_id        uuid,
    customer_id    uuid,
    customer_email text,
    discount_minor bigint      NOT NULL DEFAULT 0,
    currency       char(3)     NOT NULL,
    status         text        NOT NULL CHECK (status IN ('REDEEMED', 'FINAL', 'RELEASED', 'REJECTED')),
    reason         text,
    decided_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX coupon_redemption_code ON coupon_redemption (code, status);

-- Addresses that asked for no more recovery mails.
CREATE TABLE abandonment_unsubscribe (
    email      text        PRIMARY KEY,
    created_at timestamptz NOT NULL
);

-- ShedLock: scheduled jobs that must run on one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

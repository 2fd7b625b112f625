-- Stock per SKU and location. One location ('MAIN') is used today; the key leaves room for more.
CREATE TABLE stock_item (
    sku              text        NOT NULL,
    location         text        NOT NULL DEFAULT 'MAIN',
    on_hand          bigint      NOT NULL DEFAULT 0,
    reserved         bigint      NOT NULL DEFAULT 0,
    available        bigint      GENERATED ALWAYS AS (on_hand - reserved) STORED,
    reorder_point    bigint      NOT NULL DEFAULT 0,
    reorder_quantity bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location),
    CONSTRAINT stock_on_hand_not_negative CHECK (on_hand >= 0),
    CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand),
    CONSTRAINT stock_reorder_not_negative CHECK (reorder_point >= 0 AND reorder_quantity >= 0),
    CONSTRAINT stock_sku_format CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$')
);

-- A bundle is sold under its own SKU and made of components that carry the stock.
CREATE TABLE bundle_component (
    bundle_sku    text    NOT NULL,
    component_sku text    NOT NULL,
    location      text    NOT NULL DEFAULT 'MAIN',
    quantity      integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (bundle_sku, component_sku),
    FOREIGN KEY (component_sku, location) REFERENCES stock_item (sku, location)
);

-- One reservation per order: what was held, until when, and how it ended.
CREATE TABLE reservation (
    order_id       uuid        PRIMARY KEY,
    status         text        NOT NULL CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED', 'EXPIRED', 'REJECTED')),
    expires_at     timestamptz,
    release_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservation_held_by_expiry ON reservation (expires_at) WHERE status = 'HELD';

CREATE TABLE reservation_line (
    order_id uuid    NOT NULL REFERENCES reservation (order_id),
    sku      text    NOT NULL,
    location text    NOT NULL DEFAULT 'MAIN',
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);

-- Every change of on_hand or reserved: the figures always equal the sums of this table.
CREATE TABLE stock_ledger (
    id             bigserial   PRIMARY KEY,
    sku            text        NOT NULL,
    location       text        NOT NULL DEFAULT 'MAIN',
    kind           text        NOT NULL CHECK (kind IN ('RESERVE', 'RELEASE', 'EXPIRE', 'COMMIT', 'RECEIVE', 'ADJUST',
                                                        'RETURN', 'MARKETPLACE_SALE')),
    on_hand_delta  bigint      NOT NULL,
    reserved_delta bigint      NOT NULL,
    actor          text        NOT NULL,
    reason         text,
    reference      text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (sku, location) REFERENCES stock_item (sku, location)
);
CREATE INDEX stock_ledger_by_sku ON stock_ledger (sku, id);
CREATE INDEX stock_ledger_sales ON stock_ledger (created_at, sku) WHERE kind IN ('COMMIT', 'MARKETPLACE_SALE');

-- ShedLock: scheduled jobs that must run on one replica at a time.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

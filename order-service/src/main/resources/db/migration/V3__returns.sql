-- Returns of delivered lines: asked for, decided, received (resellable or not) and refunded in full or in part.
CREATE TABLE order_return (
    id             uuid        PRIMARY KEY,
    order_id       uuid        NOT NULL REFERENCES orders (id),
    status         text        NOT NULL,
    requested_by   text        NOT NULL,
    requested_at   timestamptz NOT NULL,
    decided_by     text,
    decided_at     timestamptz,
    refusal_reason text,
    received_at    timestamptz,
    currency       char(3)     NOT NULL,
    refund_amount  bigint CHECK (refund_amount > 0),
    refund_id      uuid UNIQUE,
    refunded_at    timestamptz
);
CREATE INDEX order_return_order ON order_return (order_id, requested_at);

CREATE TABLE order_return_line (
    return_id  uuid    NOT NULL REFERENCES order_return (id),
    line_id    uuid    NOT NULL,
    sku        text    NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    reason     text    NOT NULL,
    resellable boolean,
    PRIMARY KEY (return_id, line_id)
);

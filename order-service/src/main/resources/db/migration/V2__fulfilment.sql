-- Each line goes through the workshop on its own: the mug ships before the engraved keyring is ready.
ALTER TABLE order_line
    ADD COLUMN fulfilment_status text NOT NULL DEFAULT 'PENDING',
    ADD COLUMN carrier           text,
    ADD COLUMN tracking_number   text,
    ADD COLUMN tracking_url      text,
    ADD COLUMN shipped_at        timestamptz,
    ADD COLUMN delivered_at      timestamptz;
CREATE INDEX order_line_tracking ON order_line (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX orders_status_placed ON orders (status, placed_at DESC, id DESC);

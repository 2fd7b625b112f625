-- Gift cards bought as a product: one card per unit of a gift-card line of a confirmed order. The key (order, line,
-- unit) makes a repeated OrderConfirmed issue nothing new. The purchaser is kept to answer their data requests.
ALTER TABLE gift_card
    ADD COLUMN order_id              uuid,
    ADD COLUMN order_line_id         uuid,
    ADD COLUMN order_unit            integer,
    ADD COLUMN purchaser_email       text,
    ADD COLUMN purchaser_customer_id uuid,
    ADD CONSTRAINT gift_card_bought UNIQUE (order_id, order_line_id, order_unit);
CREATE INDEX gift_card_by_purchaser_email ON gift_card (lower(purchaser_email)) WHERE purchaser_email IS NOT NULL;
CREATE INDEX gift_card_by_purchaser ON gift_card (purchaser_customer_id) WHERE purchaser_customer_id IS NOT NULL;
CREATE INDEX payment_by_email ON payment (lower(customer_email));

-- The picture of a personalisation the shopper saw in the storefront (catalog's media, through the gateway), kept with
-- the line so that the maker sees it; null for lines without one (and for orders placed before it was kept).
ALTER TABLE order_line ADD COLUMN preview_url text;

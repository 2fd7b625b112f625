-- The picture of a personalised line as the shopper saw it in the storefront's preview (a catalog media id), so
-- that the maker sees what the shopper saw. Optional: lines added without the storefront's script have none.
ALTER TABLE cart_line ADD COLUMN preview_ref uuid;

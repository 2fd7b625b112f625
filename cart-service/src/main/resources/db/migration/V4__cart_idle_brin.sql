-- Every change to a cart's lines moves last_activity_at. With it in a B-tree (cart_open_idle), no such update could be
-- HOT: each wrote a new version of the cart row *and* a new entry in every index of cart (the primary key included),
-- and left the old ones for vacuum. Since PostgreSQL 16 an update that changes only columns of summarising (BRIN)
-- indexes can be HOT, so the idle index becomes a BRIN: the expiry sweep (status OPEN, idle before a cutoff 30 days
-- back) and the abandoned-cart clock (idle before 2 hours back) still find candidates by page range instead of reading
-- the whole table, then sort the few they lock. Room is left in each page for the new row versions of HOT updates.
DROP INDEX cart_open_idle;
CREATE INDEX cart_open_idle ON cart USING brin (last_activity_at) WITH (pages_per_range = 16) WHERE status = 'OPEN';
ALTER TABLE cart SET (fillfactor = 80);

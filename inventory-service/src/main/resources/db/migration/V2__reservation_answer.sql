-- What a rejected reservation answered (the short lines, with the availability then), so that a repeated
-- OrderPlaced gets the same StockRejected again.
ALTER TABLE reservation ADD COLUMN rejected_lines jsonb;

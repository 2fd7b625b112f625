-- Where an option's photo or text is printed on the product, in per cent of the product's main picture (left edge,
-- top edge, width, height): the storefront's live preview draws it there. All four or none; inside the picture.
ALTER TABLE personalisation_option
    ADD COLUMN print_x      integer,
    ADD COLUMN print_y      integer,
    ADD COLUMN print_width  integer,
    ADD COLUMN print_height integer,
    ADD CONSTRAINT personalisation_option_print_area_whole
        CHECK (num_nulls(print_x, print_y, print_width, print_height) IN (0, 4)),
    ADD CONSTRAINT personalisation_option_print_area_inside
        CHECK (print_x >= 0 AND print_y >= 0 AND print_width > 0 AND print_height > 0
               AND print_x + print_width <= 100 AND print_y + print_height <= 100);

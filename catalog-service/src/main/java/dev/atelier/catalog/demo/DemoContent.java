package dev.atelier.catalog.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo blog: one author and a few posts written the way the shop would write them, so that {@code /blog} of a
 * freshly started store shows something to read. Bodies are plain text; a blank line starts a paragraph.
 */
final class DemoContent {

    private DemoContent() {
    }

    /** A post as staff would write it through the content API. */
    record Post(String slug, String title, String summary, String body) {

        Map<String, Object> draft() {
            Map<String, Object> draft = new LinkedHashMap<>();
            draft.put("slug", slug);
            draft.put("title", title);
            draft.put("summary", summary);
            draft.put("body", body);
            draft.put("author", AUTHOR_SLUG);
            return draft;
        }
    }

    static final String AUTHOR_SLUG = "hannah-price";

    static Map<String, Object> author() {
        return Map.of("slug", AUTHOR_SLUG, "name", "Hannah Price",
                "bio", "Hannah looks after the workshop at Atelier: engraving, printing and everything that gets a "
                        + "name on it before it leaves us.");
    }

    /** Oldest first: they are published in this order, so the blog shows the last one first. */
    static final List<Post> POSTS = List.of(
            new Post("choosing-a-personalised-gift-they-will-use",
                    "How to choose a personalised gift they will actually use",
                    "A name on a mug is lovely; a name on a mug they reach for every morning is better. Five questions"
                            + " we ask before we engrave anything.",
                    """
                    Most personalised gifts are bought in a hurry and kept out of politeness. The ones that get used \
                    every day have a few things in common, and none of them is the price.

                    Start with the habit, not the occasion. Does she take a flask on the train, or a mug to her desk? \
                    Does he lose his keys twice a week? A travel mug or an engraved keyring earns its place because it \
                    fits something they already do.

                    Keep the words short. A first name or initials in a clean serif reads well from across a room; a \
                    full sentence on an 11 oz mug turns into small print. If you want to say more, put it in the gift \
                    message: we print that on a card, not on the present.

                    Pick the font for the person. Our handwritten script looks warm on a birthday bracelet and a little \
                    lost on a chopping board; the classic serif works almost everywhere. The preview on each product \
                    page draws your words in the font and colour you choose, so try two or three before you decide.

                    Think about where it will live. Dishwasher-safe print matters more than you think on a mug that \
                    will be used every day, and a photo prints best on a light surface.

                    Finally, order early for the big dates. Everything personalised is made to order in our workshop, \
                    usually within two working days, and the busy weeks before Christmas and Mother's Day fill up fast.
                    """),
            new Post("getting-your-photo-ready-for-printing",
                    "Getting your photo ready for printing",
                    "What makes a phone photo print sharply on a mug or a cushion, and how the crop on our product"
                            + " pages helps.",
                    """
                    Nearly every photo we print comes from a phone, and nearly every phone photo is good enough. The \
                    few that disappoint go wrong in the same three ways.

                    Too small. A picture forwarded through a messaging app is often shrunk to a fraction of its size. \
                    Use the original from your camera roll: each photo option on our product pages says the smallest \
                    size it will print well, and the page tells you straight away if your photo is under it.

                    The wrong shape. A mug's print area is wide, a cushion's square, and the printer fills it edge to \
                    edge. When you add your photo, drag it and zoom to choose the part that goes on the product; the \
                    live preview shows exactly that part in place, and that picture is what our workshop works from.

                    Too dark. Screens glow; mugs and cushions do not. A photo that looks fine on your phone can print \
                    murky, so pick one taken in daylight, or brighten it a touch before you upload it.

                    We never keep more of your photo than we need: the file is cleaned of its location and camera data \
                    when you upload it, and it is used only to make your order.
                    """),
            new Post("what-our-hardware-conditions-mean",
                    "Grade A, Grade B, New - Open Box: what our hardware conditions mean",
                    "Every switch and router we sell is tested before it ships. Here is what each condition tells you"
                            + " about the box, the unit and the price.",
                    """
                    Alongside the gifts, Atelier sells networking hardware to small offices and home labs, much of it \
                    second hand. Each product lets you choose its condition next to the price, and the words are \
                    precise.

                    New - Open Box means the unit has never been in service. The box was opened, usually because an \
                    order was cancelled or the packaging was damaged in a warehouse; everything that came in the box is \
                    still there. There are rarely more than one or two of these, and they cost the most.

                    Refurbished - Grade A means the unit has been in service and has been through our bench: the \
                    configuration wiped, the firmware updated to the last release the vendor published, every port \
                    tested with traffic, fans and power supplies checked, and the case cleaned. It looks close to new.

                    Refurbished - Grade B has been through exactly the same bench and works exactly as well, but shows \
                    its past: scuffs on the case, a faded label, sometimes a missing rack ear. It is about a fifth \
                    cheaper, which makes it the sensible choice for a rack that nobody looks at.

                    Part numbers are shown exactly as the vendor writes them: search for the one on your spares list \
                    and the product that carries it comes first.
                    """));
}

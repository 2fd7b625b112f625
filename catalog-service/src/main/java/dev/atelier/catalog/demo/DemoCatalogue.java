package dev.atelier.catalog.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demo store's catalogue: personalised gifts in GBP across four categories and four occasions, with their
 * options, and refurbished enterprise hardware by part number and condition. Data only; {@link DemoSeeder} creates
 * it through the admin APIs. The SKUs inventory's own demo used to seed keep their names (MUG-XMAS-001,
 * SWITCH-REFURB-001, NOTEBOOK-A5-LEATHER, PEN-BRASS-001, CANDLE-SOY-001, TOTE-CANVAS-001, GIFTSET-WRITER); the gift
 * card's SKUs start with GIFTCARD-, the prefix payment-service issues gift cards for.
 */
final class DemoCatalogue {

    record Category(String slug, String name, @Nullable String parent) {
    }

    record Occasion(String slug, String name) {
    }

    /** Stock received for a SKU, with its reorder policy. */
    record Stock(String sku, long onHand, long reorderPoint, long reorderQuantity) {
    }

    /** A product to create: the admin API's request body, the stock of its SKUs, and the colour of its picture. */
    record Product(String slug, Map<String, Object> draft, List<Stock> stock, int colour) {

        Product {
            Map<String, Object> withSlug = new LinkedHashMap<>(draft);
            withSlug.put("slug", slug);
            draft = java.util.Collections.unmodifiableMap(withSlug);
            stock = List.copyOf(stock);
        }

        String name() {
            return (String) draft.get("name");
        }

        boolean isBundle() {
            return draft.get("variants") instanceof List<?> variants && variants.stream()
                    .anyMatch(v -> v instanceof Map<?, ?> m && m.containsKey("components"));
        }
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("personalised-gifts", "Personalised Gifts", null),
            new Category("mugs-and-drinkware", "Mugs & Drinkware", "personalised-gifts"),
            new Category("keyrings-and-accessories", "Keyrings & Accessories", "personalised-gifts"),
            new Category("prints-and-canvas", "Prints & Canvas", "personalised-gifts"),
            new Category("home-and-living", "Home & Living", "personalised-gifts"),
            new Category("refurbished-hardware", "Refurbished Hardware", null),
            new Category("network-switches", "Network Switches", "refurbished-hardware"),
            new Category("servers", "Servers", "refurbished-hardware"),
            new Category("storage-and-components", "Storage & Components", "refurbished-hardware"));

    static final List<Occasion> OCCASIONS = List.of(
            new Occasion("birthday", "Birthday"),
            new Occasion("wedding", "Wedding"),
            new Occasion("christmas", "Christmas"),
            new Occasion("new-baby", "New Baby"));

    private static final List<String> FONTS = List.of("Classic Serif", "Modern Sans", "Handwritten Script");
    private static final List<String> COLOURS = List.of("Ivory", "Navy", "Forest Green", "Rose Gold", "Charcoal");

    private DemoCatalogue() {
    }

    static List<Product> products() {
        List<Product> products = new ArrayList<>();
        products.addAll(signatureGifts());
        products.addAll(occasionGifts());
        products.addAll(hardware());
        return List.copyOf(products);
    }

    /** A few of each kind (the named gifts, the bundle, occasion gifts, hardware), for a quicker run. */
    static List<Product> sample() {
        List<Product> products = new ArrayList<>(signatureGifts());
        products.addAll(occasionGifts().subList(0, 8));
        products.addAll(hardware().subList(0, 4));
        return List.copyOf(products);
    }

    // the products other services' demos and docs name
    private static List<Product> signatureGifts() {
        return List.of(
                gift("personalised-christmas-mug", "Personalised Christmas Mug", "mugs-and-drinkware",
                        List.of("christmas"), 1299, "A white ceramic 11oz mug with a hand-drawn winter scene and the "
                                + "name of your choice, printed in our Yorkshire studio. Dishwasher and microwave safe.",
                        List.of(variant("MUG-XMAS-001", Map.of("size", "11oz", "colour", "white"), null, 410, 100, 20, 100)),
                        List.of(text("name", "Name on the mug", true, 0, 12), font(true))),
                gift("engraved-keyring", "Engraved Keyring", "keyrings-and-accessories",
                        List.of("birthday", "wedding", "christmas"), 899, "A solid brass keyring, laser engraved with up "
                                + "to 20 characters in the font you choose. Arrives in a kraft gift box.",
                        List.of(variant("KEYRING-ENG-001", Map.of("finish", "brass"), null, 40, 80, 15, 60),
                                variant("KEYRING-ENG-002", Map.of("finish", "silver"), 999L, 40, 60, 15, 60)),
                        List.of(text("engraving", "Engraving", true, 0, 20), font(true))),
                gift("a5-leather-notebook", "A5 Leather Notebook", "home-and-living", List.of("birthday"), 2400,
                        "Vegetable-tanned leather cover with 192 pages of 100gsm ivory paper; initials blind-debossed "
                                + "on the front on request.",
                        List.of(variant("NOTEBOOK-A5-LEATHER", Map.of("colour", "tan"), null, 380, 40, 10, 40)),
                        List.of(text("initials", "Initials", false, 500, 3))),
                gift("brass-fountain-pen", "Brass Fountain Pen", "home-and-living", List.of("birthday"), 3200,
                        "A solid brass fountain pen with a steel medium nib that ages to a warm patina.",
                        List.of(variant("PEN-BRASS-001", Map.of("nib", "medium"), null, 60, 60, 15, 60)), List.of()),
                gift("soy-candle-with-message", "Soy Candle with Your Message", "home-and-living",
                        List.of("birthday", "wedding", "new-baby"), 1800, "Hand-poured soy wax in a reusable amber jar, "
                                + "40 hours of burn time, with your message on the label.",
                        List.of(variant("CANDLE-SOY-001", Map.of("scent", "fig and cedar"), null, 450, 25, 8, 24)),
                        List.of(text("message", "Label message", false, 0, 40))),
                gift("canvas-tote-bag", "Personalised Canvas Tote Bag", "home-and-living", List.of("birthday"), 1500,
                        "Heavy 12oz organic cotton tote, screen printed with a name or a short line.",
                        List.of(variant("TOTE-CANVAS-001", Map.of("colour", "natural"), null, 210, 35, 10, 30)),
                        List.of(text("name", "Name", false, 0, 16))),
                new Product("writers-gift-set", draft("Writer's Gift Set", "home-and-living", List.of("birthday",
                        "christmas"), 5200, "The A5 leather notebook and the brass fountain pen in one gift box.",
                        "Atelier Studio", List.of(Map.of("sku", "GIFTSET-WRITER", "weightGrams", 520,
                                "attributes", Map.of("contents", "notebook and pen"),
                                "components", List.of(Map.of("sku", "NOTEBOOK-A5-LEATHER", "quantity", 1),
                                        Map.of("sku", "PEN-BRASS-001", "quantity", 1)))), List.of(), null),
                        List.of(), 0x8a5a2b),
                gift("personalised-photo-canvas", "Personalised Photo Canvas", "prints-and-canvas",
                        List.of("wedding", "new-baby", "christmas"), 3900, "Your photo printed on 380gsm cotton canvas, "
                                + "hand-stretched over a 38mm pine frame and ready to hang.",
                        List.of(variant("CANVAS-PHOTO-30X40", Map.of("size", "30x40cm"), null, 900, 30, 5, 20),
                                variant("CANVAS-PHOTO-45X60", Map.of("size", "45x60cm"), 5900L, 1500, 20, 5, 20)),
                        List.of(photo("photo", "Your photo", "3:4", 1800, 2400), underThePhoto(text("caption", "Caption", false, 0, 30)))),
                giftCard());
    }

    /**
     * The gift card sold as a product: payment-service issues a card worth the unit price for each unit of a
     * confirmed order's line whose SKU starts with {@code GIFTCARD-} (its {@code atelier.payment.gift-cards.
     * product-sku-prefix}), and notification e-mails it to the buyer with what they wrote in the options below. The
     * options are free (no price modifier) so that the unit price stays the card's value. Inventory has no notion of
     * an unstocked SKU, so each value gets a large opening stock; low stock alerts the workshop long before it runs out.
     */
    private static Product giftCard() {
        return gift("atelier-gift-card", "Atelier Gift Card", "personalised-gifts",
                List.of("birthday", "wedding", "christmas", "new-baby"), 1000, "Let them choose: a gift card for "
                        + "anything in the shop, sent by e-mail with your message as soon as you have paid. It can pay "
                        + "for all or part of an order, what is left stays on the card, and it is valid for two years.",
                List.of(variant("GIFTCARD-10", Map.of("value", "£10"), null, 0, 10_000, 100, 10_000),
                        variant("GIFTCARD-25", Map.of("value", "£25"), 2500L, 0, 10_000, 100, 10_000),
                        variant("GIFTCARD-50", Map.of("value", "£50"), 5000L, 0, 10_000, 100, 10_000)),
                List.of(text("to", "To", false, 0, 40), text("from", "From", false, 0, 40),
                        textarea("message", "Message", false, 0, 200)));
    }

    private record Template(String key, String name, String category, long price, long weight, String what,
            String material, List<Map<String, Object>> options) {
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template("PMUG", "Photo Mug", "mugs-and-drinkware", 1499, 420, "mug", "ceramic",
                    List.of(photo("photo", "Your photo", "1:1", 800, 800),
                            underThePhoto(text("name", "Name", false, 0, 14)))),
            new Template("TUMB", "Engraved Glass Tumbler", "mugs-and-drinkware", 1999, 380, "tumbler", "crystal glass",
                    List.of(text("engraving", "Engraving", true, 0, 18), font(true))),
            new Template("BOTL", "Name Water Bottle", "mugs-and-drinkware", 1899, 300, "bottle", "stainless steel",
                    List.of(text("name", "Name", true, 0, 12), colour())),
            new Template("FLUT", "Engraved Champagne Flute", "mugs-and-drinkware", 2199, 260, "flute", "lead-free crystal",
                    List.of(text("names", "Names", true, 0, 24), font(false))),
            new Template("TRVL", "Travel Cup with Name", "mugs-and-drinkware", 1699, 280, "travel cup", "bamboo fibre",
                    List.of(text("name", "Name", true, 0, 12))),
            new Template("KEYP", "Photo Keyring", "keyrings-and-accessories", 1099, 35, "keyring", "acrylic",
                    List.of(photo("photo", "Your photo", "1:1", 600, 600))),
            new Template("CUFF", "Engraved Cufflinks", "keyrings-and-accessories", 3499, 60, "pair of cufflinks",
                    "sterling silver", List.of(text("initials", "Initials", true, 0, 3), font(true))),
            new Template("BRAC", "Initial Bracelet", "keyrings-and-accessories", 2799, 20, "bracelet", "gold vermeil",
                    List.of(text("initial", "Initial", true, 0, 1, "[A-Za-z]"))),
            new Template("WALL", "Monogram Leather Wallet", "keyrings-and-accessories", 4500, 120, "wallet", "full-grain leather",
                    List.of(text("monogram", "Monogram", true, 0, 3, "[A-Za-z]{1,3}"), colour())),
            new Template("LUGG", "Leather Luggage Tag", "keyrings-and-accessories", 1999, 70, "luggage tag", "leather",
                    List.of(text("name", "Name", true, 0, 20), toggle("giftBox", "Gift box", 300))),
            new Template("STAR", "Star Map Print", "prints-and-canvas", 3400, 300, "print", "archival paper",
                    List.of(text("date", "Date", true, 0, 10, "\\d{2}/\\d{2}/\\d{4}"), text("place", "Place", true, 0, 30),
                            dropdown("frame", "Frame", List.of("No frame", "Oak", "Black"), 1500))),
            new Template("FAMT", "Family Tree Print", "prints-and-canvas", 3800, 300, "print", "giclée paper",
                    List.of(textarea("names", "Family names", true, 0, 200), colour())),
            new Template("WORD", "Words Print", "prints-and-canvas", 2900, 280, "print", "cotton rag paper",
                    List.of(textarea("words", "Your words", true, 0, 300), font(true))),
            new Template("PHCV", "Photo Collage Canvas", "prints-and-canvas", 4900, 1100, "canvas", "cotton canvas",
                    List.of(photo("photo1", "First photo", "1:1", 1000, 1000), photo("photo2", "Second photo", "1:1", 1000, 1000))),
            new Template("POST", "Illustrated Portrait Print", "prints-and-canvas", 5500, 300, "portrait", "fine art paper",
                    List.of(photo("photo", "Reference photo", null, 1200, 1200), textarea("notes", "Notes for the artist", false, 0, 250))),
            new Template("CUSH", "Name Cushion", "home-and-living", 2900, 600, "cushion", "linen",
                    List.of(text("name", "Name", true, 0, 14), colour())),
            new Template("CHOP", "Engraved Chopping Board", "home-and-living", 3500, 1200, "chopping board", "oak",
                    List.of(text("names", "Names", true, 0, 30), text("year", "Year", false, 0, 4, "\\d{4}"))),
            new Template("BLNK", "Embroidered Blanket", "home-and-living", 4200, 900, "blanket", "merino wool",
                    List.of(text("name", "Name", true, 0, 12), dropdown("thread", "Thread colour",
                            List.of("White", "Grey", "Pink", "Blue"), 0))),
            new Template("BAUB", "Name Bauble", "home-and-living", 1299, 80, "bauble", "hand-blown glass",
                    List.of(text("name", "Name", true, 0, 12))),
            new Template("DOOR", "Family Doormat", "home-and-living", 3200, 1500, "doormat", "coir",
                    List.of(text("family", "Family name", true, 0, 18))),
            new Template("APRN", "Embroidered Apron", "home-and-living", 2400, 300, "apron", "cotton drill",
                    List.of(text("name", "Name", true, 0, 14), colour())),
            new Template("JEWL", "Jewellery Box", "home-and-living", 3900, 700, "jewellery box", "walnut",
                    List.of(text("name", "Name", true, 0, 14), toggle("mirror", "Mirror lid", 500))),
            new Template("CARD", "Photo Greeting Card", "prints-and-canvas", 450, 40, "card", "recycled board",
                    List.of(photo("photo", "Your photo", "5:7", 700, 980), textarea("message", "Message inside", false, 0, 160))),
            new Template("BOOK", "Personalised Story Book", "home-and-living", 2499, 500, "story book", "hardback",
                    List.of(text("name", "Child's name", true, 0, 12), dropdown("cover", "Cover", List.of("Forest", "Ocean",
                            "Space"), 0))),
            new Template("SOCK", "Name Socks", "keyrings-and-accessories", 1400, 90, "pair of socks", "combed cotton",
                    List.of(text("name", "Name", true, 0, 10))),
            new Template("PLAT", "Engraved Slate Serving Board", "home-and-living", 2799, 1400, "serving board", "Welsh slate",
                    List.of(text("names", "Names", true, 0, 24))),
            new Template("GLAS", "Engraved Pint Glass", "mugs-and-drinkware", 1599, 420, "pint glass", "glass",
                    List.of(text("name", "Name", true, 0, 14))),
            new Template("MIRR", "Engraved Compact Mirror", "keyrings-and-accessories", 1899, 90, "compact mirror",
                    "brushed steel", List.of(text("engraving", "Engraving", true, 0, 16), font(true))),
            new Template("FRAM", "Engraved Photo Frame", "home-and-living", 2599, 650, "photo frame", "solid oak",
                    List.of(text("engraving", "Engraving", true, 0, 40), font(false))),
            new Template("NAME", "Hand-lettered Name Print", "prints-and-canvas", 2400, 250, "print", "watercolour paper",
                    List.of(text("name", "Name", true, 0, 16), colour())),
            new Template("COAS", "Coaster Set with Names", "home-and-living", 1999, 500, "set of four coasters", "slate",
                    List.of(textarea("names", "Four names, one per line", true, 0, 60))));

    private record OccasionText(String occasion, String prefix, String line, String sku) {
    }

    private static final List<OccasionText> OCCASION_TEXTS = List.of(
            new OccasionText("birthday", "Birthday", "for a birthday they will remember", "BDAY"),
            new OccasionText("wedding", "Wedding", "for the happy couple's first home", "WED"),
            new OccasionText("christmas", "Christmas", "for Christmas morning", "XMAS"),
            new OccasionText("new-baby", "New Baby", "to welcome a new arrival", "BABY"));

    private static List<Product> occasionGifts() {
        List<Product> products = new ArrayList<>();
        for (Template template : TEMPLATES) {
            for (OccasionText occasion : OCCASION_TEXTS) {
                String name = occasion.prefix() + " " + template.name();
                String slug = slug(name);
                String sku = template.key() + "-" + occasion.sku() + "-001";
                String description = "A " + template.material() + " " + template.what() + ", personalised "
                        + occasion.line() + ". Made to order in our studio and dispatched within three working days.";
                long price = template.price() + (occasion.occasion().equals("wedding") ? 200 : 0);
                products.add(gift(slug, name, template.category(), List.of(occasion.occasion()), price, description,
                        List.of(variant(sku, Map.of("material", template.material()), null, template.weight(), 50, 10, 40)),
                        template.options()));
            }
        }
        return products;
    }

    private record Model(String slug, String name, String brand, String category, String partNumber, String sku,
            long priceA, long weight, String description, Map<String, String> attributes) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("cisco-catalyst-2960x-48fpd-l", "Cisco Catalyst 2960-X 48-port PoE+ Switch", "Cisco",
                    "network-switches", "WS-C2960X-48FPD-L", "SWITCH-REFURB-001", 38900, 5900,
                    "48 Gigabit PoE+ ports (740 W budget), 2 SFP+ uplinks, LAN Base. Tested, reset to factory defaults, "
                            + "with rack ears and a power cable.", Map.of("ports", "48")),
            new Model("cisco-catalyst-2960x-24ts-l", "Cisco Catalyst 2960-X 24-port Switch", "Cisco", "network-switches",
                    "WS-C2960X-24TS-L", "CSC-2960X-24TS", 19900, 4300, "24 Gigabit ports and 4 SFP uplinks, LAN Base.",
                    Map.of("ports", "24")),
            new Model("cisco-catalyst-3850-48p-s", "Cisco Catalyst 3850 48-port PoE+ Switch", "Cisco", "network-switches",
                    "WS-C3850-48P-S", "CSC-3850-48P", 54900, 7900, "48 PoE+ ports, IP Base, stackable, dual power bays.",
                    Map.of("ports", "48")),
            new Model("cisco-catalyst-9300-48p-e", "Cisco Catalyst 9300 48-port PoE+ Switch", "Cisco", "network-switches",
                    "C9300-48P-E", "CSC-9300-48P", 189900, 8100, "48 PoE+ ports, Network Essentials, modular uplinks.",
                    Map.of("ports", "48")),
            new Model("cisco-catalyst-9200l-24t-4g-e", "Cisco Catalyst 9200L 24-port Switch", "Cisco", "network-switches",
                    "C9200L-24T-4G-E", "CSC-9200L-24T", 69900, 3900, "24 Gigabit ports, 4 x 1G fixed uplinks.",
                    Map.of("ports", "24")),
            new Model("juniper-ex2300-48p", "Juniper EX2300 48-port PoE+ Switch", "Juniper", "network-switches",
                    "EX2300-48P", "JNP-EX2300-48P", 74900, 5400, "48 PoE+ ports, 4 x 10G SFP+ uplinks, Virtual Chassis.",
                    Map.of("ports", "48")),
            new Model("juniper-ex3400-24t", "Juniper EX3400 24-port Switch", "Juniper", "network-switches", "EX3400-24T",
                    "JNP-EX3400-24T", 89900, 5100, "24 Gigabit ports, 4 x 10G SFP+ and 2 x 40G QSFP+ uplinks.",
                    Map.of("ports", "24")),
            new Model("aruba-2930f-48g-jl260a", "Aruba 2930F 48G 4SFP Switch", "HPE Aruba", "network-switches", "JL260A",
                    "ARU-2930F-48G", 42900, 4700, "48 Gigabit ports, 4 SFP uplinks, layer 3 static routing.",
                    Map.of("ports", "48")),
            new Model("hpe-proliant-dl360-gen10", "HPE ProLiant DL360 Gen10 1U Server", "HPE", "servers", "867959-B21",
                    "HPE-DL360-G10", 129900, 16000, "Dual Xeon Silver 4114, 64 GB RAM, 8 SFF bays, P408i-a, dual 500 W PSU.",
                    Map.of("form", "1U")),
            new Model("hpe-proliant-dl380-gen10", "HPE ProLiant DL380 Gen10 2U Server", "HPE", "servers", "868703-B21",
                    "HPE-DL380-G10", 169900, 22000, "Dual Xeon Gold 6130, 128 GB RAM, 8 SFF bays, dual 800 W PSU.",
                    Map.of("form", "2U")),
            new Model("dell-poweredge-r640", "Dell PowerEdge R640 1U Server", "Dell", "servers", "R640-10SFF",
                    "DEL-R640", 119900, 17000, "Dual Xeon Silver 4116, 64 GB RAM, 10 SFF bays, H730P, iDRAC9 Enterprise.",
                    Map.of("form", "1U")),
            new Model("dell-poweredge-r740", "Dell PowerEdge R740 2U Server", "Dell", "servers", "R740-16SFF",
                    "DEL-R740", 159900, 24000, "Dual Xeon Gold 6140, 192 GB RAM, 16 SFF bays, H740P, iDRAC9 Enterprise.",
                    Map.of("form", "2U")),
            new Model("hpe-2-4tb-sas-10k-881457-b21", "HPE 2.4TB SAS 12G 10K SFF Hard Drive", "HPE",
                    "storage-and-components", "881457-B21", "HPE-881457", 21900, 400,
                    "2.4 TB, 12 Gb/s SAS, 10,000 rpm, 512e, in a Gen8–Gen10 SmartDrive carrier.", Map.of("capacity", "2.4TB")),
            new Model("dell-1-2tb-sas-10k-400-atjl", "Dell 1.2TB SAS 12G 10K 2.5in Hard Drive", "Dell",
                    "storage-and-components", "400-ATJL", "DEL-400-ATJL", 8900, 400,
                    "1.2 TB, 12 Gb/s SAS, 10,000 rpm, in a 14th-generation hot-plug tray.", Map.of("capacity", "1.2TB")),
            new Model("cisco-sfp-10g-sr", "Cisco SFP-10G-SR Transceiver", "Cisco", "storage-and-components",
                    "SFP-10G-SR", "CSC-SFP-10G-SR", 2900, 30, "10GBASE-SR, 850 nm, multimode, LC duplex, up to 300 m.",
                    Map.of("speed", "10G")),
            new Model("cisco-glc-t", "Cisco GLC-T 1000BASE-T SFP", "Cisco", "storage-and-components", "GLC-T",
                    "CSC-GLC-T", 1900, 30, "1000BASE-T copper SFP, RJ-45, up to 100 m.", Map.of("speed", "1G")),
            new Model("intel-x710-da2", "Intel Ethernet X710-DA2 Dual-Port 10G Adapter", "Intel",
                    "storage-and-components", "X710DA2", "INT-X710-DA2", 14900, 250, "Two SFP+ ports, PCIe 3.0 x8, "
                            + "full-height and low-profile brackets.", Map.of("speed", "10G")),
            new Model("mellanox-connectx-4-lx", "Mellanox ConnectX-4 Lx Dual-Port 25G Adapter", "Mellanox",
                    "storage-and-components", "MCX4121A-ACAT", "MLX-CX4121A", 17900, 250,
                    "Two SFP28 ports, PCIe 3.0 x8, RoCE, full-height bracket.", Map.of("speed", "25G")),
            new Model("apc-smart-ups-1500-rm-2u", "APC Smart-UPS 1500VA Rack 2U", "APC", "storage-and-components",
                    "SMT1500RMI2U", "APC-SMT1500RM", 39900, 28000, "1500 VA / 1000 W, line interactive, new batteries "
                            + "fitted and load tested.", Map.of("form", "2U")),
            new Model("netapp-x425a-r6-1-8tb", "NetApp X425A-R6 1.8TB SAS Drive", "NetApp", "storage-and-components",
                    "X425A-R6", "NTA-X425A", 11900, 400, "1.8 TB 10K SAS drive for DS2246 and FAS shelves, in tray.",
                    Map.of("capacity", "1.8TB")));

    private record Condition(String attribute, String suffix, int pricePercent, long stock) {
    }

    private static final List<Condition> CONDITIONS = List.of(
            new Condition("Refurbished - Grade A", "A", 100, 10),
            new Condition("Refurbished - Grade B", "B", 80, 6),
            new Condition("New - Open Box", "N", 135, 2));

    private static List<Product> hardware() {
        List<Product> products = new ArrayList<>();
        for (Model model : MODELS) {
            List<Map<String, Object>> variants = new ArrayList<>();
            List<Stock> stock = new ArrayList<>();
            for (Condition condition : CONDITIONS) {
                // the legacy demo SKU stays the grade A variant
                String sku = condition.suffix().equals("A") && model.sku().equals("SWITCH-REFURB-001") ? model.sku()
                        : model.sku() + "-" + condition.suffix();
                Map<String, String> attributes = new LinkedHashMap<>(model.attributes());
                attributes.put("condition", condition.attribute());
                long price = model.priceA() * condition.pricePercent() / 100 / 100 * 100 + 99;
                Map<String, Object> variant = new LinkedHashMap<>();
                variant.put("sku", sku);
                variant.put("attributes", attributes);
                variant.put("price", money(price));
                variant.put("weightGrams", model.weight());
                variant.put("partNumber", model.partNumber());
                variants.add(variant);
                stock.add(new Stock(sku, condition.stock(), 2, 5));
            }
            long from = model.priceA() * CONDITIONS.get(1).pricePercent() / 100 / 100 * 100 + 99;
            Map<String, Object> draft = draft(model.name(), model.category(), List.of(), from, model.description()
                    + " 12 months' warranty.", model.brand(), variants, List.of(), model.name() + " | part "
                    + model.partNumber());
            products.add(new Product(model.slug(), withSlug(draft, model.slug()), stock, 0x2f4858));
        }
        return products;
    }

    private static Product gift(String slug, String name, String category, List<String> occasions, long price,
            String description, List<VariantSpec> variants, List<Map<String, Object>> options) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<Stock> stock = new ArrayList<>();
        for (VariantSpec v : variants) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sku", v.sku());
            body.put("attributes", v.attributes());
            if (v.price() != null) {
                body.put("price", money(v.price()));
            }
            body.put("weightGrams", v.weight());
            bodies.add(body);
            stock.add(new Stock(v.sku(), v.onHand(), v.reorderPoint(), v.reorderQuantity()));
        }
        Map<String, Object> draft = draft(name, category, occasions, price, description, "Atelier Studio", bodies,
                options, null);
        return new Product(slug, withSlug(draft, slug), stock, colourOf(name));
    }

    private record VariantSpec(String sku, Map<String, String> attributes, @Nullable Long price, long weight,
            long onHand, long reorderPoint, long reorderQuantity) {
    }

    private static VariantSpec variant(String sku, Map<String, String> attributes, @Nullable Long price, long weight,
            long onHand, long reorderPoint, long reorderQuantity) {
        return new VariantSpec(sku, attributes, price, weight, onHand, reorderPoint, reorderQuantity);
    }

    private static Map<String, Object> draft(String name, String category, List<String> occasions, long price,
            String description, String brand, List<Map<String, Object>> variants, List<Map<String, Object>> options,
            @Nullable String seoTitle) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", name);
        draft.put("description", description);
        draft.put("brand", brand);
        draft.put("price", money(price));
        draft.put("category", category);
        draft.put("occasions", occasions);
        draft.put("variants", variants);
        draft.put("personalisationOptions", options);
        if (seoTitle != null) {
            draft.put("seoTitle", seoTitle.length() > 70 ? seoTitle.substring(0, 70) : seoTitle);
        }
        return draft;
    }

    private static Map<String, Object> withSlug(Map<String, Object> draft, String slug) {
        Map<String, Object> copy = new LinkedHashMap<>(draft);
        copy.put("slug", slug);
        return copy;
    }

    private static Map<String, Object> money(long amount) {
        return Map.of("amount", amount, "currency", "GBP");
    }

    private static Map<String, Object> text(String key, String label, boolean required, long price, int maxLength) {
        return option(key, label, "TEXT", required, price, Map.of("maxLength", maxLength));
    }

    private static Map<String, Object> text(String key, String label, boolean required, long price, int maxLength,
            String pattern) {
        return option(key, label, "TEXT", required, price, Map.of("maxLength", maxLength, "pattern", pattern));
    }

    /**
     * A text printed under the photo: between the demo pictures' frame and the product's name drawn below it, so the
     * preview shows the shopper's words where neither covers them.
     */
    private static Map<String, Object> underThePhoto(Map<String, Object> option) {
        @SuppressWarnings("unchecked")
        Map<String, Object> constraints = new LinkedHashMap<>((Map<String, Object>) option.get("constraints"));
        constraints.put("printArea", Map.of("x", 20, "y", 57, "width", 60, "height", 8));
        Map<String, Object> placed = new LinkedHashMap<>(option);
        placed.put("constraints", constraints);
        return placed;
    }

    private static Map<String, Object> textarea(String key, String label, boolean required, long price, int maxLength) {
        return option(key, label, "TEXTAREA", required, price, Map.of("maxLength", maxLength));
    }

    private static Map<String, Object> font(boolean required) {
        return option("font", "Font", "FONT", required, 0, Map.of("fonts", FONTS));
    }

    private static Map<String, Object> colour() {
        return option("colour", "Colour", "COLOUR", false, 0, Map.of("colours", COLOURS));
    }

    private static Map<String, Object> dropdown(String key, String label, List<String> choices, long price) {
        return option(key, label, "DROPDOWN", false, price, Map.of("choices", choices));
    }

    private static Map<String, Object> toggle(String key, String label, long price) {
        return option(key, label, "TOGGLE", false, price, Map.of());
    }

    private static Map<String, Object> photo(String key, String label, @Nullable String ratio, int minWidth,
            int minHeight) {
        Map<String, Object> constraints = new LinkedHashMap<>();
        constraints.put("maxFileSize", 10_000_000);
        if (ratio != null) {
            constraints.put("aspectRatio", ratio);
        }
        constraints.put("minWidth", minWidth);
        constraints.put("minHeight", minHeight);
        constraints.put("printArea", printArea(ratio));
        return option(key, label, "IMAGE", true, 0, constraints);
    }

    /**
     * The demo pictures' print area: the largest rectangle of the photo's ratio in the frame drawn on every demo
     * picture (about 44 × 38 per cent of it, centred a little above the middle, above the product's name).
     */
    static Map<String, Integer> printArea(@Nullable String ratio) {
        double frameWidth = 44;
        double frameHeight = 38;
        double wanted = ratio == null ? frameWidth / frameHeight
                : Double.parseDouble(ratio.split(":")[0]) / Double.parseDouble(ratio.split(":")[1]);
        double width = wanted >= frameWidth / frameHeight ? frameWidth : frameHeight * wanted;
        double height = width / wanted;
        int w = (int) Math.round(width);
        int h = (int) Math.round(height);
        Map<String, Integer> area = new LinkedHashMap<>();
        area.put("x", (int) Math.round(50 - w / 2.0));
        area.put("y", (int) Math.round(37 - h / 2.0));
        area.put("width", w);
        area.put("height", h);
        return area;
    }

    private static Map<String, Object> option(String key, String label, String type, boolean required, long price,
            Map<String, Object> constraints) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("key", key);
        option.put("label", label);
        option.put("type", type);
        option.put("required", required);
        option.put("priceModifier", money(price));
        option.put("constraints", constraints);
        return option;
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static int colourOf(String name) {
        int[] palette = {0xc0392b, 0x1f6f8b, 0x2e7d32, 0xb7791f, 0x6b3fa0, 0xad5f7d, 0x37474f};
        return palette[Math.floorMod(name.hashCode(), palette.length)];
    }
}

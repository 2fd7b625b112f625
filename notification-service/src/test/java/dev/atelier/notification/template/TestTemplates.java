package dev.atelier.notification.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The templates with sample branding, for rendering tests without Spring; samples are saved for people to read. */
public final class TestTemplates {

    public static final Path SAMPLES = Path.of("target", "mail-samples");

    private TestTemplates() {
    }

    public static Branding branding() {
        return new Branding("Atelier Bristol", "https://shop.atelier.example", "https://shop.atelier.example/logo.png",
                "#3b2f63", "#d4a017", "Atelier Ltd, 1 Workshop Lane, Bristol BS1 4DJ, United Kingdom",
                "help@atelier.example", "workshop@atelier.example");
    }

    public static MailTemplates templates() {
        return new MailTemplates(branding());
    }

    /** Renders the mail and saves both parts under target/mail-samples/&lt;name&gt;.html and .txt. */
    public static RenderedMail renderAndSave(Mail mail, String name) {
        RenderedMail rendered = templates().render(mail);
        try {
            Files.createDirectories(SAMPLES);
            Files.writeString(SAMPLES.resolve(name + ".html"), rendered.html());
            Files.writeString(SAMPLES.resolve(name + ".txt"), "Subject: " + rendered.subject() + "\n\n" + rendered.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rendered;
    }
}

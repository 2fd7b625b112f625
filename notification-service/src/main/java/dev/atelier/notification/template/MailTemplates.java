package dev.atelier.notification.template;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an e-mail's HTML and plain-text parts with Thymeleaf, from {@code classpath:mail/html} and
 * {@code classpath:mail/text}. Every template sees {@code brand} (the configured branding), {@code subject},
 * {@code preheader} and {@code unsubscribeUrl} (null on transactional mail) besides its own variables.
 */
@Component
public class MailTemplates {

    private final TemplateEngine html;
    private final TemplateEngine text;
    private final Branding branding;

    MailTemplates(Branding branding) {
        this.branding = branding;
        this.html = engine("mail/html/", ".html", TemplateMode.HTML);
        this.text = engine("mail/text/", ".txt", TemplateMode.TEXT);
    }

    public Branding branding() {
        return branding;
    }

    public RenderedMail render(Mail mail) {
        Map<String, Object> variables = new HashMap<>(mail.variables());
        variables.put("brand", branding);
        variables.put("subject", mail.subject());
        variables.put("preheader", mail.preheader());
        variables.put("unsubscribeUrl", mail.unsubscribeUrl());
        Context context = new Context(Locale.UK, variables);
        return new RenderedMail(mail.subject(), html.process(mail.template(), context),
                text.process(mail.template(), context).strip() + "\n");
    }

    private static TemplateEngine engine(String prefix, String suffix, TemplateMode mode) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
        return engine;
    }
}

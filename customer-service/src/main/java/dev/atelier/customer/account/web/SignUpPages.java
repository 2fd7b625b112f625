package dev.atelier.customer.account.web;

import dev.atelier.customer.account.Registration;
import dev.atelier.customer.botcheck.Turnstile;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-up and e-mail verification pages (server-rendered forms with CSRF, errors beside their fields). */
@Controller
class SignUpPages {

    private final Registration registration;
    private final Turnstile turnstile;

    SignUpPages(Registration registration, Turnstile turnstile) {
        this.registration = registration;
        this.turnstile = turnstile;
    }

    /** The bot check's site key for the page's widget: sign-up always asks when Turnstile is configured. */
    @ModelAttribute("turnstileSiteKey")
    @Nullable String turnstileSiteKey() {
        return turnstile.siteKey();
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("displayName", "");
        model.addAttribute("email", "");
        model.addAttribute("errors", Map.of());
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(name = Turnstile.FIELD, required = false) @Nullable String botToken,
            HttpServletRequest request, Model model) {
        List<Registration.FieldError> errors = new ArrayList<>(registration.problemsWith(email, displayName, password));
        // checked before anything is written: no account, no e-mail for a form that failed the check
        if (errors.isEmpty() && !turnstile.check(botToken, request.getRemoteAddr()).letsThrough()) {
            errors.add(new Registration.FieldError("turnstile",
                    "Please complete the “I am human” check, then create your account again."));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("displayName", displayName);
            model.addAttribute("email", email);
            model.addAttribute("errors", errors.stream().collect(Collectors.toMap(Registration.FieldError::field,
                    Registration.FieldError::message, (a, b) -> a)));
            return "signup";
        }
        registration.signUp(email, displayName, password);
        return "redirect:/signup/verify?email=" + URLEncoder.encode(email.strip(), StandardCharsets.UTF_8);
    }

    @GetMapping("/signup/verify")
    String verifyForm(@RequestParam(defaultValue = "") String email, Model model) {
        model.addAttribute("email", email);
        return "verify";
    }

    @PostMapping("/signup/verify")
    String verify(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String code,
            Model model) {
        Registration.Verification outcome = registration.verify(email, code);
        if (outcome == Registration.Verification.VERIFIED) {
            return "redirect:/login?verified";
        }
        model.addAttribute("email", email);
        model.addAttribute("error", switch (outcome) {
            case EXPIRED -> "This code has expired. Ask for a new one below.";
            case TOO_MANY_ATTEMPTS -> "Too many wrong codes. Ask for a new one below.";
            default -> "That code is not right. Check the e-mail we sent and try again.";
        });
        return "verify";
    }

    @PostMapping("/signup/resend")
    String resend(@RequestParam(defaultValue = "") String email, Model model) {
        registration.resendCode(email);
        model.addAttribute("email", email);
        model.addAttribute("notice", "If this address is waiting for verification, a new code is on its way.");
        return "verify";
    }
}

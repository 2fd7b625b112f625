package dev.atelier.customer.account.web;

import dev.atelier.customer.account.PasswordReset;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Forgotten password: ask for a link, then choose a new password from the link. */
@Controller
class PasswordPages {

    private final PasswordReset reset;

    PasswordPages(PasswordReset reset) {
        this.reset = reset;
    }

    @GetMapping("/password/reset")
    String askForm() {
        return "password-reset";
    }

    @PostMapping("/password/reset")
    String ask(@RequestParam(defaultValue = "") String email, Model model) {
        if (!email.isBlank() && email.length() <= 254) {
            reset.requestLink(email);
        }
        model.addAttribute("notice", "If an account uses this address, we have sent it a link to choose a new "
                + "password. The link works once, for 30 minutes.");
        return "password-reset";
    }

    @GetMapping("/password/reset/confirm")
    String newPasswordForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("usable", reset.isUsable(token));
        return "password-new";
    }

    @PostMapping("/password/reset/confirm")
    String choose(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
            Model model) {
        PasswordReset.Outcome outcome = reset.reset(token, password);
        return switch (outcome) {
            case PasswordReset.Outcome.Changed changed -> "redirect:/login?passwordChanged";
            case PasswordReset.Outcome.Refused refused -> {
                model.addAttribute("token", token);
                model.addAttribute("usable", true);
                model.addAttribute("error", refused.message());
                yield "password-new";
            }
            case PasswordReset.Outcome.LinkUnusable unusable -> {
                model.addAttribute("token", token);
                model.addAttribute("usable", false);
                yield "password-new";
            }
        };
    }
}

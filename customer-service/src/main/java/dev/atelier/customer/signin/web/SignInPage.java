package dev.atelier.customer.signin.web;

import dev.atelier.customer.signin.GoogleSignIn;
import dev.atelier.customer.signin.SignInChallenge;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to Spring Security's login processing at {@code POST /login}. */
@Controller
class SignInPage {

    private final GoogleSignIn google;
    private final SignInChallenge challenge;

    SignInPage(GoogleSignIn google, SignInChallenge challenge) {
        this.google = google;
        this.challenge = challenge;
    }

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) @Nullable String error,
            @RequestParam(required = false) @Nullable Long retry,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String signedOut,
            @RequestParam(required = false) @Nullable String verified,
            @RequestParam(required = false) @Nullable String passwordChanged,
            HttpServletRequest request, Model model) {
        // after failures from this address, the bot check (when Turnstile is configured)
        model.addAttribute("turnstileSiteKey", challenge.siteKeyFor(request.getRemoteAddr()));
        model.addAttribute("email", email == null ? "" : email);
        model.addAttribute("google", google.enabled() ? GoogleSignIn.START_PATH : null);
        model.addAttribute("codeRequested", "code-required".equals(error) || "code".equals(error));
        model.addAttribute("error", error == null ? null : message(error, retry));
        model.addAttribute("notice", signedOut != null ? "You have signed out."
                : verified != null ? "Your e-mail address is verified. You can sign in now."
                : passwordChanged != null ? "Your password is changed. Sign in with the new one." : null);
        return "login";
    }

    private static String message(String error, @Nullable Long retry) {
        return switch (error) {
            case "bot-check" -> "Please complete the “I am human” check, then sign in again.";
            case "throttled" -> "Too many attempts. Please wait " + waitText(retry) + " and try again.";
            case "code-required" -> "Enter the six-digit code from your authenticator app, or a recovery code.";
            case "code" -> "That code is not valid or was already used. Enter the current code from your app.";
            case "unverified" -> "Please verify your e-mail address first: enter the code we sent you.";
            case "locked" -> "This account is locked. Please contact the store.";
            case "google-unverified" -> "Google has not verified this e-mail address, so we cannot use it to sign you "
                    + "in. Sign in with your password, or verify the address with Google first.";
            case "google-staff" -> "Staff accounts sign in with their password and authenticator code, not with Google.";
            case "google" -> "Signing in with Google did not work. Please try again, or sign in with your password.";
            default -> "The e-mail address or password is not correct.";
        };
    }

    private static String waitText(@Nullable Long seconds) {
        if (seconds == null || seconds < 60) {
            long s = seconds == null ? 1 : Math.max(1, seconds);
            return s + (s == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}

package dev.postmortem.web.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security checks the password it posts. */
@Controller
class SignInController {

    @GetMapping("/sign-in")
    String signIn() {
        return "sign-in";
    }
}

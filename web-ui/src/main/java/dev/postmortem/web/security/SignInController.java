package dev.postmortem.web.security;

import dev.postmortem.kit.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The sign-in page: in mode {@code local} the form (Spring Security checks the password it posts); in mode
 * {@code jwt} a button for each of the organisation's issuers.
 */
@Controller
class SignInController {

    /** An issuer to sign in at: where the button goes, and what it says. */
    record Issuer(String href, String name) {
    }

    private final boolean local;
    private final List<Issuer> issuers = new ArrayList<>();

    SignInController(SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
        this.local = properties.mode() == SecurityProperties.Mode.LOCAL;
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                issuers.add(new Issuer("/oauth2/authorization/" + client.getRegistrationId(), client.getClientName()));
            }
        }
    }

    @GetMapping("/sign-in")
    String signIn(Model model) {
        model.addAttribute("local", local);
        model.addAttribute("issuers", local ? List.of() : issuers);
        return "sign-in";
    }
}

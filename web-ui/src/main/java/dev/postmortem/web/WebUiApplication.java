package dev.postmortem.web;

import dev.postmortem.kit.language.KitLanguageConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The web application: pages for people, over the two services' APIs. */
@SpringBootApplication
// The language check, configured as in both services (postmortem.language.*).
@Import(KitLanguageConfiguration.class)
@ConfigurationPropertiesScan
public class WebUiApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebUiApplication.class, args);
    }
}

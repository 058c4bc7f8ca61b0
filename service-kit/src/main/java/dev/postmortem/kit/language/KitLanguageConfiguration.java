package dev.postmortem.kit.language;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured language check, for whoever imports it: both services and the web UI. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageProperties.class)
public class KitLanguageConfiguration {

    @Bean
    LanguageCheck languageCheck(LanguageProperties properties) {
        return new LanguageCheck(properties);
    }
}

package dev.postmortem.query.language;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean
    ViewLanguage viewLanguage(LanguageProperties properties) {
        return new ViewLanguage(properties);
    }
}

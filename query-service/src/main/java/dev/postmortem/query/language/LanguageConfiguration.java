package dev.postmortem.query.language;

import dev.postmortem.kit.language.LanguageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageProperties.class)
class LanguageConfiguration {

    @Bean
    ViewLanguage viewLanguage(LanguageProperties properties) {
        return new ViewLanguage(properties);
    }
}

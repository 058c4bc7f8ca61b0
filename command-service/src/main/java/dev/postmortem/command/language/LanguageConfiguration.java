package dev.postmortem.command.language;

import dev.postmortem.kit.language.LanguageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageProperties.class)
class LanguageConfiguration {

    @Bean
    WritingCheck writingCheck(LanguageProperties properties) {
        return new WritingCheck(properties);
    }
}

package dev.postmortem.command.language;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean
    WritingCheck writingCheck(LanguageProperties properties) {
        return new WritingCheck(properties);
    }
}

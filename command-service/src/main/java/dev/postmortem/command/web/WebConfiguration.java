package dev.postmortem.command.web;

import com.fasterxml.jackson.core.JsonParser;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final WriteContextResolver writeContextResolver;

    WebConfiguration(WriteContextResolver writeContextResolver) {
        this.writeContextResolver = writeContextResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(writeContextResolver);
    }

    /**
     * A body naming a field twice is malformed: RFC 8259 leaves its meaning open, and Jackson would otherwise try to
     * bind every occurrence of a record component, failing with a definition error (a 500) instead of a 400.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer rejectDuplicateKeys() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new JsonOnly()).addPathPatterns("/api/**");
    }
}

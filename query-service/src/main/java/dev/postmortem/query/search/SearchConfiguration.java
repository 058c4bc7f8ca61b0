package dev.postmortem.query.search;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import dev.postmortem.query.stream.EventJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    /** Documents as the rest of the system writes JSON: ISO-8601 times (Boot's default mapper has no time module). */
    @Bean
    JsonpMapper elasticsearchJsonpMapper() {
        return new JacksonJsonpMapper(EventJson.MAPPER.copy());
    }
}

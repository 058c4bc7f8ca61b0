package dev.postmortem.query;

import dev.postmortem.kit.language.KitLanguageConfiguration;
import dev.postmortem.kit.observability.KafkaHealthConfiguration;
import dev.postmortem.kit.problem.KitProblemConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The read side: projects the {@code postmortem.events} topic into MongoDB (views, history, countermeasures) and
 * answers queries from there.
 */
@SpringBootApplication
// What both services share from service-kit besides security (which each service's SecurityConfiguration imports).
@Import({KitProblemConfiguration.class, KafkaHealthConfiguration.class, KitLanguageConfiguration.class})
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}

package dev.postmortem.query.it;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Starts query-service in this JVM against given servers, on a free port, for tests that stop servers under it. */
final class QueryServiceRunner {

    private QueryServiceRunner() {
    }

    static ConfigurableApplicationContext start(Properties addresses, String... extraArguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        LocalStackAddresses.springProperties(addresses).forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(args.toArray(String[]::new));
    }

    static String baseUrl(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
    }
}

package dev.postmortem.localstack.junit;

import dev.postmortem.localstack.client.LocalStackAddresses;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Starts a service in this JVM against given servers, on a free port, for tests that stop and start it (a test that
 * only needs it running extends {@link RunningServiceTest}). Closing the context stops it.
 */
public final class InProcessService {

    private InProcessService() {
    }

    public static ConfigurableApplicationContext start(Class<?> application, Properties addresses, String... extraArguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        LocalStackAddresses.springProperties(addresses).forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
    }

    /** Where a started service answers: {@code http://127.0.0.1:<port>}. */
    public static String baseUrl(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
    }
}

package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.command.CommandServiceApplication;
import dev.postmortem.localstack.client.LocalStackAddresses;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Starts command-service in this JVM against given servers, on a free port, for tests that stop and start it. */
final class CommandServiceRunner {

    private CommandServiceRunner() {
    }

    static ConfigurableApplicationContext start(Properties addresses, String... extraArguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        LocalStackAddresses.springProperties(addresses).forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(args.toArray(String[]::new));
    }

    static HttpApi api(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return new HttpApi("http://127.0.0.1:" + port).as(TestUsers.ADMIN);
    }
}

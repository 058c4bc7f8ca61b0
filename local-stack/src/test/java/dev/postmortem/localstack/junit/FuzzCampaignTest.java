package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a campaign treats a connection the server closes without an answer. The "server" is a real socket on
 * 127.0.0.1 that resets every connection it accepts, as Tomcat's close of an unread request body can.
 */
class FuzzCampaignTest {

    private final FuzzCampaign campaign = new FuzzCampaign("FuzzCampaignTest", Duration.ofMinutes(1));
    private ServerSocket server;
    private Thread resetter;
    private HttpApi api;

    @BeforeEach
    void startResettingServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        resetter = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    connection.setSoLinger(true, 0);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "resetter");
        resetter.start();
        api = new HttpApi("http://127.0.0.1:" + server.getLocalPort());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        resetter.join(5_000);
    }

    private static FuzzRequest withHeader(int valueLength) {
        return new FuzzRequest("PUT", "/api/things/1", List.of("X-Correlation-Id", "x".repeat(valueLength)),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClosedConnectionIsARefusalOnlyForHeadersOverTheServersLimit() {
        assertThat(campaign.send(withHeader(9_000), api)).as("over the limit: refused at the transport").isEmpty();
        assertThat(campaign.figures()).contains("1 requests").contains("1 connections closed on headers over 8192 bytes")
                                      .contains("1 rejected (4xx or closed)");

        assertThatThrownBy(() -> campaign.send(withHeader(100), api)).as("within the limit the server must answer")
                                                                     .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> campaign.send(withHeader(FuzzCampaign.HEADER_LIMIT - FuzzCampaign.CLIENT_HEADERS - 60), api))
                .as("just within the limit, with room for the client's own headers").isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aRefusalIsHandedToTheCheckThatNothingChangedAndCounted() {
        List<String> refusals = new ArrayList<>();
        campaign.sendCheckingRefusals(withHeader(9_000), api, refusals::add);
        assertThat(refusals).containsExactly("the closed connection");
        assertThat(campaign.figures()).contains("1 rejected (4xx or closed), 1 of them checked to have written nothing");

        assertThatThrownBy(() -> campaign.sendCheckingRefusals(withHeader(9_000), api, refusal -> {
            throw new AssertionError("changed after " + refusal);
        })).hasMessage("changed after the closed connection");
        assertThat(campaign.figures()).as("a failed check is not counted").contains("2 rejected (4xx or closed), 1 of them checked");
    }

    @Test
    void headerBytesCountTheRequestLineAndEveryHeaderAsSent() {
        FuzzRequest request = new FuzzRequest("GET", "/a?b=%C3%BC", List.of("Accept", "ü", "X-Y", ""), null);
        // "GET /a?b=%C3%BC HTTP/1.1\r\n" 26, "Accept: ü\r\n" 12 (ü is two bytes), "X-Y: \r\n" 7, the blank line 2
        assertThat(request.headerBytes()).isEqualTo(26 + 12 + 7 + 2);
    }

    @Test
    void aFailedTryNamesTheCauseOfTheFailure() {
        assertThatThrownBy(() -> campaign.run("causes", 1, Gen.constant(withHeader(10)), request -> campaign.send(request, api)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("try 1 of 1 failed")
                .hasMessageContaining("PUT http://127.0.0.1:" + server.getLocalPort() + "/api/things/1 failed")
                .hasMessageContaining("caused by java.");
    }
}

package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.netty.HardeningAccess;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.wsgi4j.netty.hardening.Corpus.H;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many slowloris connections at once (SPEC.md §6.6, {@code requestHeadTimeout}): each is closed at the head deadline
 * although it keeps sending, and an honest client is served throughout.
 */
class SlowlorisFloodTest {

    private static final int ATTACKERS = 200;

    @Test
    void twoHundredTricklingConnectionsAreAllClosedAndAnHonestClientIsServedMeanwhile() throws Exception {
        try (Fixture f = new Fixture(ServerConfig.builder().requestHeadTimeout(Duration.ofMillis(800))
                .idleTimeout(Duration.ofSeconds(10)))) {
            List<Socket> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    Socket s = new Socket("127.0.0.1", f.port());
                    s.setSoTimeout(5_000);
                    s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    attackers.add(s);
                }
                // Trickle one header byte per attacker every 100 ms, for 3 s in all (bounded).
                boolean honestServed = false;
                for (int round = 0; round < 30; round++) {
                    for (Socket s : attackers) {
                        trickle(s);
                    }
                    if (round == 2) {
                        try (RawHttp honest = new RawHttp(f.port())) {
                            honestServed = honest.send("GET /honest HTTP/1.1\r\n" + H + "\r\n").read().status() == 200;
                        }
                    }
                    Thread.sleep(100);
                }
                assertThat(honestServed).as("an honest client is served during the attack").isTrue();
                int closed = 0;
                for (Socket s : attackers) {
                    if (closedByServer(s)) {
                        closed++;
                    }
                }
                assertThat(closed).as("attackers closed at the head deadline").isEqualTo(ATTACKERS);
                assertThat(HardeningAccess.openConnections(f.server)).isZero();
            } finally {
                for (Socket s : attackers) {
                    s.close();
                }
            }
        }
    }

    private static void trickle(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            out.write('X');
            out.flush();
        } catch (java.io.IOException closed) {
            // the server already closed it: what this test expects
        }
    }

    private static boolean closedByServer(Socket s) throws java.io.IOException {
        s.setSoTimeout(2_000);
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }
}

package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** --protocol and --uwsgi-allow-from: mapping, --help, --check-config, one-line errors. */
class ProtocolOptionsTest extends CommandLineTest {

    private static ServerConfig config(String... args) {
        return parse(args).toConfig();
    }

    @Test
    void helpListsBothOptions() {
        assertThat(run("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--protocol=PROTOCOL", "--uwsgi-allow-from=IPS", "uwsgi (the binary protocol of "
                + "nginx's uwsgi_pass", "Unix-socket peers always may");
    }

    @Test
    void byDefaultConnectionsSpeakHttp() {
        assertThat(config(HELLO).uwsgi().enabled()).isFalse();
    }

    @Test
    void uwsgiAndItsAllowListAreMapped() throws Exception {
        ServerConfig c = config("--protocol", "uwsgi", "--uwsgi-allow-from", "10.0.0.0/8", HELLO);

        assertThat(c.uwsgi().enabled()).isTrue();
        assertThat(c.uwsgi().allowFrom().trusts(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(c.uwsgi().allowFrom().trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(config("--protocol=uwsgi", HELLO).uwsgi().allowFrom()
                .trusts(InetAddress.getByName("::1"))).isTrue();
    }

    @Test
    void checkConfigShowsTheProtocol() {
        assertThat(run("--check-config", HELLO)).isZero();
        assertThat(out.toString()).contains("protocol: http");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--protocol", "uwsgi", HELLO)).isZero();
        assertThat(out.toString()).contains("protocol: uwsgi, uwsgi-allow-from: 127.0.0.1,::1 and Unix sockets");
    }

    @Test
    void badValuesAreOneLineAndStatus2() {
        assertThat(run("--protocol", "h2", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--protocol must be http or uwsgi: h2");
        err.getBuffer().setLength(0);
        assertThat(run("--protocol", "uwsgi", "--uwsgi-allow-from", "nginx.local", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--uwsgi-allow-from: 'nginx.local' is not an IP address or CIDR network");
        err.getBuffer().setLength(0);
        assertThat(run("--protocol", "uwsgi", "--proxy-protocol", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("uwsgi protocol is served without TLS and without the PROXY protocol");
    }
}

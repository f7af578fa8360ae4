package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** --forwarded-allow-ips and --proxy-protocol: mapping, --help, --check-config, --config, one-line errors. */
class ProxyOptionsTest extends CommandLineTest {

    @TempDir
    Path dir;

    private static ServerConfig config(String... args) {
        return parse(args).toConfig();
    }

    @Test
    void helpListsBothOptionsAndStatesTheTrustRule() {
        assertThat(run("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--forwarded-allow-ips=IPS", "--proxy-protocol", "default: 127.0.0.1,::1",
                "'' trusts nobody", "from any other peer they reach the application untouched");
    }

    @Test
    void byDefaultLoopbackIsTrustedAndThereIsNoProxyProtocol() throws Exception {
        ServerConfig c = config(HELLO);

        assertThat(c.proxy().trusted()).isEqualTo(TrustedProxies.LOOPBACK);
        assertThat(c.proxy().trusted().trusts(InetAddress.getByName("::1"))).isTrue();
        assertThat(c.proxy().proxyProtocol()).isFalse();
    }

    @Test
    void theListAndTheProxyProtocolAreMapped() throws Exception {
        ServerConfig c = config("--forwarded-allow-ips", "10.0.0.0/8,2001:db8::/32", "--proxy-protocol", HELLO);

        assertThat(c.proxy().trusted().trusts(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(c.proxy().trusted().trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(c.proxy().proxyProtocol()).isTrue();
        assertThat(config("--forwarded-allow-ips", "", HELLO).proxy().trusted().isEmpty()).isTrue();
        assertThat(config("--forwarded-allow-ips=*", HELLO).proxy().trusted()
                .trusts(InetAddress.getByName("203.0.113.1"))).isTrue();
    }

    @Test
    void checkConfigShowsThem() {
        assertThat(run("--check-config", HELLO)).isZero();
        assertThat(out.toString()).contains("forwarded-allow-ips: 127.0.0.1,::1, proxy-protocol: off");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--forwarded-allow-ips=", "--proxy-protocol", HELLO)).isZero();
        assertThat(out.toString()).contains("forwarded-allow-ips: '', proxy-protocol: on");
    }

    @Test
    void aConfigFileSetsThemToo() throws Exception {
        Path file = Files.writeString(dir.resolve("server.properties"),
                "forwarded-allow-ips=192.0.2.0/24\nproxy-protocol=true\n");

        assertThat(run("--check-config", "--config", file.toString(), HELLO)).isZero();
        assertThat(out.toString()).contains("forwarded-allow-ips: 192.0.2.0/24, proxy-protocol: on");
    }

    @Test
    void aBadEntryIsOneLineNamingItAndStatus2() {
        assertThat(run("--forwarded-allow-ips", "127.0.0.1,proxy.example", HELLO)).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.contains("--forwarded-allow-ips: 'proxy.example' is not an "
                + "IP address or CIDR network"))).hasSize(1);
        err.getBuffer().setLength(0);
        assertThat(run("--forwarded-allow-ips", "10.0.0.0/40", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--forwarded-allow-ips: '10.0.0.0/40': the prefix length must be 0 to 32");
    }
}

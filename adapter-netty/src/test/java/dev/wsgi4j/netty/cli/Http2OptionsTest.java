package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.TestPki;
import dev.wsgi4j.netty.http2.Http2Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP/2 options: off by default, mapping, --help, --check-config, one-line errors. */
class Http2OptionsTest extends CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void byDefaultHttp2IsOffWithGunicornsLimits() {
        ServerConfig c = parse(HELLO).toConfig();
        assertThat(c.http2()).isEqualTo(Http2Settings.DEFAULTS);
        assertThat(c.http2().enabled()).isFalse();
        assertThat(c.http2().maxConcurrentStreams()).isEqualTo(100);
    }

    @Test
    void cleartextAndLimitsAreMapped() {
        Http2Settings h2 = parse("--http2-cleartext", "prior-knowledge", "--http2-max-concurrent-streams", "7",
                "--http2-initial-window-size", "1048576", "--http2-max-frame-size", "32768",
                "--http2-max-header-list-size", "8192", HELLO).toConfig().http2();
        assertThat(h2).isEqualTo(new Http2Settings(false, Http2Settings.Cleartext.PRIOR_KNOWLEDGE, 7, 1_048_576,
                32_768, 8_192));
    }

    @Test
    void cleartextUpgradeAndBoth() {
        assertThat(parse("--http2-cleartext", "upgrade", HELLO).toConfig().http2().cleartext())
                .isEqualTo(Http2Settings.Cleartext.UPGRADE);
        assertThat(parse("--http2-cleartext", "both", HELLO).toConfig().http2().cleartext())
                .isEqualTo(Http2Settings.Cleartext.BOTH);
        assertThat(run("--check-config", "--http2-cleartext", "both", HELLO)).isZero();
        assertThat(out.toString()).contains("http2-cleartext: both");
    }

    @Test
    void h2ByAlpnWithACertificate() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Issued leaf = pki.leaf("CN=localhost", TestPki.KeyKind.EC);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), TestPki.KeyFormat.PKCS8);
        ServerConfig c = parse("--http-protocols", "h2,h1", "--certfile", cert.toString(), "--keyfile",
                key.toString(), HELLO).toConfig();
        assertThat(c.http2().alpn()).isTrue();
    }

    @Test
    void helpAndCheckConfigShowThem() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--http-protocols=LIST", "--http2-cleartext=MODE",
                "--http2-max-concurrent-streams=N", "--http2-initial-window-size=BYTES", "--http2-max-frame-size=BYTES",
                "--http2-max-header-list-size=BYTES");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--http2-cleartext", "prior-knowledge", HELLO)).isZero();
        assertThat(out.toString()).contains("http-protocols: h1, http2-cleartext: prior-knowledge, "
                + "http2-max-concurrent-streams: 100, http2-initial-window-size: 65535, http2-max-frame-size: 16384, "
                + "http2-max-header-list-size: 65536");
    }

    @Test
    void badValuesAreOneLineNamingTheOptionAndStatus2() {
        assertThat(run("--http-protocols", "h3", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--http-protocols: unknown protocol 'h3'");
        err.getBuffer().setLength(0);
        assertThat(run("--http-protocols", "h2,h1", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("needs TLS (--certfile)");
        err.getBuffer().setLength(0);
        assertThat(run("--http2-cleartext", "sometimes", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--http2-cleartext: expected off, prior-knowledge, upgrade or both: "
                + "sometimes");
        err.getBuffer().setLength(0);
        assertThat(run("--http2-max-frame-size", "100", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--http2-max-frame-size must be in 16384..16777215: 100");
    }
}

package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ClientAuthMode;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.TestPki;
import dev.wsgi4j.netty.TestPki.KeyFormat;
import dev.wsgi4j.netty.TestPki.KeyKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** --certfile, --keyfile, --cert-reqs and --ca-certs: mapping, --check-config, and one-line errors. */
class TlsOptionsTest extends CommandLineTest {

    private static TestPki pki;

    @TempDir
    Path dir;
    private Path cert;
    private Path key;
    private Path ca;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki();
    }

    @BeforeEach
    void writeFiles() throws Exception {
        TestPki.Issued leaf = pki.leaf("CN=localhost", KeyKind.RSA);
        cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), pki.intermediate.certificate());
        key = TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), KeyFormat.TRADITIONAL);
        ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    }

    private static ServerConfig config(String... args) {
        return parse(args).toConfig();
    }

    @Test
    void helpListsTheTlsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--certfile=FILE", "--keyfile=FILE",
                "--cert-reqs=none|optional|required", "--ca-certs=FILE");
    }

    @Test
    void withoutCertificateTheServerIsPlainHttp() {
        ServerConfig c = config(HELLO);
        assertThat(c.tls()).isNull();
        assertThat(c.urlScheme()).isEqualTo("http");
    }

    @Test
    void certAndKeyServeHttpsWithClientCertificatesAsAsked() {
        ServerConfig c = config("--certfile", cert.toString(), "--keyfile", key.toString(),
                "--cert-reqs", "required", "--ca-certs", ca.toString(), HELLO);
        assertThat(c.urlScheme()).isEqualTo("https");
        assertThat(c.tls().certFile()).isEqualTo(cert);
        assertThat(c.tls().keyFile()).isEqualTo(key);
        assertThat(c.tls().clientAuth()).isEqualTo(ClientAuthMode.REQUIRED);
        assertThat(c.tls().caFile()).isEqualTo(ca);
    }

    @Test
    void checkConfigShowsTheTlsState() {
        assertThat(run("--check-config", HELLO)).isZero();
        assertThat(out.toString()).contains("tls: off (plain HTTP)");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--certfile", cert.toString(), "--keyfile", key.toString(), HELLO))
                .isZero();
        assertThat(out.toString()).containsPattern("tls: on, (openssl|jdk), certfile: .*cert.pem, keyfile: "
                + ".*key.pem, cert-reqs: none");
    }

    @Test
    void aMissingFileIsOneLineAndStatus2() {
        Path missing = dir.resolve("nope.pem");
        assertThat(run("--certfile", missing.toString(), "--keyfile", key.toString(), HELLO)).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.contains("certificate file " + missing + ": no such file")))
                .hasSize(1);
    }

    @Test
    void aKeyFileWithoutAKeyIsOneLineAndStatus2() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
        assertThat(run("--certfile", cert.toString(), "--keyfile", garbage.toString(), HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("key file " + garbage + ": no unencrypted PEM private key");
    }

    @Test
    void aKeyThatDoesNotFitTheCertificateIsStatus2() throws Exception {
        Path other = TestPki.writeKey(dir.resolve("other.pem"), pki.leaf("CN=other", KeyKind.RSA).keys(),
                KeyFormat.PKCS8);
        assertThat(run("--certfile", cert.toString(), "--keyfile", other.toString(), HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("key file " + other + " does not hold the private key of the first "
                + "certificate in " + cert);
    }

    @Test
    void optionsThatNeedEachOtherSaySo() {
        assertThat(run("--certfile", cert.toString(), HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--certfile and --keyfile go together");
        assertThat(run("--certfile", cert.toString(), "--keyfile", key.toString(), "--cert-reqs", "required",
                HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--cert-reqs required needs --ca-certs");
        assertThat(run("--cert-reqs", "sometimes", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("'sometimes' is not none, optional or required");
    }
}

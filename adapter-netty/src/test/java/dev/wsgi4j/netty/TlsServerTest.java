package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.TestPki.KeyFormat;
import dev.wsgi4j.netty.TestPki.KeyKind;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** HTTPS end to end: certificates made at run time, the server on an ephemeral port, real clients. */
class TlsServerTest {

    /** Answers with the request's {@code wsgi.url_scheme}. */
    private static final Application SCHEME = (env, sr) -> {
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        Object subject = env.get(TlsSessionStage.CLIENT_SUBJECT);
        String body = env.get(Environ.WSGI_URL_SCHEME) + (subject == null ? "" : " " + subject);
        return List.of(body.getBytes(StandardCharsets.UTF_8));
    };

    private static TestPki pki;
    @TempDir
    Path dir;
    private GatewayServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** A server whose cert file holds the leaf and the intermediate, for clients that trust only the root. */
    private int start(TlsProvider provider, KeyKind kind, KeyFormat format, ClientAuthMode auth) throws Exception {
        return start(SCHEME, provider, kind, format, auth);
    }

    private int start(Application app, TlsProvider provider, KeyKind kind, KeyFormat format, ClientAuthMode auth)
            throws Exception {
        TestPki.Issued leaf = pki.leaf("CN=localhost", kind);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), pki.intermediate.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), format);
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
        TlsConfig tls = TlsConfig.of(cert, key).withProvider(provider)
                .withClientAuth(auth, auth == ClientAuthMode.NONE ? null : ca);
        server = new GatewayServer(app, ServerConfig.builder().port(0).tls(tls).build()).start();
        return server.port();
    }

    private static HttpResponse<String> get(SSLContext context, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assumeAvailable(TlsProvider provider) {
        assumeThat(provider != TlsProvider.OPENSSL || OpenSsl.isAvailable()).as("OpenSSL loads here").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void servesHttpsWithAChainAndEveryKeyForm(TlsProvider provider) throws Exception {
        assumeAvailable(provider);
        for (KeyKind kind : KeyKind.values()) {
            for (KeyFormat format : KeyFormat.values()) {
                int port = start(provider, kind, format, ClientAuthMode.NONE);
                HttpResponse<String> r = get(pki.clientContext(null), port);
                assertThat(r.statusCode()).as("%s %s %s", provider, kind, format).isEqualTo(200);
                assertThat(r.body()).isEqualTo("https");
                assertThat(new java.util.ArrayList<io.netty.channel.Channel>(server.connections())).allSatisfy(ch ->
                        assertThat(TlsSessionStage.environKeys(ch)).as("no client certificate").isEmpty());
                // The client trusts only the root, so the handshake needed the intermediate from the cert file.
                assertThat(r.sslSession()).get().satisfies(s ->
                        assertThat(s.getPeerCertificates()).hasSize(2));
                server.stop(Duration.ofSeconds(1));
                server = null;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aFileWrapperBodyIsEncryptedLikeAnyOther(TlsProvider provider) throws Exception {
        assumeAvailable(provider);
        byte[] content = new byte[300 * 1024];
        new java.util.Random(42).nextBytes(content);
        Path file = java.nio.file.Files.write(dir.resolve("data.bin"), content);
        // Zero-copy FileRegions would bypass the SslHandler; NettyTransport must send the file as buffers here.
        int port = start((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return dev.wsgi4j.FileWrapper.of(file);
        }, provider, KeyKind.RSA, KeyFormat.PKCS8, ClientAuthMode.NONE);
        HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext(null))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
    }

    @Test
    void curlWithTheRootAsCaGetsTheAnswer() throws Exception {
        int port = start(TlsProvider.AUTO, KeyKind.RSA, KeyFormat.PKCS8, ClientAuthMode.NONE);
        Path ca = TestPki.writePem(dir.resolve("root.pem"), pki.root.certificate());
        List<String> out = run(List.of("curl", "-sS", "--max-time", "10", "--cacert", ca.toString(),
                "https://localhost:" + port + "/"));
        assertThat(out).containsExactly("exit 0", "https");
    }

    @Test
    void httpsWorksOnAUnixSocketToo() throws Exception {
        TestPki.Issued leaf = pki.leaf("CN=localhost", KeyKind.EC);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), pki.intermediate.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), KeyFormat.PKCS8);
        Path ca = TestPki.writePem(dir.resolve("root.pem"), pki.root.certificate());
        Path socket = dir.resolve("tls.sock");
        server = new GatewayServer(SCHEME, ServerConfig.builder().tls(TlsConfig.of(cert, key))
                .binds(List.of(ListenAddress.unix(socket))).build()).start();

        List<String> out = run(List.of("curl", "-sS", "--max-time", "10", "--cacert", ca.toString(),
                "--unix-socket", socket.toString(), "https://localhost/"));
        assertThat(out).containsExactly("exit 0", "https");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void refusesTls11ButNotTls12(TlsProvider provider) throws Exception {
        assumeAvailable(provider);
        int port = start(provider, KeyKind.RSA, KeyFormat.PKCS8, ClientAuthMode.NONE);
        // openssl's client, because the JDK's own will not even offer TLS 1.1 (java.security disables it), which
        // would make the refusal untested. SECLEVEL=0 lets OpenSSL 3 offer it.
        List<String> tls11 = run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1",
                "-cipher", "DEFAULT:@SECLEVEL=0"));
        List<String> tls12 = run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_2"));
        assertThat(tls12.get(0)).isEqualTo("exit 0");
        assertThat(String.join("\n", tls12)).contains("Protocol  : TLSv1.2");
        assertThat(tls11.get(0)).isNotEqualTo("exit 0");
        // The server's protocol_version alert (RFC 8446 §6.2): the server refused, not the client.
        assertThat(String.join("\n", tls11)).contains("alert protocol version").contains("Cipher is (NONE)");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void requiredClientCertificateIsEnforced(TlsProvider provider) throws Exception {
        assumeAvailable(provider);
        int port = start(provider, KeyKind.EC, KeyFormat.PKCS8, ClientAuthMode.REQUIRED);
        assertThatThrownBy(() -> get(pki.clientContext(null), port)).isInstanceOf(IOException.class);
        TestPki.Issued client = pki.leaf("CN=alice,O=wsgi4j tests", KeyKind.EC);
        HttpResponse<String> r = get(pki.clientContext(client), port);
        assertThat(r.statusCode()).isEqualTo(200);
        // The application sees the verified subject (RFC 2253) under wsgi4j.client_subject.
        String subject = client.certificate().getSubjectX500Principal().getName();
        assertThat(subject).contains("CN=alice");
        assertThat(r.body()).isEqualTo("https " + subject);
        assertThat(new java.util.ArrayList<io.netty.channel.Channel>(server.connections())).anySatisfy(ch -> assertThat(TlsSessionStage.environKeys(ch))
                .containsExactly(java.util.Map.entry(TlsSessionStage.CLIENT_SUBJECT, subject)));
    }

    @Test
    void aKeyFileWithoutAKeyFailsTheStartInOneLine() throws Exception {
        TestPki.Issued leaf = pki.leaf("CN=localhost", KeyKind.RSA);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate());
        ServerConfig config = ServerConfig.builder().port(0).tls(TlsConfig.of(cert, cert)).build();
        assertThatThrownBy(() -> new GatewayServer(SCHEME, config).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key file " + cert)
                .hasMessageNotContaining("\n");
    }

    /** Runs a command with empty input; its exit status, then its output lines. */
    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        List<String> lines = new ArrayList<>();
        lines.add("exit " + p.exitValue());
        lines.addAll(new String(output, StandardCharsets.UTF_8).lines().toList());
        return lines;
    }
}

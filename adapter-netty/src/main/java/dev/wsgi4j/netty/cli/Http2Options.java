package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.http2.Http2Settings;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP/2 options of {@code wsgi4j-server}, named and defaulted as gunicorn names them; a mixin of
 * {@link ServerOptions}, mapped to {@link dev.wsgi4j.netty.ServerConfig#http2()} by {@link #toConfig()}.
 */
public final class Http2Options {

    @Option(names = "--http-protocols", paramLabel = "LIST", defaultValue = "h1",
            description = "Protocols offered on TLS listeners: h1 (the default), or h2,h1 to offer HTTP/2 first by "
                    + "ALPN (clients that do not ask for h2 get HTTP/1.1). Needs --certfile; see --http2-cleartext "
                    + "for HTTP/2 without TLS.")
    String httpProtocols;

    @Option(names = "--http2-cleartext", paramLabel = "MODE", defaultValue = "off",
            description = "HTTP/2 without TLS (h2c) on plain listeners: off (the default); prior-knowledge (a "
                    + "client that opens with the HTTP/2 preface speaks HTTP/2, any other HTTP/1.1); upgrade (a "
                    + "connection's first request may switch with Upgrade: h2c, and is answered over HTTP/2); or "
                    + "both.")
    String cleartext;

    @Option(names = "--http2-max-concurrent-streams", paramLabel = "N", defaultValue = "100",
            description = "Streams one HTTP/2 connection may have open at once, each an application call running "
                    + "concurrently; advertised in SETTINGS (default: ${DEFAULT-VALUE}).")
    int maxConcurrentStreams;

    @Option(names = "--http2-initial-window-size", paramLabel = "BYTES", defaultValue = "65535",
            description = "HTTP/2 stream flow-control window advertised to clients (default: ${DEFAULT-VALUE}).")
    int initialWindowSize;

    @Option(names = "--http2-max-frame-size", paramLabel = "BYTES", defaultValue = "16384",
            description = "Largest HTTP/2 frame payload accepted, 16384..16777215 (default: ${DEFAULT-VALUE}).")
    int maxFrameSize;

    @Option(names = "--http2-max-header-list-size", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest decoded HTTP/2 header list accepted (default: ${DEFAULT-VALUE}).")
    int maxHeaderListSize;

    /** @throws IllegalArgumentException naming the option at fault */
    Http2Settings toConfig() {
        Set<String> protocols = new LinkedHashSet<>();
        for (String p : httpProtocols.split(",", -1)) {
            String name = p.trim().toLowerCase(Locale.ROOT);
            if (!name.equals("h1") && !name.equals("h2")) {
                throw new IllegalArgumentException("--http-protocols: unknown protocol '" + p.trim()
                        + "' (expected h1 or h2,h1)");
            }
            protocols.add(name);
        }
        if (!protocols.contains("h1")) {
            throw new IllegalArgumentException("--http-protocols: h1 must stay offered (h2,h1)");
        }
        Http2Settings.Cleartext mode = switch (cleartext.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> Http2Settings.Cleartext.OFF;
            case "prior-knowledge" -> Http2Settings.Cleartext.PRIOR_KNOWLEDGE;
            case "upgrade" -> Http2Settings.Cleartext.UPGRADE;
            case "both" -> Http2Settings.Cleartext.BOTH;
            default -> throw new IllegalArgumentException("--http2-cleartext: expected off, prior-knowledge, upgrade "
                    + "or both: " + cleartext);
        };
        try {
            return new Http2Settings(protocols.contains("h2"), mode, maxConcurrentStreams, initialWindowSize,
                    maxFrameSize, maxHeaderListSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("http2 maxConcurrentStreams",
                    "--http2-max-concurrent-streams").replace("http2 initialWindowSize", "--http2-initial-window-size")
                    .replace("http2 maxFrameSize", "--http2-max-frame-size")
                    .replace("http2 maxHeaderListSize", "--http2-max-header-list-size"), e);
        }
    }

    /** What {@code --check-config} prints for {@code http2}. */
    static String describe(Http2Settings h2) {
        return "http-protocols: " + (h2.alpn() ? "h2,h1" : "h1") + ", http2-cleartext: " + h2.cleartext().optionValue()
                + ", http2-max-concurrent-streams: " + h2.maxConcurrentStreams()
                + ", http2-initial-window-size: " + h2.initialWindowSize()
                + ", http2-max-frame-size: " + h2.maxFrameSize()
                + ", http2-max-header-list-size: " + h2.maxHeaderListSize();
    }
}

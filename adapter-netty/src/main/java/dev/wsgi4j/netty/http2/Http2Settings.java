package dev.wsgi4j.netty.http2;

/**
 * Whether and how the server speaks HTTP/2 (SPEC.md "HTTP/2"), with gunicorn's option names and defaults. Off by
 * default: {@link #DEFAULTS} serves HTTP/1.1 only.
 *
 * @param alpn                 offer {@code h2} before {@code http/1.1} by ALPN on TLS listeners
 *                             ({@code --http-protocols h2,h1})
 * @param cleartext            HTTP/2 without TLS ({@code --http2-cleartext})
 * @param maxConcurrentStreams streams one connection may have open at once; always advertised in SETTINGS
 * @param initialWindowSize    the stream flow-control window advertised, in bytes (RFC 9113 §6.9.2)
 * @param maxFrameSize         the largest frame payload accepted, in bytes (16,384..16,777,215)
 * @param maxHeaderListSize    the largest decoded header list accepted, in bytes (RFC 9113 §6.5.2)
 */
public record Http2Settings(boolean alpn, Cleartext cleartext, int maxConcurrentStreams, int initialWindowSize,
                            int maxFrameSize, int maxHeaderListSize) {

    /** HTTP/1.1 only; the HTTP/2 limits at gunicorn's defaults, for when it is turned on. */
    public static final Http2Settings DEFAULTS = new Http2Settings(false, Cleartext.OFF, 100, 65_535, 16_384, 65_536);

    /** Cleartext HTTP/2 (h2c): how a plain-HTTP client may start it. */
    public enum Cleartext {
        /** h2c refused: a plain listener speaks HTTP/1.1 only. */
        OFF,
        /** A client that opens with the HTTP/2 connection preface (RFC 9113 §3.3) speaks HTTP/2. */
        PRIOR_KNOWLEDGE,
        /** A client's first request may ask for HTTP/2 with {@code Upgrade: h2c} (RFC 7540 §3.2). */
        UPGRADE,
        /** Both: the preface, or an {@code Upgrade: h2c} first request. */
        BOTH;

        /** The option's spelling: {@code off}, {@code prior-knowledge}, {@code upgrade}, {@code both}. */
        public String optionValue() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Whether a client may open with the HTTP/2 preface. */
        public boolean priorKnowledge() {
            return this == PRIOR_KNOWLEDGE || this == BOTH;
        }

        /** Whether a client may switch with {@code Upgrade: h2c}. */
        public boolean upgrade() {
            return this == UPGRADE || this == BOTH;
        }
    }

    public Http2Settings {
        if (cleartext == null) {
            throw new IllegalArgumentException("http2 cleartext mode must be given");
        }
        requireRange("maxConcurrentStreams", maxConcurrentStreams, 1, Integer.MAX_VALUE);
        requireRange("initialWindowSize", initialWindowSize, 1, Integer.MAX_VALUE);
        requireRange("maxFrameSize", maxFrameSize, 16_384, 16_777_215);
        requireRange("maxHeaderListSize", maxHeaderListSize, 1, Integer.MAX_VALUE);
    }

    /** Whether any listener may speak HTTP/2. */
    public boolean enabled() {
        return alpn || cleartext != Cleartext.OFF;
    }

    public Http2Settings withAlpn(boolean alpn) {
        return new Http2Settings(alpn, cleartext, maxConcurrentStreams, initialWindowSize, maxFrameSize,
                maxHeaderListSize);
    }

    public Http2Settings withCleartext(Cleartext cleartext) {
        return new Http2Settings(alpn, cleartext, maxConcurrentStreams, initialWindowSize, maxFrameSize,
                maxHeaderListSize);
    }

    public Http2Settings withMaxConcurrentStreams(int maxConcurrentStreams) {
        return new Http2Settings(alpn, cleartext, maxConcurrentStreams, initialWindowSize, maxFrameSize,
                maxHeaderListSize);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("http2 " + name + " must be in " + min + ".." + max + ": " + value);
        }
    }
}

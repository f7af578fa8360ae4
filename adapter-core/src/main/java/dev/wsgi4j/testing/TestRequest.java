package dev.wsgi4j.testing;

import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.gateway.RequestTarget;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One HTTP request to send through an {@link ApplicationRunner}, described the same way for the in-process
 * {@link TestClient} and for a real server, so one test runs unchanged on both (Werkzeug's {@code EnvironBuilder}
 * role, without building the environ: that is each runner's job).
 *
 * <p>Framing is derived, not set: the request carries {@code Host: host()} (unless {@link Builder#noHost()}) and,
 * when {@code bodyLength() > 0},
 * {@code Content-Length: bodyLength()}; when {@code bodyLength() == -1} it is sent chunked. With no body
 * ({@code bodyLength() == 0}) no framing header is sent. {@link #headers()} holds only the other headers, in order.
 */
public final class TestRequest {

    /** Headers that are framing, set through {@link Builder#host} and {@link Builder#body}, never by hand. */
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding");

    private final String method;
    private final String target;
    private final List<Header> headers;
    private final Supplier<InputStream> body;
    private final long bodyLength;
    private final String scheme;
    private final String host;
    private final String protocol;

    private TestRequest(Builder b) {
        this.method = b.method;
        this.target = b.target;
        this.headers = List.copyOf(b.headers);
        this.body = b.body;
        this.bodyLength = b.bodyLength;
        this.scheme = b.scheme;
        this.host = b.host;
        this.protocol = b.protocol;
    }

    public static Builder get(String target) {
        return new Builder("GET", target);
    }

    /** A POST of {@code body} with no Content-Type: add one ({@link Builder#contentType}) unless that is the test. */
    public static Builder post(String target, byte[] body) {
        return new Builder("POST", target).body(body);
    }

    /** A POST whose body a body helper sets: {@code TestRequest.post("/f").form(Map.of("a", "1"))}. */
    public static Builder post(String target) {
        return new Builder("POST", target);
    }

    public static Builder request(String method, String target) {
        return new Builder(method, target);
    }

    public String method() {
        return method;
    }

    /**
     * The request-target exactly as sent: a percent-encoded path, optionally followed by {@code ?query}, or the
     * absolute form {@code http://authority/path?query} (RFC 9112 §3.2.2).
     */
    public String target() {
        return target;
    }

    public List<Header> headers() {
        return headers;
    }

    /** A fresh stream over the body on every call, so a request can be sent again (redirects, retries). */
    public InputStream openBody() {
        return body.get();
    }

    /** The body's length, 0 without a body, or -1 when unknown (sent chunked). */
    public long bodyLength() {
        return bodyLength;
    }

    public String scheme() {
        return scheme;
    }

    /** The Host header value: a name, optionally with {@code :port}; null after {@link Builder#noHost()}. */
    public String host() {
        return host;
    }

    /** {@code HTTP/1.1}, or {@code HTTP/1.0} after {@link Builder#http10()}. */
    public String protocol() {
        return protocol;
    }

    /** A builder holding this request's values, to derive a variant (a redirect hop, another method). */
    public Builder toBuilder() {
        Builder b = new Builder(method, target);
        b.headers.addAll(headers);
        b.body = body;
        b.bodyLength = bodyLength;
        b.scheme = scheme;
        b.host = host;
        b.protocol = protocol;
        return b;
    }

    @Override
    public String toString() {
        return method + " " + target + " " + protocol;
    }

    /** Collects a request's parts; {@link #build()} checks them. */
    public static final class Builder {
        private String method;
        private String target;
        private final List<Header> headers = new ArrayList<>();
        private Supplier<InputStream> body = () -> InputStream.nullInputStream();
        private long bodyLength;
        private String scheme = "http";
        private String host = "localhost";
        private String protocol = "HTTP/1.1";

        private Builder(String method, String target) {
            this.method = Objects.requireNonNull(method, "method");
            this.target = Objects.requireNonNull(target, "target");
        }

        public Builder method(String newMethod) {
            this.method = Objects.requireNonNull(newMethod, "method");
            return this;
        }

        public Builder target(String newTarget) {
            this.target = Objects.requireNonNull(newTarget, "target");
            return this;
        }

        /** Adds a header; repeat the call to send a header several times. */
        public Builder header(String name, String value) {
            if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is framing: use host(...) or body(...)");
            }
            headers.add(new Header(name, value));
            return this;
        }

        /** Sets the Content-Type header, replacing any earlier one. */
        public Builder contentType(String value) {
            headers.removeIf(h -> h.is("Content-Type"));
            return header("Content-Type", value);
        }

        public Builder body(byte[] bytes) {
            byte[] copy = bytes.clone();
            return body(() -> new ByteArrayInputStream(copy), copy.length);
        }

        /**
         * An {@code application/x-www-form-urlencoded} body of {@code fields} in their iteration order, UTF-8, as a
         * browser submits a form.
         */
        public Builder form(Map<String, String> fields) {
            String encoded = fields.entrySet().stream()
                    .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return body(encoded.getBytes(StandardCharsets.US_ASCII)).contentType("application/x-www-form-urlencoded");
        }

        /** {@code json} as an {@code application/json} body (UTF-8, RFC 8259). */
        public Builder json(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8)).contentType("application/json");
        }

        /** A {@code multipart/form-data} body of {@code parts}' fields and files, with its boundary in Content-Type. */
        public Builder multipart(MultipartBody parts) {
            return body(parts.build()).contentType(parts.contentType());
        }

        /** A body read from a fresh stream per send; {@code length} -1 means unknown (chunked on a server). */
        public Builder body(Supplier<InputStream> source, long length) {
            if (length < -1) {
                throw new IllegalArgumentException("length must be >= -1: " + length);
            }
            this.body = Objects.requireNonNull(source, "source");
            this.bodyLength = length;
            return this;
        }

        /** Drops the body (a 303 redirect turns a POST into a bodiless GET). */
        public Builder noBody() {
            headers.removeIf(h -> h.is("Content-Type"));
            return body(InputStream::nullInputStream, 0);
        }

        public Builder scheme(String value) {
            if (!value.equals("http") && !value.equals("https")) {
                throw new IllegalArgumentException("scheme must be http or https: " + value);
            }
            this.scheme = value;
            return this;
        }

        public Builder host(String value) {
            if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c >= 0x7F || c == '/')) {
                throw new IllegalArgumentException("not a host[:port]: \"" + value + "\"");
            }
            this.host = value;
            return this;
        }

        /** Sends no Host header, as an HTTP/1.0 client may; {@link #build()} refuses it on HTTP/1.1 (RFC 9112 §3.2). */
        public Builder noHost() {
            this.host = null;
            return this;
        }

        public Builder http10() {
            this.protocol = "HTTP/1.0";
            return this;
        }

        /**
         * Checks the target: origin-form ({@code /path?query}) or absolute-form ({@code http://host/path}) of
         * visible ASCII; encode anything else.
         */
        public TestRequest build() {
            if (!target.startsWith("/") && !isAbsoluteForm(target)) {
                throw new IllegalArgumentException("target must start with '/' or be an absolute http(s) URI: \""
                        + target + "\"");
            }
            for (int i = 0; i < target.length(); i++) {
                char c = target.charAt(i);
                if (c <= ' ' || c >= 0x7F || c == '#') {
                    throw new IllegalArgumentException("target must be visible ASCII without '#' (percent-encode it): "
                            + "index " + i + " of \"" + target + "\"");
                }
            }
            if (!HeaderRules.isToken(method)) {
                throw new IllegalArgumentException("method must be a token: \"" + method + "\"");
            }
            if (host == null && !protocol.equals("HTTP/1.0")) {
                throw new IllegalArgumentException("an HTTP/1.1 request carries Host; noHost() needs http10()");
            }
            return new TestRequest(this);
        }

        /** http or https with a valid authority, as a server accepts it ({@link RequestTarget#check}). */
        private boolean isAbsoluteForm(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            return (lower.startsWith("http://") || lower.startsWith("https://"))
                    && RequestTarget.check(method, value) == 0;
        }
    }
}

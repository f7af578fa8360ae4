package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several applications under one server, each mounted at a path prefix (Werkzeug's {@code DispatcherMiddleware},
 * PEP 3333 "URL Reconstruction"). The longest prefix that matches at a segment boundary wins: {@code /app} serves
 * {@code /app} and {@code /app/x} but not {@code /apple}. The mounted application sees the prefix moved from
 * {@code PATH_INFO} to the end of {@code SCRIPT_NAME}; {@code PATH_INFO} is {@code ""} for the prefix itself.
 *
 * <p>The mounted application gets its own environ, so the caller's map (and any middleware around this one) keeps
 * the original SCRIPT_NAME and PATH_INFO; wsgiref's {@code shift_path_info} mutates in place instead. It is not a
 * full copy (that cost a map node per key on every request) but a {@link ShiftedEnviron}: the caller's map seen
 * through a layer that takes every write, so the mounted application may change its environ freely and the
 * caller's stays as it was. A path no prefix matches, and no default app ({@code ""} or {@code "/"}) catches, gets
 * the 404 page of {@link Responses#notFound}.
 *
 * <pre>{@code
 * Application site = UrlMap.builder().mount("/api", api).mount("/", web).build();
 * }</pre>
 */
public final class UrlMap implements Application {

    private record Mount(String prefix, Application app) {
    }

    /** Longest prefix first, so the first match is the most specific. */
    private final List<Mount> mounts;

    private UrlMap(List<Mount> mounts) {
        List<Mount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        this.mounts = List.copyOf(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String path = Environ.pathInfo(environ);
        for (Mount m : mounts) {
            if (matches(m.prefix(), path)) {
                Map<String, Object> shifted = new ShiftedEnviron(environ);
                shifted.put(Environ.SCRIPT_NAME, Environ.scriptName(environ) + m.prefix());
                shifted.put(Environ.PATH_INFO, path.substring(m.prefix().length()));
                return m.app().call(shifted, startResponse);
            }
        }
        return Responses.notFound(environ).send(startResponse);
    }

    /** True when {@code prefix} covers {@code path} up to a segment boundary. */
    static boolean matches(String prefix, String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /**
     * The CGI form of a mount prefix: text is UTF-8 encoded as PATH_INFO is, trailing slashes are dropped, and
     * {@code "/"} becomes {@code ""} (the default mount).
     */
    static String normalize(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            throw new IllegalArgumentException("a mount prefix starts with '/': \"" + prefix + "\"");
        }
        String trimmed = prefix;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return Environ.encode(trimmed);
    }

    /** Collects mounts; a prefix may be mounted once. */
    public static final class Builder {
        private final Map<String, Mount> mounts = new HashMap<>();

        private Builder() {
        }

        /** Mounts {@code app} at {@code prefix} (text, e.g. {@code "/api"}); {@code ""} or {@code "/"} is the default. */
        public Builder mount(String prefix, Application app) {
            Objects.requireNonNull(app, "app");
            String key = normalize(prefix);
            if (mounts.putIfAbsent(key, new Mount(key, app)) != null) {
                throw new IllegalArgumentException("prefix mounted twice: \"" + prefix + "\"");
            }
            return this;
        }

        public UrlMap build() {
            return new UrlMap(new ArrayList<>(mounts.values()));
        }
    }
}

package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.http.Responses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One application per request method for a resource (Flask's {@code methods=[...]} on a route), answering the rest
 * as RFC 9110 §9 asks:
 * <ul>
 * <li>a method with no application: 405 with {@code Allow} naming the methods served;</li>
 * <li>HEAD, when no application was given for it, goes to the GET application. {@code REQUEST_METHOD} stays
 * {@code HEAD}, so that application may skip work it would only throw away; whatever body it returns, the server
 * sends none (SPEC.md §6.2);</li>
 * <li>OPTIONS, when no application was given for it: 204 with {@code Allow}.</li>
 * </ul>
 * Methods are case-sensitive (RFC 9110 §9.1): {@code on("get", app)} serves a method named {@code get}, not GET.
 *
 * <pre>{@code
 * Application messages = Methods.builder().get(listMessages).post(addMessage).build();
 * Application site = UrlMap.builder().mount("/messages", messages).build();
 * }</pre>
 */
public final class Methods implements Application {

    private final Map<String, Application> handlers;
    private final String allow;

    private Methods(Map<String, Application> handlers) {
        this.handlers = Map.copyOf(handlers);
        StringBuilder names = new StringBuilder();
        handlers.keySet().forEach(m -> names.append(names.length() == 0 ? "" : ", ").append(m));
        if (handlers.containsKey("GET") && !handlers.containsKey("HEAD")) {
            names.append(", HEAD");
        }
        if (!handlers.containsKey("OPTIONS")) {
            names.append(names.length() == 0 ? "" : ", ").append("OPTIONS");
        }
        this.allow = names.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of the {@code Allow} header this dispatcher answers with, e.g. {@code "GET, POST, HEAD, OPTIONS"}. */
    public String allow() {
        return allow;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String method = Environ.method(environ);
        Application handler = handlers.get(method);
        if (handler == null && method.equals("HEAD")) {
            handler = handlers.get("GET");
        }
        if (handler != null) {
            return handler.call(environ, startResponse);
        }
        if (method.equals("OPTIONS")) {
            return Responses.status(204).withHeader("Allow", allow).send(startResponse);
        }
        return Responses.status(405).withHeader("Allow", allow).send(startResponse);
    }

    /** Collects one application per method; a method may be given once. */
    public static final class Builder {
        private final Map<String, Application> handlers = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder get(Application app) {
            return on("GET", app);
        }

        public Builder head(Application app) {
            return on("HEAD", app);
        }

        public Builder post(Application app) {
            return on("POST", app);
        }

        public Builder put(Application app) {
            return on("PUT", app);
        }

        public Builder patch(Application app) {
            return on("PATCH", app);
        }

        public Builder delete(Application app) {
            return on("DELETE", app);
        }

        public Builder options(Application app) {
            return on("OPTIONS", app);
        }

        /** {@code app} serves requests with method {@code method} (a token, case-sensitive). */
        public Builder on(String method, Application app) {
            Objects.requireNonNull(app, "app");
            if (method == null || !HeaderRules.isToken(method)) {
                throw new IllegalArgumentException("a method is a token: " + method);
            }
            if (handlers.putIfAbsent(method, app) != null) {
                throw new IllegalArgumentException("method given twice: " + method);
            }
            return this;
        }

        public Methods build() {
            return new Methods(handlers);
        }
    }
}

package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;

import java.util.Objects;

/**
 * Something that wraps an application in another (SPEC.md §1.3): to the server it is an application, to the
 * application it is a server. Composition follows {@link java.util.function.Function}: the middleware applied
 * last is the outermost, so it sees the request first and the response last.
 */
@FunctionalInterface
public interface Middleware {

    Application wrap(Application app);

    /**
     * This middleware, then {@code next} around it: {@code a.andThen(b).wrap(app) == b.wrap(a.wrap(app))}, so a
     * request passes through {@code b}, then {@code a}, then reaches {@code app}.
     */
    default Middleware andThen(Middleware next) {
        Objects.requireNonNull(next, "next");
        return app -> next.wrap(wrap(app));
    }

    /**
     * The stack in request order: {@code compose(outer, inner).wrap(app) == outer.wrap(inner.wrap(app))}, so a
     * request passes through the middlewares as listed, then reaches the application.
     */
    static Middleware compose(Middleware... middlewares) {
        Middleware[] stack = middlewares.clone();
        for (Middleware m : stack) {
            Objects.requireNonNull(m, "middleware");
        }
        return app -> {
            Application wrapped = app;
            for (int i = stack.length - 1; i >= 0; i--) {
                wrapped = stack[i].wrap(wrapped);
            }
            return wrapped;
        };
    }
}

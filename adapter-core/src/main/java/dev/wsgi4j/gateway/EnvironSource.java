package dev.wsgi4j.gateway;

import dev.wsgi4j.http.GatewayException;

import java.util.Map;

/**
 * Builds one request's environ when {@link ResponseDriver} asks for it. The driver builds it inside its own error
 * handling, as wsgiref's {@code BaseHandler.run} does, so that a request whose environ cannot be built (a path that
 * does not decode: 400; a body that cannot be opened: 500) is answered and logged by the same single path as an
 * application that fails.
 */
@FunctionalInterface
public interface EnvironSource {

    /** @throws Exception any failure; a {@link GatewayException} carries the status to answer with */
    Map<String, Object> build() throws Exception;
}

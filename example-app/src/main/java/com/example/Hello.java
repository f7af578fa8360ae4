package com.example;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.util.Map;

/**
 * A user's own application, served by {@code java -jar wsgi4j-server.jar --classpath example-app.jar
 * com.example.Hello}: a public class with a public no-argument constructor is all that {@code wsgi4j-server}
 * asks for.
 */
public final class Hello implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
        String name = Environ.decode(Environ.pathInfo(environ)).replaceFirst("^/", "");
        return Responses.text("Hello, " + (name.isEmpty() ? "world" : name) + "!\n").send(startResponse);
    }
}

package dev.wsgi4j.testing;

import dev.wsgi4j.Application;

/**
 * Sends one request to an application and returns what a client receives: the in-process {@link TestClient}, or a
 * real server started for the test. The shared contract suite is written against this, so every server must
 * answer exactly like the others.
 */
@FunctionalInterface
public interface ApplicationRunner {

    /**
     * Serves {@code app} to {@code request} and returns the response. Throws when no response arrived at all (the
     * connection was closed before a head); a response cut after its head is returned with
     * {@link TestResponse#truncated()} set.
     */
    TestResponse send(Application app, TestRequest request) throws Exception;
}

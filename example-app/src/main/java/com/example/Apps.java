package com.example;

import dev.wsgi4j.Application;
import dev.wsgi4j.middleware.UrlMap;

/**
 * The other form of APP, {@code com.example.Apps::site}: a public static field or no-argument method that gives
 * the application, for one that is assembled rather than constructed (here {@link Hello} mounted under
 * {@code /hello}).
 */
public final class Apps {

    private Apps() {
    }

    public static Application site() {
        return UrlMap.builder().mount("/hello", new Hello()).build();
    }
}

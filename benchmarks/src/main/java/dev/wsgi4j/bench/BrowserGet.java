package dev.wsgi4j.bench;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The request the JMH benchmarks build an environ for: a typical browser GET (a current Chromium's headers, a
 * query string, a cookie). Kept as plain data so that a benchmark of another environ builder takes the same
 * request in a few lines.
 */
public final class BrowserGet {

    public static final String TARGET = "/hello/x?lang=en&page=2";

    public static final List<Map.Entry<String, String>> HEADERS = List.of(
            Map.entry("Host", "127.0.0.1:8080"),
            Map.entry("Connection", "keep-alive"),
            Map.entry("sec-ch-ua", "\"Chromium\";v=\"156\", \"Not-A.Brand\";v=\"24\""),
            Map.entry("sec-ch-ua-mobile", "?0"),
            Map.entry("sec-ch-ua-platform", "\"Linux\""),
            Map.entry("Upgrade-Insecure-Requests", "1"),
            Map.entry("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/156.0.0.0 Safari/537.36"),
            Map.entry("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                    + "image/apng,*/*;q=0.8"),
            Map.entry("Sec-Fetch-Site", "same-origin"),
            Map.entry("Sec-Fetch-Mode", "navigate"),
            Map.entry("Sec-Fetch-User", "?1"),
            Map.entry("Sec-Fetch-Dest", "document"),
            Map.entry("Referer", "http://127.0.0.1:8080/"),
            Map.entry("Accept-Encoding", "gzip, deflate, br, zstd"),
            Map.entry("Accept-Language", "en-GB,en;q=0.9,de;q=0.8"),
            Map.entry("Cookie", "session=3f1c2a9e7b5d4c60; theme=dark"));

    public static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
    public static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 51234);

    private BrowserGet() {
    }

    /** The request as Netty's decoder hands it over. */
    public static HttpRequest netty() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, TARGET);
        for (Map.Entry<String, String> header : HEADERS) {
            request.headers().add(header.getKey(), header.getValue());
        }
        return request;
    }
}

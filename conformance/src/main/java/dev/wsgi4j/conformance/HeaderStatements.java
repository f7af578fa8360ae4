package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.wsgi4j.conformance.StartResponseStatements.trying;
import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "The start_response() Callable", "Other HTTP Features", "Unicode Issues": status and headers (B28-B31). */
public abstract class HeaderStatements extends Statements {

    private static final List<Header> PLAIN = List.of(new Header("Content-Type", "text/plain"));

    /** What each call of start_response made of {@code cases}: "raised" or "accepted", by case name. */
    private Map<String, String> outcomes(Map<String, Object[]> cases) throws Exception {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            @SuppressWarnings("unchecked")
            Supplier<List<Header>> headers = (Supplier<List<Header>>) c.getValue()[1];
            try (RunningServer running = start(trying((String) c.getValue()[0], headers))) {
                TestResponse r = running.send(TestRequest.get("/").build());
                outcomes.put(c.getKey(), r.status() == 200 ? r.text() : "answered " + r.status());
            }
        }
        return outcomes;
    }

    private static Object[] call(String status, Supplier<List<Header>> headers) {
        return new Object[] {status, headers};
    }

    @Test
    @DisplayName("P3333-SR-06 Errors in the status and headers are detected when start_response is called: "
            + "\"NNN reason\", no control characters, header names are tokens")
    void statusAndHeaderErrorsRaiseAtStartResponse() throws Exception {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("status without reason or space", call("200", () -> PLAIN));
        cases.put("status with CRLF", call("200 OK\r\nX-Injected: 1", () -> PLAIN));
        cases.put("four-digit status", call("2000 OK", () -> PLAIN));
        cases.put("status not digits", call("abc OK", () -> PLAIN));
        cases.put("name with a space", call("200 OK", () -> List.of(new Header("Bad Name", "v"))));
        cases.put("value with LF", call("200 OK", () -> List.of(new Header("X-Split", "a\nb"))));
        cases.put("value with NUL", call("200 OK", () -> List.of(new Header("X-Nul", "a\u0000b"))));

        assertThat(outcomes(cases)).allSatisfy((name, outcome) -> assertThat(outcome).as(name).isEqualTo("raised"));
    }

    @Test
    @DisplayName("P3333-SR-07 Hop-by-hop headers from the application are a fatal error raised by start_response")
    void hopByHopHeadersRaise() throws Exception {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        for (String name : List.of("Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE",
                "Trailers", "Transfer-Encoding", "Upgrade", "connection")) {
            cases.put(name, call("200 OK", () -> List.of(new Header(name, "x"))));
        }
        cases.put("an end-to-end control", call("200 OK", () -> List.of(new Header("Cache-Control", "no-store"))));

        Map<String, String> outcomes = outcomes(cases);

        assertThat(outcomes.remove("an end-to-end control")).isEqualTo("accepted");
        assertThat(outcomes).allSatisfy((name, outcome) -> assertThat(outcome).as(name).isEqualTo("raised"));
    }

    @Test
    @DisplayName("P3333-SR-08 Header names are compared case-insensitively: an application's header is never "
            + "sent twice")
    void headerNamesAreCaseInsensitive() throws Exception {
        Application lowerCase = (environ, start) -> {
            start.start("200 OK", List.of(new Header("content-type", "text/plain"),
                    new Header("content-length", "5")));
            return List.of(KitApps.utf8("hello"));
        };

        TestResponse r = send(lowerCase, TestRequest.get("/"));

        assertThat(r.headers("Content-Length")).containsExactly("5");
        assertThat(r.headers("Content-Type")).containsExactly("text/plain");
        assertThat(r.text()).isEqualTo("hello");
    }

    @Test
    @DisplayName("P3333-SR-08 (wire) The server adds the headers HTTP requires that the application left out "
            + "(Date), and keeps those it set")
    void theServerAddsDate() throws Exception {
        assumeCapable(Capability.SOCKET, "an in-process client has no wire for Date to be added to");
        TestResponse without = send(KitApps.text("no date"), TestRequest.get("/"));
        Application dated = (environ, start) -> {
            start.start("200 OK", List.of(new Header("date", "Tue, 01 Jan 2030 00:00:00 GMT")));
            return List.of(KitApps.utf8("dated"));
        };
        TestResponse with = send(dated, TestRequest.get("/"));

        assertThat(without.headers("Date")).hasSize(1);
        assertThat(with.headers("Date")).containsExactly("Tue, 01 Jan 2030 00:00:00 GMT");
    }

    @Test
    @DisplayName("P3333-SR-09 Status and header strings are ISO-8859-1: characters up to U+00FF go out as their "
            + "byte; others are refused")
    void headersAreLatin1() throws Exception {
        Application latin1 = (environ, start) -> {
            start.start("200 OK", List.of(new Header("X-Echo", "caf\u00E9")));
            return List.of(KitApps.utf8("ok"));
        };
        Map<String, Object[]> euro = new LinkedHashMap<>();
        euro.put("value with U+20AC", call("200 OK", () -> List.of(new Header("X-Price", "5 \u20AC"))));
        euro.put("reason with U+20AC", call("200 \u20AC", () -> PLAIN));

        assertThat(send(latin1, TestRequest.get("/")).header("X-Echo")).isEqualTo("caf\u00E9");
        assertThat(outcomes(euro)).allSatisfy((name, outcome) -> assertThat(outcome).as(name).isEqualTo("raised"));
    }
}

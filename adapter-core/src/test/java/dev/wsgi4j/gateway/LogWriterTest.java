package dev.wsgi4j.gateway;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** wsgi.errors: each line becomes one log record; checked with a recording Logger, not stdout. */
class LogWriterTest {

    /** A log call as an asynchronous backend would keep it: format and arguments, formatted only when read. */
    private record Call(String level, String format, Object[] args) {
        String message() {
            return MessageFormatter.arrayFormat(format, args).getMessage();
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("is") && name.endsWith("Enabled")) {
                    return true;
                }
                if (List.of("trace", "debug", "info", "warn", "error").contains(name) && args != null
                        && args[0] instanceof String format) {
                    Object[] rest = new Object[args.length - 1];
                    System.arraycopy(args, 1, rest, 0, rest.length);
                    if (rest.length == 1 && rest[0] instanceof Object[] varargs) {
                        rest = varargs;
                    }
                    calls.add(new Call(name, format, rest));
                    return null;
                }
                if (name.equals("getName")) {
                    return "fake";
                }
                return null;
            });

    private List<String> messages() {
        return calls.stream().map(Call::message).toList();
    }

    @Test
    void aLineThatNeverEndsIsLoggedInBoundedPieces() {
        PrintWriter errors = LogWriter.errorsFor(logger);

        errors.write("x".repeat(LogWriter.MAX_LINE * 2 + 5));
        errors.flush();

        assertThat(messages()).hasSize(3);
        assertThat(messages().get(0)).isEqualTo("wsgi.errors: " + "x".repeat(LogWriter.MAX_LINE));
        assertThat(messages().get(2)).isEqualTo("wsgi.errors: xxxxx");
    }

    @Test
    void eachLineBecomesOneRecord() {
        PrintWriter errors = LogWriter.errorsFor(logger);

        errors.println("first");
        errors.write("second\nthird\n");

        assertThat(messages()).containsExactly("wsgi.errors: first", "wsgi.errors: second", "wsgi.errors: third");
        assertThat(calls).extracting(Call::level).containsOnly("warn");
    }

    @Test
    void aRecordKeepsItsTextAfterLaterWritesEvenIfTheBackendFormatsLate() {
        PrintWriter errors = LogWriter.errorsFor(logger);

        errors.println("one");
        errors.println("two");

        assertThat(messages()).containsExactly("wsgi.errors: one", "wsgi.errors: two");
    }

    @Test
    void aPartialLineWaitsForItsEndOrAFlush() {
        PrintWriter errors = LogWriter.errorsFor(logger);

        errors.print("par");
        errors.print("tial");
        assertThat(calls).isEmpty();

        errors.flush();
        assertThat(messages()).containsExactly("wsgi.errors: partial");
    }

    @Test
    void crlfAndEmptyLinesDoNotProduceEmptyRecords() {
        PrintWriter errors = LogWriter.errorsFor(logger);

        errors.write("a\r\n\r\n\nb\r\n");
        errors.flush();
        errors.close();

        assertThat(messages()).containsExactly("wsgi.errors: a", "wsgi.errors: b");
    }

    @Test
    void acceptsAnyTextWithoutThrowing() {
        PrintWriter errors = LogWriter.errorsFor(logger);
        String text = "\u65e5\u672c\u8a9e \u20ac \uD83D\uDE00 \uD800 caf\u00e9 \u0000";

        assertThatCode(() -> {
            errors.println(text);
            errors.printf("%s=%d%n", "n", 42);
            errors.append("tail").flush();
        }).doesNotThrowAnyException();

        assertThat(errors.checkError()).isFalse();
        assertThat(messages()).containsExactly("wsgi.errors: " + text, "wsgi.errors: n=42", "wsgi.errors: tail");
    }

    @Test
    void writesFromSeveralThreadsDoNotInterleaveWithinALine() throws InterruptedException {
        PrintWriter errors = LogWriter.errorsFor(logger);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String line = String.valueOf((char) ('a' + i)).repeat(50);
            Thread thread = new Thread(() -> {
                for (int n = 0; n < 100; n++) {
                    errors.println(line);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        synchronized (calls) {
            assertThat(messages()).hasSize(400)
                    .allSatisfy(m -> assertThat(m.substring("wsgi.errors: ".length())).matches("([a-d])\\1{49}"));
        }
    }
}

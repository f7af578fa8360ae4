package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.StartResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppLoaderTest {

    private static final String APPS = TestApps.class.getName();
    private final AppLoader loader = new AppLoader(AppLoaderTest.class.getClassLoader(), new AppSchemes());

    @Test
    void aClassIsConstructedWithItsNoArgumentConstructor() throws Exception {
        assertThat(answer(loader.load(TestApps.Hello.class.getName()))).isEqualTo("200 OK hello");
    }

    @Test
    void aStaticFieldOrMethodGivesTheApplication() throws Exception {
        assertThat(answer(loader.load(APPS + "::FIELD"))).isEqualTo("200 OK from a field");
        assertThat(answer(loader.load(APPS + "::method"))).isEqualTo("200 OK from a method");
    }

    @Test
    void eachFailureSaysWhatWasWrong() {
        assertFails("com.example.Missing", "class com.example.Missing not found on the class path");
        assertFails(TestApps.NotAnApplication.class.getName(), "does not implement dev.wsgi4j.Application");
        assertFails(TestApps.NeedsArgument.class.getName(), "has no public no-argument constructor");
        assertFails(APPS + "::NOT_AN_APP", "gives a java.lang.String, not a dev.wsgi4j.Application");
        assertFails(APPS + "::NULL_FIELD", "gives null, not a dev.wsgi4j.Application");
        assertFails(APPS + "::instanceField", "is not static");
        assertFails(APPS + "::nothing", "has no public static field or no-argument method named 'nothing'");
        assertFails(APPS + "::failing", "failed: java.lang.IllegalStateException: no database at all");
        assertFails(APPS + "::", "is not CLASS or CLASS::MEMBER");
        assertFails("::FIELD", "is not CLASS or CLASS::MEMBER");
    }

    @Test
    void aClassOutsideTheClassPathLoadsFromAClasspathDirectory(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/com/example/Outside.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package com.example;
                public class Outside implements dev.wsgi4j.Application {
                    public Iterable<byte[]> call(java.util.Map<String, Object> env, dev.wsgi4j.StartResponse sr)
                            throws Exception {
                        sr.start("200 OK", java.util.List.of());
                        return java.util.List.of("outside".getBytes());
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String core = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, diagnostics, "-d", classes.toString(), "-cp", core, source.toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        assertThatThrownBy(() -> loader.load("com.example.Outside")).hasMessageContaining("not found");
        ClassLoader withDir = AppClassPath.loader(classes.toString(), AppLoaderTest.class.getClassLoader());
        try {
            assertThat(answer(new AppLoader(withDir, new AppSchemes()).load("com.example.Outside"))).isEqualTo("200 OK outside");
        } finally {
            ((URLClassLoader) withDir).close();
        }
    }

    @Test
    void aClasspathEntryThatDoesNotExistIsRefused(@TempDir Path dir) {
        String paths = dir + java.io.File.pathSeparator + dir.resolve("missing.jar");
        assertThatThrownBy(() -> AppClassPath.loader(paths, getClass().getClassLoader()))
                .hasMessage("--classpath entry " + dir.resolve("missing.jar") + " does not exist");
    }

    private void assertFails(String app, String message) {
        assertThatThrownBy(() -> loader.load(app)).isInstanceOf(AppLoadException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Calls {@code app} once and renders its status and body. */
    private static String answer(Application app) throws Exception {
        List<String> status = new ArrayList<>();
        StartResponse sr = (s, headers, excInfo) -> {
            status.add(s);
            return chunk -> {
            };
        };
        StringBuilder body = new StringBuilder();
        for (byte[] chunk : app.call(new HashMap<>(), sr)) {
            body.append(new String(chunk, StandardCharsets.UTF_8));
        }
        return status.get(0) + " " + body;
    }
}

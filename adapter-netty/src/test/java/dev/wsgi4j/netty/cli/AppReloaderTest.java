package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AppReloader} in this JVM with a real server: what SIGHUP does, and that old classes can go. */
class AppReloaderTest {

    @TempDir
    Path classes;
    private GatewayServer server;
    private AppReloader reloader;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        for (String word : new String[] {"one", "two", "kept"}) {
            System.clearProperty("wsgi4j.test.closed." + word);
        }
    }

    /**
     * Loads Greeter from {@link #classes} and serves it as {@code wsgi4j-server} does: the server's threads made
     * with the reloader's context loader. In a method of its own, so that no local of the test keeps the first
     * application or its loader.
     */
    private WeakReference<ClassLoader> serveFirst() throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        ClassLoader loaded = AppClassPath.loader(classes.toString(), parent);
        server = new GatewayServer(new AppLoader(loaded, new AppSchemes()).load(ReloadableApp.CLASS),
                ServerConfig.builder().port(0).build());
        reloader = new AppReloader(ReloadableApp.CLASS, classes.toString(), parent, loaded, server, new AppSchemes());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(reloader.contextLoader());
        try {
            server.start();
        } finally {
            thread.setContextClassLoader(before);
        }
        return new WeakReference<>(loaded);
    }

    @Test
    void aReloadServesTheChangedClassClosesTheOldApplicationAndLetsItsClassLoaderBeCollected() throws Exception {
        ReloadableApp.answering(classes, "one");
        WeakReference<ClassLoader> first = serveFirst();
        assertThat(ReloadableApp.word(server.port())).isEqualTo("one one");

        ReloadableApp.answering(classes, "two");
        reloader.reload().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(ReloadableApp.word(server.port())).isEqualTo("two two");
        assertThat(System.getProperty("wsgi4j.test.closed.one")).as("the old application's close() ran").isNotNull();
        assertThat(System.getProperty("wsgi4j.test.closed.two")).isNull();
        assertThat(collected(first)).as("the first class loader was collected").isTrue();
    }

    @Test
    void aFailedReloadKeepsTheRunningApplicationServing() throws Exception {
        ReloadableApp.answering(classes, "kept");
        serveFirst();

        ReloadableApp.throwingInConstructor(classes);
        assertThatThrownBy(() -> reloader.reload().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("no configuration for the greeter")
                .cause().hasMessageContaining("new reload.Greeter() failed");
        assertThat(ReloadableApp.word(server.port())).isEqualTo("kept kept");

        ReloadableApp.notAnApplication(classes);
        assertThatThrownBy(() -> reloader.reload().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().hasMessageContaining("does not implement dev.wsgi4j.Application");
        assertThat(ReloadableApp.word(server.port())).isEqualTo("kept kept");

        Files.delete(classes.resolve("reload/Greeter.class"));
        assertThatThrownBy(() -> reloader.reload().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().hasMessageContaining("class reload.Greeter not found");
        assertThat(ReloadableApp.word(server.port())).isEqualTo("kept kept");
        assertThat(System.getProperty("wsgi4j.test.closed.kept")).as("nothing was swapped out").isNull();
    }

    /**
     * Asks the collector, for at most 20 s, to clear {@code ref}: a loader still referenced from anywhere would
     * never be cleared, whereas an unreferenced one usually is at the first full collection.
     */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int i = 0; i < pressure.length; i++) {
                pressure[i] = new byte[1 << 20]; // a little allocation helps collectors that defer a cleared ref
            }
            Thread.sleep(100);
        }
        return ref.get() == null;
    }
}

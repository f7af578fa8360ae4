package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP on a real {@code wsgi4j-server} process (README "Reloading"): the class in the {@code --classpath} directory
 * changes, {@code kill -HUP} makes the server answer with the new one without a restart; a second SIGHUP after the
 * class was deleted keeps the running application serving and logs why. Every wait is bounded.
 */
class ReloadProcessTest {

    private static String wordOrNull(ServerProcess server) {
        try {
            return ReloadableApp.word(server.port);
        } catch (Exception | AssertionError e) {
            return null;
        }
    }

    @Test
    void sighupServesTheChangedClassAndAFailedReloadKeepsTheRunningOne(@TempDir Path dir) throws Exception {
        // A build run under nohup passes SIGHUP's "ignore" on to the server, which then never gets it (below).
        org.junit.jupiter.api.Assumptions.assumeFalse(ProcessSignals.ignoredSinceStart(1),
                "this build runs with SIGHUP ignored (nohup?), and so would the server it starts");
        Path classes = dir.resolve("classes");
        ReloadableApp.answering(classes, "one");
        try (ServerProcess server = ServerProcess.start(dir.resolve("output.txt"), List.of(),
                "--classpath", classes.toString(), ReloadableApp.CLASS)) {
            assertThat(ReloadableApp.word(server.port)).isEqualTo("one one");

            ReloadableApp.answering(classes, "two");
            server.signal("HUP");
            server.await(() -> "two two".equals(wordOrNull(server)), "the reloaded class to answer");
            server.await(() -> server.output().contains("closed reload.Greeter (generation 1)"),
                    "the old application's close");
            assertThat(server.output()).contains("SIGHUP received", "now serving reload.Greeter (generation 2)");

            Files.delete(classes.resolve("reload/Greeter.class"));
            server.signal("HUP");
            server.await(() -> server.output().contains("reloading APP reload.Greeter failed"), "the failure's line");
            assertThat(server.output()).contains("the running application serves on: class reload.Greeter not "
                    + "found on the class path");
            assertThat(ReloadableApp.word(server.port)).isEqualTo("two two");
            assertThat(server.output()).doesNotContain("generation 3");

            server.sigterm();
            assertThat(server.awaitExit()).as("exit status; output: %s", server.output()).isZero();
        }
    }

    @Test
    void underNohupSighupCannotReloadAndTheServerSaysSoAtStart(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/nohup")),
                "needs /usr/bin/nohup");
        Path classes = dir.resolve("classes");
        ReloadableApp.answering(classes, "one");
        try (ServerProcess server = ServerProcess.startUnder(List.of("/usr/bin/nohup"), dir.resolve("output.txt"),
                List.of(), "--classpath", classes.toString(), ReloadableApp.CLASS)) {
            assertThat(server.output()).contains("SIGHUP is ignored by this process");

            server.sigterm();
            assertThat(server.awaitExit()).as("exit status; output: %s", server.output()).isZero();
        }
    }
}

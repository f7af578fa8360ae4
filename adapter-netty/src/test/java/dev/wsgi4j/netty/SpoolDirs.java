package dev.wsgi4j.netty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for a spool directory to empty. A request's spool file is deleted when the request ends, which can be a
 * moment after its response reached the client; tests wait for that, up to five seconds, instead of racing it.
 */
public final class SpoolDirs {

    private SpoolDirs() {
    }

    public static void awaitEmpty(Path dir) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Stream<Path> list = Files.list(dir)) {
                if (list.findAny().isEmpty()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list.toList()).as("spool files left behind").isEmpty();
        }
    }
}

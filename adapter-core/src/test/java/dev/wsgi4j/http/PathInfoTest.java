package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values were produced by Python 3's wsgiref.util.shift_path_info on the same input. */
class PathInfoTest {

    @ParameterizedTest(name = "SCRIPT_NAME ''{0}'' PATH_INFO ''{1}'' shifts ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "None", value = {
        "''    | /a/b        | a    | /a     | /b",
        "/app  | /a/b/       | a    | /app/a | /b/",
        "/app  | /           | ''   | /app/  | ''",
        "''    | /           | ''   | /      | ''",
        "/app  | /./a        | a    | /app/a | ''",
        "/app  | /.          | None | /app   | ''",
        "/app  | //x//y      | x    | /app/x | /y",
        "/app  | /../b       | ..   | ''     | /b",
        "/a/b  | /..         | ..   | /a     | ''",
        "''    | /..         | ..   | ''     | ''",
        "/app  | /a/./b/../c | a    | /app/a | /b/../c",
        "/app  | /x/         | x    | /app/x | /",
    })
    void movesOneSegmentLikeWsgiref(String script, String path, String name, String newScript, String newPath) {
        Map<String, Object> env = TestEnviron.get(script, path, "");
        PathInfo.Shifted shifted = PathInfo.shift(env);
        assertThat(shifted.name().orElse(null)).isEqualTo(name);
        assertThat(shifted.environ()).containsEntry(Environ.SCRIPT_NAME, newScript)
                .containsEntry(Environ.PATH_INFO, newPath);
    }

    @Test
    void leavesTheCallersEnvironUntouched() {
        Map<String, Object> env = TestEnviron.get("/app", "/a/b", "q");
        PathInfo.Shifted shifted = PathInfo.shift(env);
        assertThat(env).containsEntry(Environ.SCRIPT_NAME, "/app").containsEntry(Environ.PATH_INFO, "/a/b");
        assertThat(shifted.environ()).isNotSameAs(env).containsEntry(Environ.QUERY_STRING, "q");
    }

    @Test
    void shiftsNothingFromAnEmptyPath() {
        Map<String, Object> env = TestEnviron.get("/app", "", "");
        PathInfo.Shifted shifted = PathInfo.shift(env);
        assertThat(shifted.name()).isEmpty();
        assertThat(shifted.environ()).isEqualTo(env);
    }

    @Test
    void refusesAPathInfoWithoutLeadingSlash() {
        assertThatThrownBy(() -> PathInfo.shift(TestEnviron.get("", "abc", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normpathMatchesPosixpath() {
        assertThat(PathInfo.normpath("")).isEqualTo(".");
        assertThat(PathInfo.normpath("//a/../b/")).isEqualTo("//b");
        assertThat(PathInfo.normpath("///a")).isEqualTo("/a");
        assertThat(PathInfo.normpath("../a/./b/..")).isEqualTo("../a");
        assertThat(PathInfo.normpath("/..")).isEqualTo("/");
    }
}

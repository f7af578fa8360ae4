package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.mount.MountSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --mount PREFIX=APP[,...]}: parsing, --check-config, and the usage errors it gives (README "Mounts"). */
class MountOptionsTest extends CommandLineTest {

    @Test
    void eachMountHasItsNormalizedPrefixItsAppAndItsSettings() {
        Wsgi4jServer command = parseCommand("--mount", "/admin/=" + HELLO + ",executor=inline",
                "--mount", "/api=" + HELLO + ",threads=3,timeout=2s", HELLO);

        assertThat(command.mounts.mounts).containsExactly(
                new MountOptions.MountSpec("/admin", HELLO, new MountSettings(ExecutorKind.INLINE, 0, null)),
                new MountOptions.MountSpec("/api", HELLO, new MountSettings(null, 3, Duration.ofSeconds(2))));
        assertThat(command.app).isEqualTo(HELLO);
    }

    @Test
    void helpShowsMount() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--mount=PREFIX=APP[,SETTING=VALUE]", "executor=pool|virtual|inline",
                "Optional when --mount gives at least one");
    }

    @Test
    void aConfigFileGivesSeveralMountsSeparatedBySpaces(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "mount=/a=" + HELLO + " /b=" + HELLO + ",threads=2\n");

        assertThat(run("--config", file.toString(), "--check-config")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("mount: /a = " + HELLO + ", executor: pool of 200",
                "mount: /b = " + HELLO + ", executor: pool of 2");
    }

    @Test
    void checkConfigWithoutAppPrintsEachMountAndThatTheRootIsNotServed() {
        int code = run("--check-config", "--executor", "inline", "--mount", "/a=" + HELLO,
                "--mount", "/b=" + TestApps.class.getName() + "::method,threads=4,timeout=90s");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("application: none at the root (a path no mount covers gets 404)",
                "mount: /a = " + HELLO + ", executor: inline",
                "mount: /b = " + TestApps.class.getName() + "::method, executor: pool of 4, timeout: 90s");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--mount admin=HELLO HELLO              | '--mount' (PREFIX=APP[,SETTING=VALUE]): a mount prefix starts with '/'",
            "--mount /a//b=HELLO HELLO              | '--mount' (PREFIX=APP[,SETTING=VALUE]): a mount prefix has no empty",
            "--mount /a/../b=HELLO HELLO            | a mount prefix has no empty, '.' or '..' segment: '/a/../b'",
            "--mount /a?x=HELLO HELLO               | '--mount' (PREFIX=APP[,SETTING=VALUE]): a mount prefix holds no '?'",
            "--mount /%61=HELLO HELLO               | '--mount' (PREFIX=APP[,SETTING=VALUE]): a mount prefix holds no '%'",
            "--mount /a HELLO                       | '/a' is not PREFIX=APP",
            "--mount /a= HELLO                      | '/a=' names no APP after '='",
            "--mount /a=HELLO,workers=2 HELLO       | 'workers=2' is no mount setting",
            "--mount /a=HELLO,threads=0 HELLO       | threads='0' is not a number of threads",
            "--mount /a=HELLO,executor=forked HELLO | 'forked' is not an executor",
            "--mount /a=HELLO,executor=inline,threads=2 HELLO | threads is the size of a pool; executor inline has none",
            "--mount /a=HELLO,timeout=soon HELLO    | 'soon' is not a duration",
            "--executor inline --mount /a=HELLO,timeout=5s HELLO | --mount /a: a request timeout needs an executor off",
            "--mount /a=HELLO,threads=2,threads=3 HELLO | gives threads twice",
            "--mount /a=HELLO --mount /a/=HELLO     | --mount /a is given twice",
            "--mount /=HELLO HELLO                  | --mount /=" + "HELLO: APP already serves the root",
            "--mount /a=com.example.Missing HELLO   | --mount /a: cannot load APP com.example.Missing: class",
            "--check-config                         | Missing required parameter: 'APP' (or a --mount)",
    })
    void aBadMountIsOneLineNamingTheOptionAndExitStatus2(String args, String message) {
        int code = run(args.replace("HELLO", HELLO).split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("wsgi4j-server: ").contains(message.replace("HELLO", HELLO))
                .doesNotContain("\tat ").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }
}

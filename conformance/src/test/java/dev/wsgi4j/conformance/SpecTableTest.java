package dev.wsgi4j.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC.md §8.1 and the kit say the same: every id a kit test carries has its row, every row's tests exist and carry
 * that row's id, and there are 53 statements.
 */
class SpecTableTest {

    private static final Path SPEC = Path.of("..", "SPEC.md");
    private static final Pattern ROW = Pattern.compile("^\\| B(\\d+) \\| `(P3333-[A-Z]+-\\d\\d)` \\|.*\\| (.*) \\| [^|]+ \\|$");
    private static final Pattern TEST = Pattern.compile("`(?:(\\w+))?#(\\w+)`");
    private static final Pattern ID = Pattern.compile("^(P3333-[A-Z]+-\\d\\d)\\b");

    @Test
    void everyStatementHasItsRowAndEveryRowNamesTestsThatCarryItsId() throws Exception {
        Map<String, String> idOfMethod = new HashMap<>();
        Map<String, Class<?>> groups = new HashMap<>();
        for (Class<?> nested : Pep3333Conformance.class.getDeclaredClasses()) {
            if (!nested.isAnnotationPresent(Nested.class)) {
                continue;
            }
            Class<?> group = nested.getSuperclass();
            groups.put(group.getSimpleName(), group);
            for (Method m : group.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    Matcher id = ID.matcher(m.getAnnotation(DisplayName.class).value());
                    assertThat(id.find()).as(m.getName() + " has no id").isTrue();
                    idOfMethod.put(group.getSimpleName() + "#" + m.getName(), id.group(1));
                }
            }
        }

        Set<String> rowIds = new TreeSet<>();
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(SPEC, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            rows++;
            rowIds.add(row.group(2));
            String group = null;
            Matcher test = TEST.matcher(row.group(3));
            while (test.find()) {
                group = test.group(1) != null ? test.group(1) : group;
                String key = group + "#" + test.group(2);
                if (!row.group(2).equals(idOfMethod.get(key))) {
                    mismatches.add(row.group(2) + " names " + key + " (id " + idOfMethod.get(key) + ")");
                }
            }
        }

        assertThat(rows).isEqualTo(53);
        assertThat(mismatches).isEmpty();
        assertThat(rowIds).containsExactlyInAnyOrderElementsOf(new TreeSet<>(idOfMethod.values()));
        assertThat(groups).hasSize(11);
    }
}

package dev.wsgi4j.middleware;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ShiftedEnviron} must behave exactly like a copy of its caller's map for the mounted application, and
 * leave the caller's map untouched: checked against a real copy under random sequences of every kind of write.
 */
class ShiftedEnvironTest {

    private static final List<String> KEYS = List.of("A", "B", "C", "D", "E", "F");

    private static Map<String, Object> base() {
        Map<String, Object> base = new HashMap<>();
        base.put("A", "a");
        base.put("B", "b");
        base.put("C", 3);
        return base;
    }

    @Test
    void writesStayInTheLayerAndReadsFallThrough() {
        Map<String, Object> caller = base();
        ShiftedEnviron shifted = new ShiftedEnviron(caller);

        shifted.put("A", "changed");
        shifted.put("D", "added");
        shifted.remove("B");

        assertThat(shifted).isEqualTo(Map.of("A", "changed", "C", 3, "D", "added"));
        assertThat(caller).isEqualTo(base());
        assertThat(shifted.get("B")).isNull();
        assertThat(shifted.containsKey("B")).isFalse();
        assertThat(new HashMap<>(shifted)).isEqualTo(shifted);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99991})
    void behavesLikeACopyUnderAnySequenceOfWrites(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            Map<String, Object> caller = base();
            Map<String, Object> copy = new HashMap<>(caller);
            ShiftedEnviron shifted = new ShiftedEnviron(caller);
            for (int step = 0; step < 12; step++) {
                String key = KEYS.get(random.nextInt(KEYS.size()));
                Object value = random.nextInt(4) == 0 ? null : "v" + random.nextInt(3);
                switch (random.nextInt(7)) {
                    case 0, 1 -> assertThat(shifted.put(key, value)).isEqualTo(copy.put(key, value));
                    case 2 -> assertThat(shifted.remove(key)).isEqualTo(copy.remove(key));
                    case 3 -> {
                        setValueThroughEntries(shifted, key, value);
                        setValueThroughEntries(copy, key, value);
                    }
                    case 4 -> {
                        removeThroughIterator(shifted, key);
                        removeThroughIterator(copy, key);
                    }
                    case 5 -> {
                        shifted.putAll(Map.of(key, "all"));
                        copy.putAll(Map.of(key, "all"));
                    }
                    default -> {
                        if (random.nextInt(5) == 0) {
                            shifted.clear();
                            copy.clear();
                        }
                    }
                }
                assertThat(shifted).isEqualTo(copy);
                assertThat(shifted.size()).isEqualTo(copy.size());
                assertThat(shifted.hashCode()).isEqualTo(copy.hashCode());
                assertThat(shifted.keySet()).containsExactlyInAnyOrderElementsOf(copy.keySet());
                for (String k : KEYS) {
                    assertThat(shifted.containsKey(k)).as(k).isEqualTo(copy.containsKey(k));
                    assertThat(shifted.get(k)).as(k).isEqualTo(copy.get(k));
                }
                assertThat(caller).isEqualTo(base());
            }
        }
    }

    private static void setValueThroughEntries(Map<String, Object> map, String key, Object value) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (entry.getKey().equals(key)) {
                entry.setValue(value);
            }
        }
    }

    private static void removeThroughIterator(Map<String, Object> map, String key) {
        for (Iterator<String> it = map.keySet().iterator(); it.hasNext(); ) {
            if (it.next().equals(key)) {
                it.remove();
            }
        }
    }
}

package dk.brevrute.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A hand-written, partial schema of a custom resource's fields, taken from the operator's documented
 * API reference: which keys an object may have, which it must have, and what each value is. Keys the
 * shape does not list are reported as unknown, the way the API server's structural schema would
 * prune or reject them. {@link #any()} stands for a subtree the check does not look into (a core
 * Kubernetes type such as {@code resources} or {@code affinity}, or a free-form map).
 */
sealed interface Shape {

    void check(Object value, String path, Consumer<String> problems);

    static Obj object(Set<String> required, Map<String, Shape> fields) {
        return new Obj(required, fields);
    }

    static Shape any() {
        return new Any();
    }

    static Shape string() {
        return new Scalar(String.class);
    }

    static Shape integer() {
        return new Scalar(Number.class);
    }

    static Shape bool() {
        return new Scalar(Boolean.class);
    }

    static Shape listOf(Shape element) {
        return new ListOf(element);
    }

    /** A map whose values are all strings (KEDA trigger metadata, PostgreSQL parameters). */
    static Shape stringMap(Set<String> allowedKeys) {
        return new StringMap(allowedKeys);
    }

    record Obj(Set<String> required, Map<String, Shape> fields) implements Shape {
        @Override
        public void check(Object value, String path, Consumer<String> problems) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.accept(path + ": expected an object, found " + describe(value));
                return;
            }
            for (String key : required) {
                if (!map.containsKey(key)) {
                    problems.accept(path + "." + key + ": required field missing");
                }
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Shape shape = fields.get(key);
                if (shape == null) {
                    problems.accept(path + "." + key + ": unknown field (allowed: " + new java.util.TreeSet<>(fields.keySet()) + ")");
                } else {
                    shape.check(entry.getValue(), path + "." + key, problems);
                }
            }
        }
    }

    record Any() implements Shape {
        @Override
        public void check(Object value, String path, Consumer<String> problems) {
        }
    }

    record Scalar(Class<?> type) implements Shape {
        @Override
        public void check(Object value, String path, Consumer<String> problems) {
            if (!type.isInstance(value)) {
                problems.accept(path + ": expected " + type.getSimpleName().toLowerCase() + ", found " + describe(value));
            }
        }
    }

    record ListOf(Shape element) implements Shape {
        @Override
        public void check(Object value, String path, Consumer<String> problems) {
            if (!(value instanceof List<?> list)) {
                problems.accept(path + ": expected a list, found " + describe(value));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                element.check(list.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    record StringMap(Set<String> allowedKeys) implements Shape {
        @Override
        public void check(Object value, String path, Consumer<String> problems) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.accept(path + ": expected a map of strings, found " + describe(value));
                return;
            }
            map.forEach((k, v) -> {
                if (!(v instanceof String)) {
                    problems.accept(path + "." + k + ": expected a string (quote it), found " + describe(v));
                }
                if (allowedKeys != null && !allowedKeys.contains(String.valueOf(k))) {
                    problems.accept(path + "." + k + ": unknown key (allowed: " + new java.util.TreeSet<>(allowedKeys) + ")");
                }
            });
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}

package dev.wsgi4j.netty.cli;

/**
 * Reads one option's value straight from the arguments, before picocli parses them: for what must be known before
 * the parse, the {@code --config} file that supplies defaults and the {@code --log-level} that must be set before
 * anything logs. Loads nothing else, so that calling it starts no logging.
 */
final class ArgumentScan {

    private ArgumentScan() {
    }

    /** The value {@code args} give option {@code name} ({@code --name VALUE} or {@code --name=VALUE}), or null. */
    static String value(String[] args, String name) {
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }
}

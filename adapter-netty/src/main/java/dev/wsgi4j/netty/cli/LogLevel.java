package dev.wsgi4j.netty.cli;

import java.util.Locale;

/**
 * {@code --log-level}: gunicorn's names, and the SLF4J level each means (SLF4J has no critical: it is error).
 */
enum LogLevel {
    DEBUG("debug"),
    INFO("info"),
    WARNING("warn"),
    ERROR("error"),
    CRITICAL("error");

    /** The level's name as slf4j-simple's {@code defaultLogLevel} property takes it. */
    final String slf4jName;

    LogLevel(String slf4jName) {
        this.slf4jName = slf4jName;
    }

    /** The level gunicorn calls {@code name}, in any case; IllegalArgumentException naming the choices. */
    static LogLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a log level: debug, info, warning, error or "
                    + "critical");
        }
    }

    /** The level {@code args} give {@code --log-level}, or null when they give none or a bad one (reported later). */
    static LogLevel fromArguments(String[] args) {
        String name = ArgumentScan.value(args, "--log-level");
        try {
            return name == null ? null : parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.TransportKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * picocli's hooks onto {@link OptionValues}, whose messages become picocli's "Invalid value for option" line;
 * public because picocli constructs them reflectively.
 */
public final class OptionConverters {

    private OptionConverters() {
    }

    /** A {@code DURATION} option. */
    public static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return OptionValues.duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A {@code SIZE} option. */
    public static final class Bytes implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return OptionValues.byteSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --executor}. */
    public static final class Executor implements ITypeConverter<ExecutorKind> {
        @Override
        public ExecutorKind convert(String value) {
            try {
                return OptionValues.executor(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --transport}. */
    public static final class Transport implements ITypeConverter<TransportKind> {
        @Override
        public TransportKind convert(String value) {
            try {
                return OptionValues.transport(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

package io.cloudimages.ims.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures every log record of the running application (JBoss LogManager is the JUL manager) while open. */
public final class LogCapture implements AutoCloseable {
    /** A captured record: its message and the request id of the context it was written in. */
    public record Line(String message, String requestId) {
    }

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<Line> records = Collections.synchronizedList(new ArrayList<>());
    private final List<String> withStackTraces = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String requestId = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getMdc("requestId") : null;
            records.add(new Line(String.valueOf(record.getMessage()) + " " + Arrays.toString(record.getParameters()),
                    requestId));
            if (record.getThrown() != null) {
                withStackTraces.add(record.getLoggerName() + ": " + record.getMessage());
            }
            lines.add(record.getMessage() + " " + Arrays.toString(record.getParameters())
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** The records captured so far, with their request ids. */
    public List<Line> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** A copy of the lines captured so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Fails when any record carried an exception, which the log would print as a stack trace. */
    public void assertNoStackTraces() {
        synchronized (withStackTraces) {
            if (!withStackTraces.isEmpty()) {
                throw new AssertionError("log records with stack traces: " + withStackTraces);
            }
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}

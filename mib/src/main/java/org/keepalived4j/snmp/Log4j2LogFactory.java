package org.keepalived4j.snmp;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.snmp4j.log.LogAdapter;
import org.snmp4j.log.LogFactory;
import org.snmp4j.log.LogLevel;

/**
 * Routes snmp4j's logging (a no-op by default, so a failed bind would go unseen) to log4j2. snmp4j's INFO messages
 * (every managed object registered, every boot counter write) are logged at DEBUG to keep the daemon log readable.
 */
public final class Log4j2LogFactory extends LogFactory {
    private static volatile boolean installed;

    /** Installs the factory once per JVM. */
    public static synchronized void install() {
        if (!installed) {
            LogFactory.setLogFactory(new Log4j2LogFactory());
            installed = true;
        }
    }

    @Override
    protected LogAdapter createLogger(Class<?> c) {
        return new Adapter(LogManager.getLogger(c));
    }

    @Override
    protected LogAdapter createLogger(String name) {
        return new Adapter(LogManager.getLogger(name));
    }

    @Override
    public LogAdapter getRootLogger() {
        return new Adapter(LogManager.getRootLogger());
    }

    private record Adapter(Logger log) implements LogAdapter {
        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return log.isWarnEnabled();
        }

        @Override
        public void debug(Serializable message) {
            log.debug("{}", message);
        }

        @Override
        public void info(CharSequence message) {
            log.debug("{}", message);
        }

        @Override
        public void warn(Serializable message) {
            log.warn("{}", message);
        }

        @Override
        public void error(Serializable message) {
            log.error("{}", message);
        }

        @Override
        public void error(CharSequence message, Throwable t) {
            log.error(String.valueOf(message), t);
        }

        @Override
        public void fatal(Object message) {
            log.fatal("{}", message);
        }

        @Override
        public void fatal(CharSequence message, Throwable t) {
            log.fatal(String.valueOf(message), t);
        }

        @Override
        public void setLogLevel(LogLevel level) {
            // levels come from the log4j2 configuration
        }

        @Override
        public LogLevel getLogLevel() {
            return getEffectiveLogLevel();
        }

        @Override
        public LogLevel getEffectiveLogLevel() {
            Level l = log.getLevel();
            if (l == null) {
                return LogLevel.INFO;
            }
            if (l.isLessSpecificThan(Level.TRACE)) {
                return LogLevel.TRACE;
            }
            if (l.isLessSpecificThan(Level.DEBUG)) {
                return LogLevel.DEBUG;
            }
            if (l.isLessSpecificThan(Level.INFO)) {
                return LogLevel.INFO;
            }
            if (l.isLessSpecificThan(Level.WARN)) {
                return LogLevel.WARN;
            }
            return l.isLessSpecificThan(Level.ERROR) ? LogLevel.ERROR : LogLevel.FATAL;
        }

        @Override
        public String getName() {
            return log.getName();
        }

        @Override
        public Iterator<?> getLogHandler() {
            return Collections.emptyIterator();
        }
    }
}

package org.keepalived4j.daemon;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Applies {@code -l} and {@code -D} to the log4j2 configuration ({@link LogConfigurationFactory} selects the layout from
 * these system properties). A property the user set with {@code -D...} on the JVM wins. Everything is written to stderr.
 * <ul>
 *   <li>{@code k4j.log.layout=console} ({@code -l}): keepalived's console lines, "Mon Nov 23 00:43:02 2026: message".
 *   <li>{@code k4j.log.layout=journal} (default): one line per event with a {@code <N>} syslog priority prefix, which
 *       systemd's journal reads as the message's priority; this stands in for keepalived's syslog (LOG_DAEMON),
 *       which under systemd ends in the same journal.
 *   <li>{@code console-detail}, {@code journal-detail} ({@code -D}): thread, level and logger on each line; level debug.
 *   <li>{@code k4j.log.level}: the root level (default info for the daemon, warn for the one-shot commands so that
 *       {@code -t} and {@code -d} print only their own output).
 *   <li>{@code k4j.log.file=PATH}: also append every event, with full timestamps, to PATH.
 * </ul>
 */
public final class LogSetup {
    private LogSetup() {}

    public static void apply(CommandLine commandLine) {
        String layout = (commandLine.logConsole() ? "console" : "journal") + (commandLine.logDetail() ? "-detail" : "");
        setUnlessGiven("k4j.log.layout", layout);
        String level = commandLine.logDetail() ? "debug" : commandLine.action() == CommandLine.Action.RUN ? "info" : "warn";
        setUnlessGiven("k4j.log.level", level);
        // log4j may already be configured (a class with a static logger was loaded first): rebuild from the properties
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.reconfigure();
        }
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}

package org.keepalived4j.daemon;

import java.net.URI;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * keepalived4j's logging, built in code rather than read from a log4j2.xml: parsing XML costs the daemon the JDK's
 * XML parser (~180 classes, ~1.8 MiB of RSS) for five lines of configuration. Named in log4j2.component.properties
 * ({@code log4j2.configurationFactory}); a file given with {@code -Dlog4j2.configurationFile=...} still wins, since
 * this factory declines every configuration source.
 * <p>
 * Everything goes to stderr. {@link LogSetup} picks the layout through system properties before the daemon logs:
 * <ul>
 *   <li>{@code k4j.log.layout}: {@code journal} (default: one line per event with the {@code <N>} syslog priority
 *       prefix that systemd's journal reads), {@code console} ({@code -l}: keepalived's "Mon Nov 23 00:43:02 2026: "),
 *       {@code journal-detail} / {@code console-detail} ({@code -D}: thread, level and logger on each line);</li>
 *   <li>{@code k4j.log.level}: the root level (default info);</li>
 *   <li>{@code k4j.log.file=PATH}: also append every event, with an ISO 8601 time stamp, to PATH.</li>
 * </ul>
 */
public final class LogConfigurationFactory extends ConfigurationFactory {
    private static final String PRIORITY = "<%level{FATAL=2, ERROR=3, WARN=4, INFO=6, DEBUG=7, TRACE=7}>";

    /** The pattern of the stderr lines for a {@code k4j.log.layout} value. */
    static String pattern(String layout) {
        return switch (layout == null ? "journal" : layout) {
            case "console" -> "%d{EEE MMM dd HH:mm:ss yyyy}: %msg%n";
            case "console-detail" -> "%d{EEE MMM dd HH:mm:ss.SSS yyyy}: [%t] %-5level %c{1}: %msg%n";
            case "journal-detail" -> PRIORITY + "[%t] %-5level %c{1}: %msg%n";
            default -> PRIORITY + "%msg%n";
        };
    }

    @Override
    protected String[] getSupportedTypes() {
        return new String[] {"*"};
    }

    /** A configuration file named by the user: not ours, the file's own factory reads it. */
    @Override
    public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
        return null;
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, String name, URI configLocation) {
        return configLocation == null ? build() : null;
    }

    private static Configuration build() {
        ConfigurationBuilder<BuiltConfiguration> b = newConfigurationBuilder();
        b.setConfigurationName("keepalived4j");
        b.setStatusLevel(Level.WARN);
        b.add(b.newAppender("log", "Console").addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                .add(layout(b, pattern(System.getProperty("k4j.log.layout")))));
        Level level = Level.toLevel(System.getProperty("k4j.log.level"), Level.INFO);
        RootLoggerComponentBuilder root = b.newRootLogger(level).add(b.newAppenderRef("log"));
        String file = System.getProperty("k4j.log.file");
        if (file != null && !file.isBlank()) {
            b.add(b.newAppender("file", "File").addAttribute("fileName", file).addAttribute("append", true)
                    .add(layout(b, "%d{ISO8601} %-5level [%t] %c{1}: %msg%n")));
            root.add(b.newAppenderRef("file"));
        }
        b.add(root);
        return b.build(false);
    }

    private static LayoutComponentBuilder layout(ConfigurationBuilder<BuiltConfiguration> b, String pattern) {
        return b.newLayout("PatternLayout").addAttribute("pattern", pattern);
    }
}

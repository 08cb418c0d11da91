package org.keepalived4j.daemon;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The options keepalived4j accepts: keepalived(8)'s names, argument forms and help texts, in help order. */
public enum CommandLineOption {
    USE_FILE('f', "use-file", Argument.REQUIRED, "FILE", "Use the specified configuration file\n default '"
            + CommandLine.DEFAULT_CONFIG_FILE + "'"),
    VRRP('P', "vrrp", Argument.NONE, null, "Only run with VRRP subsystem"),
    CHECK('C', "check", Argument.NONE, null, "Only run with Health-checker subsystem"),
    LOG_CONSOLE('l', "log-console", Argument.NONE, null, "Log messages to local console"),
    LOG_DETAIL('D', "log-detail", Argument.NONE, null, "Detailed log messages"),
    DONT_FORK('n', "dont-fork", Argument.NONE, null, "Don't fork the daemon process (keepalived4j never forks)"),
    DUMP_CONF('d', "dump-conf", Argument.NONE, null, "Dump the configuration data"),
    PID('p', "pid", Argument.REQUIRED, "FILE", "Use specified pidfile for parent process\n default '"
            + CommandLine.DEFAULT_PID_FILE + "'"),
    SNMP('x', "snmp", Argument.NONE, null, "Enable SNMP subsystem"),
    CONFIG_ID('i', "config-id", Argument.REQUIRED, "id", "Skip any configuration lines beginning '@' that don't match id\n"
            + " or any lines beginning @^ that do match.\n The config-id defaults to the node name if option not used"),
    CONFIG_TEST('t', "config-test", Argument.OPTIONAL, "LOG_FILE", "Check the configuration for obvious errors, output to\n"
            + " stderr by default"),
    VERSION('v', "version", Argument.NONE, null, "Display the version number"),
    HELP('h', "help", Argument.NONE, null, "Display this help message");

    /** Whether the option takes an argument, as in getopt_long's option table. */
    public enum Argument {
        NONE,
        REQUIRED,
        /** Only attached: {@code -tFILE} or {@code --config-test=FILE}; a following word is not taken. */
        OPTIONAL
    }

    private final char shortName;
    private final String longName;
    private final Argument argument;
    private final String argumentName;
    private final String help;

    CommandLineOption(char shortName, String longName, Argument argument, String argumentName, String help) {
        this.shortName = shortName;
        this.longName = longName;
        this.argument = argument;
        this.argumentName = argumentName;
        this.help = help;
    }

    public char shortName() {
        return shortName;
    }

    public String longName() {
        return longName;
    }

    public Argument argument() {
        return argument;
    }

    /** The argument's name in the help text, empty for options without one. */
    public Optional<String> argumentName() {
        return Optional.ofNullable(argumentName);
    }

    /** The help text; continuation lines start with a space. */
    public String help() {
        return help;
    }

    public static Optional<CommandLineOption> byShortName(char name) {
        return Arrays.stream(values()).filter(o -> o.shortName == name).findFirst();
    }

    /** Every option whose long name starts with {@code prefix}; an exact match alone if there is one (getopt_long). */
    public static List<CommandLineOption> byLongNamePrefix(String prefix) {
        Optional<CommandLineOption> exact = Arrays.stream(values()).filter(o -> o.longName.equals(prefix)).findFirst();
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        return Arrays.stream(values()).filter(o -> o.longName.startsWith(prefix)).toList();
    }
}

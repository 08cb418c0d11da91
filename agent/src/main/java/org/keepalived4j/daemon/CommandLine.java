package org.keepalived4j.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line asked for, keepalived(8)-compatible. Immutable; produced by {@link CommandLineParser}.
 *
 * @param action         what to do (help and version stop the parse where they appear, as in keepalived)
 * @param configFile     {@code -f/--use-file}
 * @param vrrpOnly       {@code -P/--vrrp}
 * @param checkOnly      {@code -C/--check}
 * @param dontFork       {@code -n/--dont-fork}: accepted; keepalived4j always stays in the foreground
 * @param logConsole     {@code -l/--log-console}
 * @param logDetail      {@code -D/--log-detail}
 * @param dumpConf       {@code -d/--dump-conf}
 * @param configTest     {@code -t/--config-test}
 * @param configTestLog  the optional argument of {@code -t}: where the findings go instead of stderr
 * @param pidFile        {@code -p/--pid}
 * @param configId       {@code -i/--config-id}; empty means keepalived's default (the short host name)
 * @param snmp           {@code -x/--snmp}
 * @param extraArguments non-option arguments: keepalived reports them ("Unexpected argument(s)") and carries on
 */
public record CommandLine(
        Action action,
        Path configFile,
        boolean vrrpOnly,
        boolean checkOnly,
        boolean dontFork,
        boolean logConsole,
        boolean logDetail,
        boolean dumpConf,
        boolean configTest,
        Optional<Path> configTestLog,
        Path pidFile,
        Optional<String> configId,
        boolean snmp,
        List<String> extraArguments) {

    public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/keepalived/keepalived.conf");
    public static final Path DEFAULT_PID_FILE = Path.of("/run/keepalived.pid");

    /** The one thing a run of the program does. */
    public enum Action {
        /** Run the daemon until SIGTERM/SIGINT. */
        RUN,
        /** {@code -t}: check the configuration and exit with keepalived's config-test code. */
        CONFIG_TEST,
        /** {@code -d} without {@code -t}: print the effective configuration and exit. */
        DUMP,
        /** {@code -v}. */
        VERSION,
        /** {@code -h}. */
        HELP
    }

    public CommandLine {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(configTestLog, "configTestLog");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(configId, "configId");
        extraArguments = List.copyOf(extraArguments);
    }

    /** No options at all: run the daemon with keepalived's default files. */
    public static CommandLine defaults() {
        return new CommandLine(Action.RUN, DEFAULT_CONFIG_FILE, false, false, false, false, false, false, false,
                Optional.empty(), DEFAULT_PID_FILE, Optional.empty(), false, List.of());
    }
}

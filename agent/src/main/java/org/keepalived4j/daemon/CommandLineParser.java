package org.keepalived4j.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses arguments the way keepalived's getopt_long loop does: options anywhere (non-options are collected),
 * {@code --} ends the options, short flags cluster ({@code -lDn}), a required argument is attached or the next
 * word ({@code -fFILE}, {@code -f FILE}, {@code --use-file=FILE}, {@code --use-file FILE}), an optional
 * argument only attached ({@code -tFILE}, {@code --config-test=FILE}), long names may be shortened to a unique
 * prefix. Every unknown option and missing argument is reported, worded as keepalived 2.2.7 words it.
 * Help and version end the parse where they appear, as keepalived exits there.
 */
public final class CommandLineParser {

    public CommandLine parse(String... args) throws UsageException {
        return parse(List.of(args));
    }

    public CommandLine parse(List<String> args) throws UsageException {
        return new Run(args).parse();
    }

    /** The state of one parse. */
    private static final class Run {
        private final List<String> args;
        private final List<String> errors = new ArrayList<>();
        private final List<String> extra = new ArrayList<>();
        private int next;
        private CommandLine.Action stopAction;

        private Path configFile = CommandLine.DEFAULT_CONFIG_FILE;
        private boolean vrrpOnly;
        private boolean checkOnly;
        private boolean dontFork;
        private boolean logConsole;
        private boolean logDetail;
        private boolean dumpConf;
        private boolean configTest;
        private Optional<Path> configTestLog = Optional.empty();
        private Path pidFile = CommandLine.DEFAULT_PID_FILE;
        private Optional<String> configId = Optional.empty();
        private boolean snmp;

        Run(List<String> args) {
            this.args = List.copyOf(args);
        }

        CommandLine parse() throws UsageException {
            boolean optionsEnded = false;
            while (next < args.size() && stopAction == null) {
                String arg = args.get(next++);
                if (optionsEnded || arg.length() < 2 || arg.charAt(0) != '-') {
                    extra.add(arg);
                } else if (arg.equals("--")) {
                    optionsEnded = true;
                } else if (arg.startsWith("--")) {
                    longOption(arg);
                } else {
                    shortOptions(arg);
                }
            }
            if (!errors.isEmpty()) {
                throw new UsageException(errors);
            }
            return new CommandLine(action(), configFile, vrrpOnly, checkOnly, dontFork, logConsole, logDetail, dumpConf,
                    configTest, configTestLog, pidFile, configId, snmp, extra);
        }

        private CommandLine.Action action() {
            if (stopAction != null) {
                return stopAction;
            }
            if (configTest) {
                return CommandLine.Action.CONFIG_TEST;
            }
            return dumpConf ? CommandLine.Action.DUMP : CommandLine.Action.RUN;
        }

        private void longOption(String arg) {
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            Optional<String> attached = equals < 0 ? Optional.empty() : Optional.of(arg.substring(equals + 1));
            List<CommandLineOption> matches = CommandLineOption.byLongNamePrefix(name);
            if (matches.size() != 1) {
                // keepalived reports an ambiguous prefix exactly like an unknown option
                errors.add("Unknown option " + arg);
                return;
            }
            CommandLineOption option = matches.get(0);
            switch (option.argument()) {
                case NONE -> {
                    if (attached.isPresent()) {
                        errors.add("Unknown option " + arg);
                    } else {
                        apply(option, Optional.empty());
                    }
                }
                case OPTIONAL -> apply(option, attached);
                case REQUIRED -> {
                    Optional<String> value = attached.isPresent() ? attached : nextWord();
                    if (value.isEmpty()) {
                        errors.add("Missing parameter for option --" + option.longName());
                    } else {
                        apply(option, value);
                    }
                }
            }
        }

        private void shortOptions(String arg) {
            for (int i = 1; i < arg.length() && stopAction == null; i++) {
                char name = arg.charAt(i);
                Optional<CommandLineOption> found = CommandLineOption.byShortName(name);
                if (found.isEmpty()) {
                    errors.add("Unknown option -" + name);
                    continue;
                }
                CommandLineOption option = found.get();
                String rest = arg.substring(i + 1);
                switch (option.argument()) {
                    case NONE -> apply(option, Optional.empty());
                    case OPTIONAL -> {
                        apply(option, rest.isEmpty() ? Optional.empty() : Optional.of(rest));
                        return;
                    }
                    case REQUIRED -> {
                        Optional<String> value = rest.isEmpty() ? nextWord() : Optional.of(rest);
                        if (value.isEmpty()) {
                            errors.add("Missing parameter for option -" + name);
                        } else {
                            apply(option, value);
                        }
                        return;
                    }
                }
            }
        }

        /** getopt takes the next word as the argument whatever it looks like, even {@code -x} or {@code --}. */
        private Optional<String> nextWord() {
            return next < args.size() ? Optional.of(args.get(next++)) : Optional.empty();
        }

        private void apply(CommandLineOption option, Optional<String> value) {
            switch (option) {
                case USE_FILE -> configFile = Path.of(value.orElseThrow());
                case VRRP -> vrrpOnly = true;
                case CHECK -> checkOnly = true;
                case LOG_CONSOLE -> logConsole = true;
                case LOG_DETAIL -> logDetail = true;
                case DONT_FORK -> dontFork = true;
                case DUMP_CONF -> dumpConf = true;
                case PID -> pidFile = Path.of(value.orElseThrow());
                case SNMP -> snmp = true;
                case CONFIG_ID -> configId = value;
                case CONFIG_TEST -> {
                    configTest = true;
                    if (value.isPresent()) {
                        configTestLog = value.map(Path::of);
                    }
                }
                case VERSION -> stopAction = CommandLine.Action.VERSION;
                case HELP -> stopAction = CommandLine.Action.HELP;
            }
        }
    }
}

package org.keepalived4j.daemon;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code keepalived4j} command: keepalived(8)'s options, its outputs (help and version on stderr, as
 * keepalived prints them) and its exit codes.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /** Everything but the exit, for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        CommandLine commandLine;
        try {
            commandLine = new CommandLineParser().parse(args);
        } catch (UsageException e) {
            e.messages().forEach(err::println);
            return ExitCodes.USAGE;
        }
        if (!commandLine.extraArguments().isEmpty()) {
            // keepalived reports them and carries on
            err.println("Unexpected argument(s): " + String.join(" ", commandLine.extraArguments()));
        }
        switch (commandLine.action()) {
            case HELP -> {
                err.print(HelpText.render());
                return ExitCodes.OK;
            }
            case VERSION -> {
                err.print(VersionInfo.current().banner());
                return ExitCodes.OK;
            }
            default -> {
                LogSetup.apply(commandLine);
                ConfigSource source = ConfigSource.forCommandLine(commandLine);
                if (commandLine.action() != CommandLine.Action.RUN) {
                    return new ConfigCheckCommand(source, out, err).run(commandLine);
                }
                AtomicReference<Daemon> daemonRef = new AtomicReference<>();
                Daemon daemon = new Daemon(commandLine, source, Subsystems.selectedBy(commandLine,
                        request -> daemonRef.get().post(request)));
                daemonRef.set(daemon);
                SignalRequests.install(daemon);
                return daemon.run();
            }
        }
    }
}

package org.keepalived4j.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;
import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * The daemon as {@link Main} runs it, real signals included, but with a stand-in for the configuration reader: a
 * file containing "fatal" cannot be run, anything else loads. Subsystem calls are printed on stdout.
 * Arguments: keepalived4j's own ({@code -f FILE -p PIDFILE ...}).
 */
public final class DaemonSignalHarness {
    private DaemonSignalHarness() {}

    public static void main(String[] args) throws Exception {
        CommandLine commandLine = new CommandLineParser().parse(args);
        LogSetup.apply(commandLine);
        Daemon daemon = new Daemon(commandLine, DaemonSignalHarness::load, List.of(new PrintingSubsystem()));
        SignalRequests.install(daemon);
        System.exit(daemon.run());
    }

    private static ConfigLoader.Result load(java.nio.file.Path file) {
        Diagnostics diagnostics = new Diagnostics();
        try {
            if (Files.readString(file).contains("fatal")) {
                diagnostics.fatal(new SourceLocation(file, 1), "cannot run this");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigLoader.Result(FakeConfigs.opaqueConfig(), diagnostics.all());
    }

    private static final class PrintingSubsystem implements Subsystem {
        @Override
        public String name() {
            return "printer";
        }

        @Override
        public void start(KeepalivedConfig config) {
            System.out.println("start");
        }

        @Override
        public void reload(KeepalivedConfig config) {
            System.out.println("reload");
        }

        @Override
        public void stop() {
            System.out.println("stop");
        }
    }
}

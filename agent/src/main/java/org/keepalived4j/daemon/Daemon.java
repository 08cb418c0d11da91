package org.keepalived4j.daemon;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Severity;
import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * The daemon's lifecycle: load the configuration (refuse to start if keepalived could not run it), write the pid
 * file, start the subsystems, then serve reload and stop requests one at a time on the calling thread until
 * stopped. Requests arrive through {@link #post} (from signal handlers, or tests).
 */
public final class Daemon {
    private static final Logger LOG = LogManager.getLogger();

    /** What the daemon can be asked to do while running. */
    public enum Request {
        /** SIGHUP: re-read the configuration; a bad one is logged and the running one kept. */
        RELOAD,
        /** SIGTERM, SIGINT: stop the subsystems, remove the pid file, return. */
        STOP
    }

    private final CommandLine commandLine;
    private final ConfigSource source;
    private final List<Subsystem> subsystems;
    private final PidFile pidFile;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Deque<Subsystem> started = new ArrayDeque<>();

    public Daemon(CommandLine commandLine, ConfigSource source, List<Subsystem> subsystems) {
        this.commandLine = commandLine;
        this.source = source;
        this.subsystems = List.copyOf(subsystems);
        this.pidFile = new PidFile(commandLine.pidFile());
    }

    /** Thread-safe; requests are served in order. */
    public void post(Request request) {
        requests.add(request);
    }

    /** Runs until a STOP request; returns the process exit code. */
    public int run() throws InterruptedException {
        LOG.info("Starting keepalived4j v{}", VersionInfo.current().version());
        ConfigLoadAttempt attempt = ConfigLoadAttempt.load(source, commandLine.configFile());
        Optional<KeepalivedConfig> config = usable(attempt);
        if (config.isEmpty()) {
            LOG.error("Stopped keepalived4j: the configuration {} cannot be run", commandLine.configFile());
            return attempt instanceof ConfigLoadAttempt.Missing ? ExitCodes.NO_CONFIG_FILE : ExitCodes.CANNOT_START;
        }
        Optional<Long> other = pidFile.otherRunningPid();
        if (other.isPresent()) {
            LOG.info("daemon is already running (pid {} in {})", other.get(), pidFile.path());
            return ExitCodes.OK;
        }
        try {
            pidFile.writeCurrentPid();
        } catch (IOException e) {
            LOG.error("Cannot write pid file {}: {}", pidFile.path(), e.toString());
            return ExitCodes.PID_FILE;
        }
        try {
            if (!startAll(config.get())) {
                return ExitCodes.CANNOT_START;
            }
            serveRequests();
            return ExitCodes.OK;
        } finally {
            stopAll();
            removePidFile();
            LOG.info("Stopped keepalived4j v{}", VersionInfo.current().version());
        }
    }

    private void serveRequests() throws InterruptedException {
        while (true) {
            Request request = requests.take();
            if (request == Request.STOP) {
                LOG.info("Stopping");
                return;
            }
            reload();
        }
    }

    private void reload() {
        LOG.info("Reloading configuration from {}", commandLine.configFile());
        Optional<KeepalivedConfig> config = usable(ConfigLoadAttempt.load(source, commandLine.configFile()));
        if (config.isEmpty()) {
            LOG.error("Reload failed: keeping the running configuration");
            return;
        }
        for (var inStartOrder = started.descendingIterator(); inStartOrder.hasNext(); ) {
            Subsystem subsystem = inStartOrder.next();
            try {
                subsystem.reload(config.get());
            } catch (RuntimeException e) {
                LOG.error("{} failed to reload", subsystem.name(), e);
            }
        }
        LOG.info("Reloaded configuration from {}", commandLine.configFile());
    }

    /** Logs what the attempt found; the configuration if keepalived would run it. */
    private Optional<KeepalivedConfig> usable(ConfigLoadAttempt attempt) {
        if (attempt instanceof ConfigLoadAttempt.Missing missing) {
            LOG.error(missing.message());
            return Optional.empty();
        }
        if (attempt instanceof ConfigLoadAttempt.Failed failed) {
            LOG.error(failed.message(), failed.cause());
            return Optional.empty();
        }
        LOG.info("Configuration file {}", attempt.file());
        ConfigLoader.Result result = ((ConfigLoadAttempt.Loaded) attempt).result();
        result.diagnostics().forEach(Daemon::log);
        return ConfigTestOutcome.cannotRun(result.diagnostics()) ? Optional.empty() : Optional.of(result.config());
    }

    private static void log(Diagnostic diagnostic) {
        if (diagnostic.severity() == Severity.WARNING) {
            LOG.warn(diagnostic);
        } else {
            LOG.error(diagnostic);
        }
    }

    private boolean startAll(KeepalivedConfig config) {
        for (Subsystem subsystem : subsystems) {
            try {
                LOG.info("Starting {}", subsystem.name());
                subsystem.start(config);
                started.push(subsystem);
            } catch (StartFailure e) {
                LOG.error("{}: {}", subsystem.name(), e.getMessage());
                started.push(subsystem);
                return false;
            } catch (RuntimeException e) {
                LOG.error("{} failed to start", subsystem.name(), e);
                // it may have acquired something before failing: give it its stop() too
                started.push(subsystem);
                return false;
            }
        }
        return true;
    }

    /** In reverse order of start. */
    private void stopAll() {
        while (!started.isEmpty()) {
            Subsystem subsystem = started.pop();
            try {
                subsystem.stop();
            } catch (RuntimeException e) {
                LOG.error("{} failed to stop cleanly", subsystem.name(), e);
            }
        }
    }

    private void removePidFile() {
        try {
            pidFile.removeIfOurs();
        } catch (IOException e) {
            LOG.warn("Cannot remove pid file {}: {}", pidFile.path(), e.toString());
        }
    }
}

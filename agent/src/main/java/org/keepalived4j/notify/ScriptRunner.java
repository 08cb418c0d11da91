package org.keepalived4j.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * Runs scripts (vrrp_script checks, notify scripts, fifo scripts) in their own processes, never on the VRRP loop
 * thread: at most {@code maxConcurrent} at once, further ones queued (bounded; beyond it they are refused and
 * logged). A run with a timeout is killed (with its children) when it outlives it and counts as failed. Output
 * (stdout and stderr) is logged line by line with the script's purpose.
 */
public final class ScriptRunner implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ScriptRunner.class);
    private static final int MAX_LOGGED_LINES = 100;

    private final ScriptPolicy policy;
    private final ThreadPoolExecutor workers;
    private final ExecutorService outputReaders;
    private final String currentUser = System.getProperty("user.name");
    private final AtomicInteger running = new AtomicInteger();

    public ScriptRunner(ScriptPolicy policy, int maxConcurrent, int queueCapacity) {
        this.policy = policy;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> daemon(r, "k4j-script-" + n.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
        this.outputReaders = Executors.newCachedThreadPool(r -> daemon(r, "k4j-script-output"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public ScriptPolicy policy() {
        return policy;
    }

    /** Scripts currently executing. */
    public int running() {
        return running.get();
    }

    /**
     * Runs {@code script} with {@code extraArgs} appended to its own words (notify: INSTANCE name state priority).
     * The future completes on a runner thread; hand the result to the loop with {@code loop.execute}.
     */
    public CompletableFuture<ScriptResult> run(ScriptCommand script, List<String> extraArgs, Optional<Duration> timeout,
                                               String purpose) {
        if (!policy.allowed(script)) {
            LOG.debug("{}: {} is disabled by script security - not run", purpose, script.commandLine());
            return CompletableFuture.completedFuture(ScriptResult.NOT_RUN);
        }
        List<String> argv = new ArrayList<>(policy.runAs(script).prefix(currentUser));
        argv.addAll(CommandLineSplitter.split(script.commandLine()));
        argv.addAll(extraArgs);
        CompletableFuture<ScriptResult> result = new CompletableFuture<>();
        try {
            workers.execute(() -> result.complete(execute(argv, timeout, purpose)));
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: too many scripts queued, not running {}", purpose, script.commandLine());
            result.complete(ScriptResult.NOT_RUN);
        }
        return result;
    }

    /**
     * Starts a script that runs until {@code stop} (notify_fifo_script): outside the bounded pool, output logged.
     * Returns empty when it is disabled or cannot start.
     */
    public Optional<Process> startLongRunning(ScriptCommand script, List<String> extraArgs, String purpose) {
        if (!policy.allowed(script)) {
            LOG.warn("{}: {} is disabled by script security - not run", purpose, script.commandLine());
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(policy.runAs(script).prefix(currentUser));
        argv.addAll(CommandLineSplitter.split(script.commandLine()));
        argv.addAll(extraArgs);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            outputReaders.execute(() -> logOutput(process, purpose));
            return Optional.of(process);
        } catch (IOException | RejectedExecutionException e) {
            LOG.error("{}: cannot run {}: {}", purpose, argv, e.getMessage());
            return Optional.empty();
        }
    }

    private ScriptResult execute(List<String> argv, Optional<Duration> timeout, String purpose) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            LOG.error("{}: cannot run {}: {}", purpose, argv, e.getMessage());
            return ScriptResult.NOT_RUN;
        }
        running.incrementAndGet();
        try {
            outputReaders.execute(() -> logOutput(process, purpose));
            boolean done;
            if (timeout.isPresent()) {
                done = process.waitFor(timeout.get().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                process.waitFor();
                done = true;
            }
            if (!done) {
                LOG.warn("{}: {} timed out after {} ms - killed", purpose, argv, timeout.get().toMillis());
                kill(process);
                return ScriptResult.TIMED_OUT;
            }
            int code = process.exitValue();
            LOG.debug("{}: {} exited with status {}", purpose, argv, code);
            return ScriptResult.exited(code);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return ScriptResult.NOT_RUN;
        } finally {
            running.decrementAndGet();
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void logOutput(Process process, String purpose) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int lines = 0;
            while ((line = in.readLine()) != null) {
                if (++lines <= MAX_LOGGED_LINES) {
                    LOG.info("{}: {}", purpose, line);
                } else if (lines == MAX_LOGGED_LINES + 1) {
                    LOG.info("{}: (further output not logged)", purpose);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: output: {}", purpose, e.getMessage());
        }
    }

    /**
     * Lets the scripts already queued (the notify STOP calls of a shutdown) run for up to {@code drain}, then closes.
     */
    public void close(Duration drain) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("scripts still running after {} ms at shutdown - abandoned", drain.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        outputReaders.shutdownNow();
    }
}

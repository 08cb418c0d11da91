package org.keepalived4j.notify;

/**
 * How one script run ended.
 *
 * @param exitCode the exit status (-1 when killed by the timeout or not run)
 * @param timedOut killed because it outlived its timeout (counts as a failure)
 * @param notRun refused (disabled by script security, queue full, runner closed) or could not be started
 */
public record ScriptResult(int exitCode, boolean timedOut, boolean notRun) {
    public static ScriptResult exited(int code) {
        return new ScriptResult(code, false, false);
    }

    public static final ScriptResult TIMED_OUT = new ScriptResult(-1, true, false);
    public static final ScriptResult NOT_RUN = new ScriptResult(-1, false, true);

    /** Exit status 0. */
    public boolean succeeded() {
        return !timedOut && !notRun && exitCode == 0;
    }
}

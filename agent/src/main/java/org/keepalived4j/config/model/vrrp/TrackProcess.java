package org.keepalived4j.config.model.vrrp;

import java.time.Duration;
import java.util.List;

/**
 * {@code vrrp_track_process NAME}.
 *
 * @param processName the command name ({@code process} first word): compared with the kernel's comm, or with argv[0]
 *     when {@code fullCommand}
 * @param parameters the parameters to match (how: {@code paramMatch})
 * @param paramMatch how the parameters are compared; keepalived sets EXACT when {@code process} has parameters
 * @param fullCommand match argv[0] of /proc/PID/cmdline instead of comm (set by {@code full_command}, by
 *     {@code param_match} and by parameters on {@code process})
 * @param quorum minimum number of matching processes for OK (0 only with {@code quorum_max 0})
 * @param quorumMax maximum number of matching processes for OK ({@link #NO_QUORUM_MAX}: unlimited)
 * @param forkDelay how long the quorum must hold before the process counts as up ({@code fork_delay}, {@code delay})
 * @param terminateDelay how long the quorum must be lost before the process counts as down ({@code terminate_delay},
 *     {@code delay})
 */
public record TrackProcess(
        String name,
        String processName,
        List<String> parameters,
        ParamMatch paramMatch,
        boolean fullCommand,
        int weight,
        boolean weightReverse,
        int quorum,
        int quorumMax,
        Duration forkDelay,
        Duration terminateDelay) {
    /** keepalived's UINT_MAX default: no upper bound. */
    public static final int NO_QUORUM_MAX = Integer.MAX_VALUE;

    /** keepalived's param_match_t. */
    public enum ParamMatch {
        /** No parameter check (only the name). */
        NONE,
        /** The parameters equal the configured ones. */
        EXACT,
        /** {@code param_match partial}: the configured parameters are the process's first ones. */
        PARTIAL,
        /** {@code param_match initial}: as PARTIAL, but the last configured one may be the start of the process's. */
        INITIAL
    }

    public TrackProcess {
        parameters = List.copyOf(parameters);
    }

    /** {@code process NAME PARAMS...}, {@code weight}, {@code quorum} and {@code delay} only, as most configurations. */
    public TrackProcess(String name, String processName, List<String> parameters, int weight, boolean weightReverse,
                        int quorum, Duration delay) {
        this(name, processName, parameters, parameters.isEmpty() ? ParamMatch.NONE : ParamMatch.EXACT,
                !parameters.isEmpty(), weight, weightReverse, quorum, NO_QUORUM_MAX, delay, delay);
    }

    /** Whether {@code count} matching processes make the quorum. */
    public boolean quorumMet(int count) {
        return count >= quorum && count <= quorumMax;
    }
}

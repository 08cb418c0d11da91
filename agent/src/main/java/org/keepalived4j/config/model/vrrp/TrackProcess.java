package org.keepalived4j.config.model.vrrp;

import java.time.Duration;
import java.util.List;

/**
 * {@code vrrp_track_process NAME}.
 *
 * @param processName the command name ({@code process} first word)
 * @param parameters the parameters that must match (empty: any)
 * @param quorum minimum number of matching processes for OK
 * @param delay fork and terminate delay
 */
public record TrackProcess(
        String name,
        String processName,
        List<String> parameters,
        int weight,
        boolean weightReverse,
        int quorum,
        Duration delay) {
    public TrackProcess {
        parameters = List.copyOf(parameters);
    }
}

package org.keepalived4j.config.model.vrrp;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code track_file NAME} (deprecated spelling {@code vrrp_track_file}).
 *
 * @param initFile {@code init_file [VALUE] [overwrite]}
 */
public record TrackFile(String name, Path file, int weight, boolean weightReverse, Optional<InitFile> initFile) {
    /** Write {@code value} to the file at startup when it is missing, or always with {@code overwrite}. */
    public record InitFile(long value, boolean overwrite) {}
}

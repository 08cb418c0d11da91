package org.keepalived4j.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The daemon's pid file ({@code -p}), written whole (temp file + rename) so a reader never sees half a number. */
public final class PidFile {
    private final Path path;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The pid in the file if that process is alive and is not this one (keepalived: "daemon is already running"). */
    public Optional<Long> otherRunningPid() {
        return readPid().filter(pid -> pid != ProcessHandle.current().pid())
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    public void writeCurrentPid() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".keepalived4j-pid", ".tmp");
        try {
            Files.writeString(temp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes the file if it still names this process (another instance may have taken it over). */
    public void removeIfOurs() throws IOException {
        if (readPid().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            Files.deleteIfExists(path);
        }
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

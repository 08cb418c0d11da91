package org.keepalived4j.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keepalived4j.config.model.vrrp.TrackProcess;

/**
 * Counts running processes matching a vrrp_track_process from /proc, as keepalived 2.2.7 matches them: the name
 * equals the kernel's comm (15 characters), or, with {@code full_command} (implied by parameters and
 * {@code param_match}), argv[0] of /proc/PID/cmdline; then the parameters as {@link TrackProcess#paramMatch} says.
 * Zombies do not count. Reads /proc, so it belongs on a worker thread, not the loop.
 */
public final class ProcessTable {
    private static final int COMM_LENGTH = 15;
    private final Path proc;

    public ProcessTable(Path proc) {
        this.proc = proc;
    }

    public ProcessTable() {
        this(Path.of("/proc"));
    }

    public int count(TrackProcess process) {
        int count = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path pid : pids) {
                if (matches(pid, process)) {
                    count++;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return count;
    }

    private static boolean isPid(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Path pid, TrackProcess process) {
        try {
            String stat = Files.readString(pid.resolve("stat"), StandardCharsets.UTF_8);
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || (close + 2 < stat.length() && stat.charAt(close + 2) == 'Z')) {
                return false; // unreadable, or a zombie (its cmdline is empty)
            }
            if (!process.fullCommand()) {
                String name = process.processName();
                return stat.substring(open + 1, close).equals(name.length() > COMM_LENGTH ? name.substring(0, COMM_LENGTH) : name);
            }
            List<String> argv = argv(Files.readAllBytes(pid.resolve("cmdline")));
            if (argv.isEmpty() || !argv.get(0).equals(process.processName())) {
                return false;
            }
            return parametersMatch(process.paramMatch(), process.parameters(), argv.subList(1, argv.size()));
        } catch (IOException | RuntimeException e) {
            return false; // the process went away while we looked
        }
    }

    /** keepalived's check_params(): the configured parameters against a process's argv[1..]. */
    static boolean parametersMatch(TrackProcess.ParamMatch match, List<String> configured, List<String> actual) {
        return switch (match) {
            case NONE -> true;
            case EXACT -> actual.equals(configured);
            case PARTIAL -> actual.size() >= configured.size() && actual.subList(0, configured.size()).equals(configured);
            case INITIAL -> {
                if (configured.isEmpty()) {
                    yield true;
                }
                int last = configured.size() - 1;
                yield actual.size() >= configured.size() && actual.subList(0, last).equals(configured.subList(0, last))
                        && actual.get(last).startsWith(configured.get(last));
            }
        };
    }

    private static List<String> argv(byte[] cmdline) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                words.add(new String(Arrays.copyOfRange(cmdline, start, i), StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            words.add(new String(Arrays.copyOfRange(cmdline, start, cmdline.length), StandardCharsets.UTF_8));
        }
        return words;
    }
}

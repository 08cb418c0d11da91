package org.keepalived4j.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts running processes matching a vrrp_track_process from /proc: the name matches the kernel's comm (15
 * characters), argv[0] or its base name; configured parameters must equal argv[1..] exactly. Reads /proc, so it
 * belongs on a worker thread, not the loop.
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

    public int count(String name, List<String> parameters) {
        int count = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path pid : pids) {
                if (matches(pid, name, parameters)) {
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

    private static boolean matches(Path pid, String name, List<String> parameters) {
        try {
            List<String> argv = argv(Files.readAllBytes(pid.resolve("cmdline")));
            String comm = Files.readString(pid.resolve("comm"), StandardCharsets.UTF_8).strip();
            boolean nameMatches = comm.equals(name.length() > COMM_LENGTH ? name.substring(0, COMM_LENGTH) : name);
            if (!argv.isEmpty()) {
                String argv0 = argv.get(0);
                nameMatches |= argv0.equals(name) || argv0.substring(argv0.lastIndexOf('/') + 1).equals(name);
            }
            if (!nameMatches) {
                return false;
            }
            return parameters.isEmpty() || (argv.size() == parameters.size() + 1
                    && argv.subList(1, argv.size()).equals(parameters));
        } catch (IOException | RuntimeException e) {
            return false; // the process went away while we looked
        }
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

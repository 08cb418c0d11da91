package org.keepalived4j.jmx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads "first second" lines (JDK jmxremote.password / .access format) with '#' comments. */
final class PasswordFiles {
    private PasswordFiles() {}

    static List<String[]> entries(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+", 2);
            if (f.length != 2) {
                throw new IOException(file + ":" + n + ": expected two fields");
            }
            out.add(new String[] {f[0], f[1].strip()});
        }
        return out;
    }
}

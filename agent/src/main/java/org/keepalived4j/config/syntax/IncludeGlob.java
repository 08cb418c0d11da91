package org.keepalived4j.config.syntax;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The file names an {@code include} pattern names, as glibc glob(GLOB_BRACE) finds them: csh braces
 * are expanded first (each alternative globbed on its own, in order), then {@code * ? [..]} per path
 * segment, sorted; a leading dot is only matched explicitly. Relative patterns are relative to the
 * directory of the including file.
 */
final class IncludeGlob {
    /** The matches of one brace alternative ({@code matches} empty when it matched nothing). */
    record Alternative(String pattern, List<Path> matches) {}

    private IncludeGlob() {}

    static List<Alternative> expand(String pattern, Path baseDir) {
        List<Alternative> out = new ArrayList<>();
        for (String alt : braceExpand(pattern)) {
            out.add(new Alternative(alt, glob(alt, baseDir)));
        }
        return out;
    }

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
    }

    /** csh-style {a,b{c,d}} expansion; unbalanced braces are left as they are. */
    static List<String> braceExpand(String s) {
        int open = s.indexOf('{');
        if (open < 0) {
            return List.of(s);
        }
        int depth = 0;
        List<Integer> commas = new ArrayList<>();
        int close = -1;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth == 0) {
                    close = i;
                    break;
                }
            } else if (c == ',' && depth == 1) {
                commas.add(i);
            }
        }
        if (close < 0) {
            return List.of(s);
        }
        String pre = s.substring(0, open);
        String post = s.substring(close + 1);
        List<String> out = new ArrayList<>();
        int from = open + 1;
        commas.add(close);
        for (int c : commas) {
            for (String e : braceExpand(pre + s.substring(from, c) + post)) {
                out.add(e);
            }
            from = c + 1;
        }
        return out;
    }

    private static List<Path> glob(String pattern, Path baseDir) {
        Path p = Path.of(pattern);
        Path start = p.isAbsolute() ? p.getRoot() : baseDir;
        List<Path> current = List.of(start);
        for (Path segment : p) {
            String seg = segment.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(seg)) {
                    Path candidate = dir.resolve(seg);
                    if (Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                PathMatcher m;
                try {
                    m = FileSystems.getDefault().getPathMatcher("glob:" + seg.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}"));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                List<Path> found = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (name.startsWith(".") && !seg.startsWith(".")) {
                            continue;
                        }
                        if (m.matches(entry.getFileName())) {
                            found.add(entry);
                        }
                    }
                } catch (IOException e) {
                    continue;
                }
                found.sort(null);
                next.addAll(found);
            }
            current = next;
        }
        List<Path> out = new ArrayList<>();
        for (Path c : current) {
            out.add(c.normalize());
        }
        return out;
    }
}

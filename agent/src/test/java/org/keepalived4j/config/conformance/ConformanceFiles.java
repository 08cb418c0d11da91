package org.keepalived4j.config.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the configurations the conformance tests read live: corpus, conf/ samples, Debian's samples. */
final class ConformanceFiles {
    /** Debian's keepalived package installs its upstream samples here. */
    static final Path DEBIAN_SAMPLES = Path.of("/usr/share/doc/keepalived/samples");

    /** The config id the corpus is tested with (keepalived -i / ReadOptions). */
    static final String CORPUS_CONFIG_ID = "node1";

    private ConformanceFiles() {}

    /** The repository root: surefire passes it as k4j.repoRoot; otherwise walk up from the working directory. */
    static Path repoRoot() {
        String configured = System.getProperty("k4j.repoRoot");
        if (configured != null && Files.isDirectory(Path.of(configured, "agent"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("agent")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + dir);
    }

    static Path corpusDir() {
        return repoRoot().resolve("agent/src/test/resources/corpus");
    }

    static Path confDir() {
        return repoRoot().resolve("conf");
    }

    /** Every top-level corpus file (included fragments live in corpus/inc and are not entries). */
    static List<Path> corpusFiles() {
        return list(corpusDir(), "*.conf");
    }

    /** Corpus files written to be valid (name starts with "valid-"). */
    static List<Path> validCorpusFiles() {
        return corpusFiles().stream().filter(p -> p.getFileName().toString().startsWith("valid-")).toList();
    }

    static List<Path> confSamples() {
        return list(confDir(), "*.conf");
    }

    /** keepalived.conf.* from Debian's package; empty when the package (or its docs) is absent. */
    static List<Path> debianSamples() {
        if (!Files.isDirectory(DEBIAN_SAMPLES)) {
            return List.of();
        }
        return list(DEBIAN_SAMPLES, "keepalived.conf*");
    }

    static List<Path> list(Path dir, String glob) {
        try (Stream<Path> s = Files.list(dir)) {
            java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + glob);
            return s.filter(Files::isRegularFile).filter(p -> m.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Short name for test display: parent directory and file name. */
    static String label(Path file) {
        Path parent = file.getParent();
        return (parent == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }
}

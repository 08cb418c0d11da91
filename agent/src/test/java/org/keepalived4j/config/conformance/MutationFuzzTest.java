package org.keepalived4j.config.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.SourceLocation;
import org.keepalived4j.config.syntax.ReadOptions;

/**
 * Feeds thousands of randomly damaged configurations (mutants of the Debian samples, conf/ and the
 * corpus) to ConfigLoader.loadString. Every result must be clean or carry findings that each point
 * at a real place: a file (the mutant itself or a file that exists) and a line from 1 to that file's
 * line count. No exception may escape and no load may hang.
 *
 * <p>Bounded by count and time: at most {@code k4j.fuzz.count} mutants (default 20,000) and
 * {@code k4j.fuzz.seconds} (default 60). The seed is fixed ({@code k4j.fuzz.seed}, default below)
 * and written to agent/target/conformance/mutation-fuzz.txt; mutant i is built from
 * {@code new Random(mutantSeed(seed, i))}, so {@code -Dk4j.fuzz.seed=S -Dk4j.fuzz.only=i} replays one mutant.
 * Failing mutants are saved to agent/target/conformance/fuzz-failures/.
 */
class MutationFuzzTest {
    private static final Logger LOG = LogManager.getLogger();
    static final long DEFAULT_SEED = 0x6b34_6a2d_6675_7a7aL;
    private static final java.time.Duration PER_LOAD = java.time.Duration.ofSeconds(10);
    /** Mutants that match a known hang defect get less time: they are expected to hang. */
    private static final java.time.Duration KNOWN_HANG_LIMIT = java.time.Duration.ofMillis(500);

    /**
     * Known defects of keepalived4j that make a load hang: description (with where) -> which mutants trigger it.
     * A matching mutant that hangs is counted, not failed (the runaway thread is stopped); when matching
     * mutants occur but none hangs any more, the test fails until the entry is removed. (Empty: the last one,
     * a multi-line parameter using itself, is now a located error, see ReaderTerminationTest.)
     */
    static final java.util.Map<String, java.util.function.Predicate<String>> KNOWN_HANGS = java.util.Map.of();

    private record Seed(Path file, String text, String configId) {}

    @Test
    void mutantsGiveLocatedFindingsAndNeverThrow() throws Exception {
        long seed = Long.getLong("k4j.fuzz.seed", DEFAULT_SEED);
        int maxCount = Integer.getInteger("k4j.fuzz.count", 20_000);
        long maxMillis = TimeUnit.SECONDS.toMillis(Long.getLong("k4j.fuzz.seconds", 60));
        Integer only = Integer.getInteger("k4j.fuzz.only");
        LOG.info("mutation fuzz: seed={} (replay with -Dk4j.fuzz.seed={}), at most {} mutants or {} ms", seed, seed, maxCount, maxMillis);

        List<Seed> seeds = seeds();
        assertThat(seeds).as("seed configurations").hasSizeGreaterThanOrEqualTo(20);
        Path outDir = Path.of("target", "conformance").toAbsolutePath();
        Files.createDirectories(outDir);

        List<String> failures = new ArrayList<>();
        int done = 0;
        long findings = 0;
        long start = System.nanoTime();
        int knownDefectMutants = 0;
        int knownDefectHangs = 0;
        int first = only == null ? 0 : only;
        int last = only == null ? maxCount : only + 1;
        for (int i = first; i < last && failures.size() < 20; i++) {
            if (only == null && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(maxMillis)) {
                break;
            }
            Random random = new Random(mutantSeed(seed, i));
            Seed base = seeds.get(random.nextInt(seeds.size()));
            ConfigMutator.Mutant mutant = ConfigMutator.mutate(base.text(), random);
            String known = KNOWN_HANGS.entrySet().stream().filter(e -> e.getValue().test(mutant.text())).map(java.util.Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (known != null) {
                knownDefectMutants++;
            }
            String problem;
            try {
                ConfigLoader.Result result = Bounded.call(() -> ConfigLoader.loadString(mutant.text(), base.file(),
                        new ReadOptions(base.configId()), HostEnvironment.permissive()), known == null ? PER_LOAD : KNOWN_HANG_LIMIT, "loadString");
                findings += result.diagnostics().size();
                problem = locationProblem(result, base.file(), mutant.text());
            } catch (AssertionError e) {
                boolean hang = e.getCause() instanceof TimeoutException;
                if (hang && known != null) {
                    knownDefectHangs++;
                    problem = null;
                } else {
                    problem = hang ? "load did not finish within " + PER_LOAD.toSeconds() + " s"
                            : "exception escaped: " + stackTrace(e.getCause() == null ? e : e.getCause());
                }
            }
            done++;
            if (problem != null) {
                failures.add(save(outDir, seed, i, base, mutant, problem));
            }
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String summary = String.format("seed=%d mutants=%d findings=%d failures=%d elapsed_ms=%d seeds=%d known_defect_mutants=%d"
                + " known_defect_hangs=%d%n", seed, done, findings, failures.size(), elapsedMs, seeds.size(), knownDefectMutants,
                knownDefectHangs);
        Files.writeString(outDir.resolve("mutation-fuzz.txt"), summary + String.join("\n", failures));
        LOG.info("mutation fuzz: {}", summary.trim());

        assertThat(done).as("mutants tried (seed %d)", seed).isGreaterThanOrEqualTo(only == null ? 1000 : 1);
        if (knownDefectMutants > 0) {
            assertThat(knownDefectHangs).as("mutants matching a known hang defect %s all returned: the defect looks fixed,"
                    + " remove it from KNOWN_HANGS", KNOWN_HANGS.keySet()).isPositive();
        }
        assertThat(failures).as("mutants that broke the contract (seed %d, replay with -Dk4j.fuzz.seed=%d -Dk4j.fuzz.only=N)", seed, seed)
                .isEmpty();
    }

    /** Independent streams per (seed, index): neighbouring seeds must not replay each other's mutants. */
    static long mutantSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Null when every finding has a real location; otherwise what is wrong. */
    static String locationProblem(ConfigLoader.Result result, Path pretendFile, String text) {
        if (result == null || result.config() == null || result.diagnostics() == null) {
            return "loader returned no result/model/diagnostics";
        }
        for (Diagnostic d : result.diagnostics()) {
            SourceLocation where = d.where();
            if (where == null || where.file() == null) {
                return "finding without a location: " + d;
            }
            if (d.message() == null || d.message().isBlank()) {
                return "finding without a message at " + where;
            }
            int lineCount;
            if (where.file().toAbsolutePath().normalize().equals(pretendFile.toAbsolutePath().normalize())) {
                lineCount = text.split("\n", -1).length;
            } else if (Files.isRegularFile(where.file())) {
                try {
                    lineCount = Files.readString(where.file()).split("\n", -1).length;
                } catch (IOException | UncheckedIOException e) {
                    lineCount = Integer.MAX_VALUE; // unreadable as text: only the lower bound can be checked
                }
            } else {
                return "finding names a file that does not exist: " + d;
            }
            if (where.line() < 1 || where.line() > lineCount) {
                return "finding at line " + where.line() + " outside 1.." + lineCount + ": " + d;
            }
        }
        return null;
    }

    private static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        ConformanceFiles.debianSamples().forEach(f -> seeds.add(new Seed(f, ConformanceFiles.read(f), "k4j-no-such-node")));
        ConformanceFiles.confSamples().forEach(f -> seeds.add(new Seed(f, ConformanceFiles.read(f), "node1")));
        ConformanceFiles.corpusFiles().forEach(f -> seeds.add(new Seed(f, ConformanceFiles.read(f), ConformanceFiles.CORPUS_CONFIG_ID)));
        return seeds;
    }

    private static String save(Path outDir, long seed, int index, Seed base, ConfigMutator.Mutant mutant, String problem) throws IOException {
        Path dir = Files.createDirectories(outDir.resolve("fuzz-failures"));
        Path file = dir.resolve("mutant-" + seed + "-" + index + ".conf");
        Files.writeString(file, mutant.text());
        return "mutant " + index + " of " + ConformanceFiles.label(base.file()) + " [" + mutant.description() + "] saved as " + file
                + ": " + problem;
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        String s = w.toString();
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}

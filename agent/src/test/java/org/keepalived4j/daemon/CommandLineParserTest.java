package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The getopt_long behaviour keepalived 2.2.7 showed when run with these arguments (see the report of issue 2). */
class CommandLineParserTest {
    private final CommandLineParser parser = new CommandLineParser();

    private CommandLine parse(String... args) throws UsageException {
        return parser.parse(args);
    }

    private UsageException usageError(String... args) {
        try {
            parser.parse(args);
        } catch (UsageException e) {
            return e;
        }
        throw new AssertionError("expected a usage error for " + String.join(" ", args));
    }

    @Test
    void noArgumentsRunTheDaemonWithKeepalivedsDefaultFiles() throws UsageException {
        CommandLine line = parse();
        assertThat(line.action()).isEqualTo(CommandLine.Action.RUN);
        assertThat(line.configFile()).isEqualTo(Path.of("/etc/keepalived/keepalived.conf"));
        assertThat(line.pidFile()).isEqualTo(Path.of("/run/keepalived.pid"));
        assertThat(line.configId()).isEmpty();
        assertThat(line).isEqualTo(CommandLine.defaults());
    }

    @Nested
    class RequiredArguments {
        @ParameterizedTest
        @ValueSource(strings = {"-f /x/k.conf", "-f/x/k.conf", "--use-file=/x/k.conf", "--use-file /x/k.conf", "--use /x/k.conf",
                "--use-f=/x/k.conf"})
        void configFileInEveryGetoptForm(String args) throws UsageException {
            assertThat(parse(args.split(" ")).configFile()).isEqualTo(Path.of("/x/k.conf"));
        }

        @Test
        void pidFileAndConfigId() throws UsageException {
            CommandLine line = parse("-p", "/tmp/k.pid", "--config-id=lb1");
            assertThat(line.pidFile()).isEqualTo(Path.of("/tmp/k.pid"));
            assertThat(line.configId()).contains("lb1");
            assertThat(parse("-ilb2", "--pid=/tmp/o.pid").configId()).contains("lb2");
            assertThat(parse("--config-id", "lb3").configId()).contains("lb3");
        }

        @Test
        void theNextWordIsTakenEvenIfItLooksLikeAnOption() throws UsageException {
            // getopt takes argv[optind] whatever it is
            CommandLine line = parse("-f", "-l");
            assertThat(line.configFile()).isEqualTo(Path.of("-l"));
            assertThat(line.logConsole()).isFalse();
            assertThat(parse("-i", "--").configId()).contains("--");
        }

        @Test
        void aRequiredArgumentEndsAShortCluster() throws UsageException {
            CommandLine line = parse("-lDf/x/k.conf");
            assertThat(line.logConsole()).isTrue();
            assertThat(line.logDetail()).isTrue();
            assertThat(line.configFile()).isEqualTo(Path.of("/x/k.conf"));
            assertThat(parse("-lf", "/y.conf").configFile()).isEqualTo(Path.of("/y.conf"));
        }

        @Test
        void theLastOccurrenceWins() throws UsageException {
            assertThat(parse("-f", "/a", "-f", "/b").configFile()).isEqualTo(Path.of("/b"));
        }
    }

    @Nested
    class ConfigTestOptionalArgument {
        @Test
        void withoutArgumentFindingsGoToStderr() throws UsageException {
            CommandLine line = parse("-t", "-f", "/k.conf");
            assertThat(line.action()).isEqualTo(CommandLine.Action.CONFIG_TEST);
            assertThat(line.configTest()).isTrue();
            assertThat(line.configTestLog()).isEmpty();
        }

        @Test
        void attachedArgumentIsTheLogFile() throws UsageException {
            assertThat(parse("-t/tmp/t.log").configTestLog()).contains(Path.of("/tmp/t.log"));
            assertThat(parse("--config-test=/tmp/t.log").configTestLog()).contains(Path.of("/tmp/t.log"));
        }

        @Test
        void aFollowingWordIsNotTakenButIsAnExtraArgument() throws UsageException {
            CommandLine line = parse("--config-test", "/tmp/t.log");
            assertThat(line.configTestLog()).isEmpty();
            assertThat(line.extraArguments()).containsExactly("/tmp/t.log");
            assertThat(parse("-t", "/tmp/t.log").extraArguments()).containsExactly("/tmp/t.log");
        }

        @Test
        void theRestOfAClusterIsTheLogFile() throws UsageException {
            // measured: keepalived -t -f valid.conf -tl wrote the findings to a file named "l"
            CommandLine line = parse("-tl");
            assertThat(line.configTestLog()).contains(Path.of("l"));
            assertThat(line.logConsole()).isFalse();
            CommandLine clustered = parse("-lDt");
            assertThat(clustered.logConsole()).isTrue();
            assertThat(clustered.logDetail()).isTrue();
            assertThat(clustered.configTestLog()).isEmpty();
        }
    }

    @Nested
    class Flags {
        @Test
        void everyFlagShort() throws UsageException {
            CommandLine line = parse("-P", "-C", "-n", "-l", "-D", "-d", "-x");
            assertThat(line.vrrpOnly()).isTrue();
            assertThat(line.checkOnly()).isTrue();
            assertThat(line.dontFork()).isTrue();
            assertThat(line.logConsole()).isTrue();
            assertThat(line.logDetail()).isTrue();
            assertThat(line.dumpConf()).isTrue();
            assertThat(line.snmp()).isTrue();
            assertThat(line.configTest()).isFalse();
            assertThat(parse("-PCnlDdx")).isEqualTo(line);
        }

        @Test
        void everyFlagLong() throws UsageException {
            CommandLine line = parse("--vrrp", "--check", "--dont-fork", "--log-console", "--log-detail", "--dump-conf", "--snmp");
            assertThat(line).isEqualTo(parse("-PCnlDdx"));
        }

        @Test
        void noFlagIsSetByDefault() throws UsageException {
            CommandLine line = parse();
            assertThat(line.vrrpOnly() || line.checkOnly() || line.dontFork() || line.logConsole() || line.logDetail()
                    || line.dumpConf() || line.configTest() || line.snmp()).isFalse();
        }

        @Test
        void uniqueLongPrefixesAreAccepted() throws UsageException {
            // measured: keepalived --dump -t and --ver work
            assertThat(parse("--dump").dumpConf()).isTrue();
            assertThat(parse("--ver").action()).isEqualTo(CommandLine.Action.VERSION);
            assertThat(parse("--log-c").logConsole()).isTrue();
        }

        @Test
        void dumpWithoutTestIsTheDumpActionAndTestWins() throws UsageException {
            assertThat(parse("-d").action()).isEqualTo(CommandLine.Action.DUMP);
            assertThat(parse("-d", "-t").action()).isEqualTo(CommandLine.Action.CONFIG_TEST);
            assertThat(parse("-d", "-t").dumpConf()).isTrue();
        }
    }

    @Nested
    class HelpAndVersion {
        @Test
        void theyEndTheParseWhereTheyAppear() throws UsageException {
            // measured: keepalived -t -f X -vh prints the version only, -t -v --bogus prints the version, exit 0
            assertThat(parse("-vh").action()).isEqualTo(CommandLine.Action.VERSION);
            assertThat(parse("-hv").action()).isEqualTo(CommandLine.Action.HELP);
            assertThat(parse("-t", "--help").action()).isEqualTo(CommandLine.Action.HELP);
            assertThat(parse("-v", "--bogus", "-f").action()).isEqualTo(CommandLine.Action.VERSION);
        }

        @Test
        void anErrorBeforeThemIsStillAnError() {
            // keepalived would print the version and exit 0 after "Unknown option --bogus"; we do not hide the error
            assertThat(usageError("--bogus", "-v").messages()).containsExactly("Unknown option --bogus");
        }
    }

    @Nested
    class Errors {
        @Test
        void unknownShortOption() {
            assertThat(usageError("-Q").messages()).containsExactly("Unknown option -Q");
        }

        @Test
        void unknownLongOption() {
            assertThat(usageError("--bogus").messages()).containsExactly("Unknown option --bogus");
        }

        @Test
        void ambiguousPrefixIsReportedAsUnknown() {
            // measured: --d (dont-fork, dump-conf) and --conf (config-id, config-test)
            assertThat(usageError("--d").messages()).containsExactly("Unknown option --d");
            assertThat(usageError("--conf").messages()).containsExactly("Unknown option --conf");
        }

        @Test
        void valueForAFlagIsUnknown() {
            assertThat(usageError("--vrrp=yes").messages()).containsExactly("Unknown option --vrrp=yes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"f", "p", "i"})
        void missingShortArgument(String option) {
            assertThat(usageError("-t", "-" + option).messages()).containsExactly("Missing parameter for option -" + option);
        }

        @Test
        void missingLongArgumentNamesTheOption() {
            // keepalived 2.2.7 prints "--X" here (a bug); we name the option
            assertThat(usageError("--config-id").messages()).containsExactly("Missing parameter for option --config-id");
            assertThat(usageError("--use-file").messages()).containsExactly("Missing parameter for option --use-file");
        }

        @Test
        void everyErrorIsReportedNotJustTheFirst() {
            // measured: keepalived -t -Q -Z prints both, -t -Q -f prints both
            assertThat(usageError("-Q", "-Z", "-f").messages())
                    .containsExactly("Unknown option -Q", "Unknown option -Z", "Missing parameter for option -f");
            assertThat(usageError("-lQn").messages()).containsExactly("Unknown option -Q");
        }

        @Test
        void theExceptionMessageCarriesThemAll() {
            assertThatThrownBy(() -> parse("-Q", "--zz")).isInstanceOf(UsageException.class)
                    .hasMessageContaining("-Q").hasMessageContaining("--zz");
        }
    }

    @Nested
    class NonOptions {
        @Test
        void areCollectedWhereverTheyAppear() throws UsageException {
            CommandLine line = parse("extra", "-l", "more");
            assertThat(line.extraArguments()).containsExactly("extra", "more");
            assertThat(line.logConsole()).isTrue();
        }

        @Test
        void doubleDashEndsTheOptions() throws UsageException {
            CommandLine line = parse("-l", "--", "-D", "x");
            assertThat(line.logDetail()).isFalse();
            assertThat(line.extraArguments()).containsExactly("-D", "x");
        }

        @Test
        void aLoneDashIsAnArgument() throws UsageException {
            assertThat(parse("-").extraArguments()).containsExactly("-");
        }
    }

    @Test
    void theRecordIsImmutable() throws UsageException {
        java.util.List<String> extras = new java.util.ArrayList<>(java.util.List.of("a"));
        CommandLine line = new CommandLine(CommandLine.Action.RUN, Path.of("/k"), false, false, false, false, false, false,
                false, Optional.empty(), Path.of("/p"), Optional.empty(), false, extras);
        extras.add("b");
        assertThat(line.extraArguments()).containsExactly("a");
        assertThatThrownBy(() -> line.extraArguments().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}

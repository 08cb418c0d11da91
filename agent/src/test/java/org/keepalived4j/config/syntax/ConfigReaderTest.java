package org.keepalived4j.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.syntax.ReaderTestSupport.findings;
import static org.keepalived4j.config.syntax.ReaderTestSupport.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Severity;

/**
 * The configuration language as keepalived 2.2.7 reads it. Expected results come from keepalived.conf(5)
 * and from running Debian's keepalived 2.2.7 as {@code keepalived -t -f FILE -l -D} on the same text:
 * unknown keywords are echoed by keepalived ("Unknown keyword 'X'"), which shows the first word of
 * every logical line it produced, with its line number. "observed:" comments quote that output.
 */
class ConfigReaderTest {
    @TempDir
    Path dir;

    private final Diagnostics diagnostics = new Diagnostics();

    private List<String> read(String text) {
        return read(text, "main");
    }

    private List<String> read(String text, String configId) {
        return render(ConfigReader.readString(text, dir.resolve("keepalived.conf"), new ReadOptions(configId), diagnostics));
    }

    private List<String> readFile(Path file) {
        return render(ConfigReader.read(file, new ReadOptions("main"), diagnostics));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Nested
    class Blocks {
        @Test
        void braceOnTheSameOrTheNextLineAndClosingBracesAfterContent() {
            // observed: keepalived -t accepts this file with only the sync group's missing instance reported
            List<String> tree = read("""
                    global_defs
                    {
                     router_id x } vrrp_script s { script "/bin/true" }
                    vrrp_sync_group G { group { VI_1 VI_2 } }
                    global_defs { notification_email { a@b } }
                    """);
            assertThat(tree).containsExactly(
                    "global_defs {", "  router_id|x", "}",
                    "vrrp_script|s {", "  script|/bin/true", "}",
                    "vrrp_sync_group|G {", "  group {", "    VI_1|VI_2", "  }", "}",
                    "global_defs {", "  notification_email {", "    a@b", "  }", "}");
            assertThat(diagnostics.all()).isEmpty();
        }

        @Test
        void nestedBlocksKeepTheirLines() {
            List<ConfigNode> nodes = ConfigReader.readString("""
                    virtual_server 10.0.0.1 80 {
                      real_server 10.0.0.2 80 {
                        TCP_CHECK {
                          connect_timeout 3
                        }
                      }
                    }
                    """, dir.resolve("k.conf"), new ReadOptions("main"), diagnostics);
            ConfigNode check = nodes.get(0).children().get(0).children().get(0);
            assertThat(check.keyword()).isEqualTo("TCP_CHECK");
            assertThat(check.children().get(0).text()).isEqualTo("connect_timeout 3");
            assertThat(check.children().get(0).where().line()).isEqualTo(4);
            assertThat(check.where().line()).isEqualTo(3);
        }

        @Test
        void extraClosingBraceIsALocatedError() {
            // observed: "(Line 3) Extra '}' found"
            List<String> tree = read("a {\n}\n}\nb\n");
            assertThat(tree).containsExactly("a {", "}", "b");
            assertThat(findings(diagnostics)).containsExactly("keepalived.conf:3: error: Extra '}' found");
        }

        @Test
        void missingClosingBraceIsReportedAtTheUnclosedBlock() {
            // keepalived: "There are 1 missing '}'s or extra '{'s" (no location); we name the block's line
            List<String> tree = read("a {\n b 1\n");
            assertThat(tree).containsExactly("a {", "  b|1", "}");
            assertThat(diagnostics.hasErrors()).isTrue();
            assertThat(findings(diagnostics).get(0)).startsWith("keepalived.conf:1: error: block 'a' is not closed");
        }

        @Test
        void openingBraceAfterNothingIsIgnoredAndItsCloseEndsTheCurrentBlock_surprising() {
            // observed: "${UNDEF}" splits as 'p$', '{', 'UNDEF', '}' and keepalived says "Unexpected '{' - ignoring"
            // for a '{' that follows a '{' or '}' line
            List<String> tree = read("a {\n{\nb\n}\nc\n}\n");
            assertThat(tree).containsExactly("a {", "  b", "}", "c");
            assertThat(findings(diagnostics)).contains("keepalived.conf:2: error: Unexpected '{' - ignoring");
        }

        @Test
        void bracesInsideDoubleQuotesDoNotOpenBlocks() {
            List<String> tree = read("notify \"/bin/x {a}\" z\n");
            assertThat(tree).containsExactly("notify|/bin/x {a}|z");
        }
    }

    @Nested
    class Comments {
        @Test
        void hashAndBangStartACommentAnywhereOutsideDoubleQuotes() {
            // observed: a#b -> 'a', c!d -> 'c', "g#h" -> 'g#h', 'i#j' -> ''i', k"#l" -> 'k'
            List<String> tree = read("a#b x\nc!d x\n  #e\n\"g#h\" x\n'i#j' x\nk\"#l\" x\n! whole line\n");
            assertThat(tree).containsExactly("a", "c", "g#h|x", "'i", "k|#l|x");
        }

        @Test
        void escapedHashStillStartsACommentInTheEffectiveConfig_surprising() {
            // observed: keepalived's parent reads e\#f as 'e#f', but the VRRP/checker processes re-read the
            // consolidated copy and see 'e' (and e\!f -> 'e' likewise)
            assertThat(read("e\\#f x\ng\\!h y\n")).containsExactly("e", "g");
        }

        @Test
        void trailingBackslashIsNotALineContinuationOutsideDefinitions_surprising() {
            // observed: "abc x \" then "def y" gives keywords 'abc' (line 1) and 'def' (line 2)
            assertThat(read("abc x \\\ndef y\n")).containsExactly("abc|x|\\", "def|y");
        }
    }

    @Nested
    class Quotes {
        @Test
        void doubleQuotedStringIsOneWordWithoutItsQuotes() {
            // observed: "a b" x -> 'a b'; x"y z"w q -> 'x' (a quote ends a word)
            assertThat(read("\"a b\" x\nx\"y z\"w q\n")).containsExactly("a b|x", "x|y z|w|q");
        }

        @Test
        void singleQuotesAndBackslashEscapesAreOrdinaryCharactersInWords_surprising() {
            // observed: 'c d' x -> ''c'; "t\tu" -> 't\tu'; '\101\cA' -> ''\101\cA''.
            // Escapes are only interpreted by script keywords (alloc_strvec_quoted_escaped), not by the reader.
            assertThat(read("'c d' x\n\"t\\tu\" x\n")).containsExactly("'c|d'|x", "t\\tu|x");
        }

        @Test
        void unterminatedQuoteIsALocatedError() {
            // observed: "(Line 2) Unterminated quote '"bad'" and "Unmatched quote: '"bad'"
            List<String> tree = read("ok 1\n\"bad\nnext 2\n");
            assertThat(tree).containsExactly("ok|1", "next|2");
            assertThat(findings(diagnostics)).contains("keepalived.conf:2: error: Unterminated quote '\"bad'");
            assertThat(diagnostics.all()).allMatch(d -> d.where().line() == 2);
        }
    }

    @Nested
    class Includes {
        @Test
        void relativeToTheIncludingFileWithLocationsInTheIncludedFile() throws IOException {
            // observed: a.conf includes d/b.conf, which includes ../c.conf (relative to d/) and {e,f}.conf;
            // errors name "(d/b.conf: Line 1)", "(../c.conf: Line 1)", "(e.conf: Line 1)"
            Path main = write("a.conf", "include d/b.conf\nbogusA x\n");
            write("d/b.conf", "bogusB x\ninclude ../c.conf\ninclude {e,f}.conf\n");
            write("c.conf", "bogusC x\n");
            write("d/e.conf", "\n\nbogusE x\n");
            List<ConfigNode> nodes = ConfigReader.read(main, new ReadOptions("main"), diagnostics);
            assertThat(render(nodes)).containsExactly("bogusB|x", "bogusC|x", "bogusE|x", "bogusA|x");
            assertThat(nodes.get(0).where()).hasToString(dir.resolve("d/b.conf") + ":1");
            assertThat(nodes.get(1).where()).hasToString(dir.resolve("c.conf") + ":1");
            assertThat(nodes.get(2).where()).hasToString(dir.resolve("d/e.conf") + ":3");
            assertThat(nodes.get(3).where()).hasToString(main + ":2");
            // observed: (d/b.conf: Line 3) Some config files missing: "{e,f}.conf". and exit status 0 for that alone
            assertThat(findings(diagnostics)).containsExactly(
                    "b.conf:3: warning: Some config files missing: \"{e,f}.conf\".");
        }

        @Test
        void globsAreSortedAndSkipDirectoriesAndExecutables() throws IOException {
            Path main = write("k.conf", "include conf.d/*.conf\n");
            write("conf.d/b.conf", "second\n");
            write("conf.d/a.conf", "first\n");
            Files.createDirectories(dir.resolve("conf.d/dir.conf"));
            Path exe = write("conf.d/c.conf", "never\n");
            exe.toFile().setExecutable(true);
            assertThat(readFile(main)).containsExactly("first", "second");
            assertThat(findings(diagnostics)).singleElement().asString()
                    .contains("warning: Configuration file").contains("is not a regular non-executable file - skipping");
        }

        @Test
        void includeInsideABlockContributesToThatBlock() throws IOException {
            Path main = write("k.conf", "vrrp_instance V {\n  include vips.conf\n}\n");
            write("vips.conf", "virtual_ipaddress {\n 10.0.0.1\n}\n");
            assertThat(readFile(main)).containsExactly(
                    "vrrp_instance|V {", "  virtual_ipaddress {", "    10.0.0.1", "  }", "}");
        }

        @Test
        void missingIncludeIsOnlyAWarningButIncludeaMakesItAnError() throws IOException {
            // observed: "include missing.conf" -> "(Line 1) Config files missing 'missing.conf'." exit 0;
            // "includea missing.conf" -> same message, exit status 6 (error)
            read("include missing.conf\nincludea missing2.conf\nincludem gone/*.conf\nincludew gone/*.conf\n");
            assertThat(findings(diagnostics)).containsExactly(
                    "keepalived.conf:1: warning: Config files missing 'missing.conf'.",
                    "keepalived.conf:2: error: Config files missing 'missing2.conf'.",
                    "keepalived.conf:3: warning: Config files missing 'gone/*.conf'.",
                    "keepalived.conf:4: error: Config files missing 'gone/*.conf'.");
        }

        @Test
        void includeCheckAndAllConfigOptionMakeMissingIncludesErrors() {
            read("include_check\ninclude missing.conf\n");
            assertThat(diagnostics.count(Severity.ERROR)).isEqualTo(1);
            Diagnostics d2 = new Diagnostics();
            ConfigReader.readString("include missing.conf\n", dir.resolve("k.conf"), new ReadOptions("main", true), d2);
            assertThat(d2.count(Severity.ERROR)).isEqualTo(1);
        }

        @Test
        void includeLoopIsBoundedAndReported() throws IOException {
            // observed: keepalived recurses until "open problem (Too many open files) - skipping"
            Path loop = write("loop.conf", "bogusL x\ninclude loop.conf\n");
            List<String> tree = readFile(loop);
            assertThat(tree).hasSize(IncludeReader.MAX_DEPTH).allMatch("bogusL|x"::equals);
            assertThat(findings(diagnostics)).singleElement().asString()
                    .startsWith("loop.conf:2: error: Configuration file").contains("open problem");
        }

        @Test
        void includeLineIsRecognisedAfterConditionalsAndParameters_surprising() throws IOException {
            // keepalived.conf(5) says include detection happens before conditionals and parameter substitution,
            // but observed with 2.2.7: "$F=x.conf" + "include $F" includes x.conf, and "@vm include x.conf"
            // includes it on host vm, in keepalived's first reading pass. Its VRRP/checker parsers, which read
            // keepalived's consolidated copy, see such an include twice ("@vm include y.conf" -> bogusY reported
            // twice per parser, "~SEQ(N,1,2) include $F" -> four times): a duplication bug we do not reproduce.
            write("x.conf", "fromX\n");
            List<String> tree = read("$F=x.conf\ninclude $F\n@main include x.conf\n@other include x.conf\n"
                    + "~SEQ(N,1,2) include $F\ninclude x.conf extra\n");
            assertThat(tree).containsExactly("fromX", "fromX", "fromX", "fromX", "include|x.conf|extra");
            assertThat(diagnostics.all()).isEmpty();
        }
    }

    @Nested
    class Conditionals {
        @Test
        void atIdSelectsLinesForThisConfigId() {
            // observed with -i main: a1, a4, a5, a7, a8 kept; "@main" alone and "@mainx" dropped
            List<String> tree = read("""
                    @main a1 x
                    @backup a2 x
                    @^main a3 x
                    @^backup a4 x
                    @main
                      @main a5 x
                    @mainx a6 x
                    @main\ta7 x
                    $IFM=@main
                    $IFM a8 x
                    $IFB=@backup
                    $IFB a9 x
                    r${_INSTANCE} x
                    """, "main");
            assertThat(tree).containsExactly("a1|x", "a4|x", "a5|x", "a7|x", "a8|x", "rmain|x");
        }

        @Test
        void conditionalInsideABlock() {
            List<String> tree = read("global_defs {\n @main router_id m\n @backup router_id b\n}\n", "backup");
            assertThat(tree).containsExactly("global_defs {", "  router_id|b", "}");
        }
    }

    @Nested
    class Parameters {
        @Test
        void definitionsAndSubstitutionAsObserved() {
            // observed keywords: aa (no blank allowed before '='), $C, paa, pbaab, paax, p$Ax, p$UNDEF, uind, vv
            List<String> tree = read("""
                    $A=aa
                    $B=b${A}b
                    $A = no
                    $C =x
                    p$A q
                    p${B} q
                    p${A}x q
                    p$Ax q
                    p$UNDEF q
                      $IND=ind
                    u${IND} q
                    $E=
                    v${E}v q
                    """);
            assertThat(tree).containsExactly("aa|=|no", "$C|=x", "paa|q", "pbaab|q", "paax|q", "p$Ax|q", "p$UNDEF|q",
                    "uind|q", "vv|q");
        }

        @Test
        void substitutionHappensAtUseTime_documented() {
            // keepalived.conf(5) "Parameter substitution" example
            List<String> tree = read("""
                    $ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}
                    $ADDRESS_BASE_SUB=0
                    ${ADDRESS_BASE}.100/32
                    $ADDRESS_BASE_SUB=10
                    ${ADDRESS_BASE}.100/32
                    """);
            assertThat(tree).containsExactly("10.2.0.100/32", "10.2.10.100/32");
        }

        @Test
        void undefinedBracedParameterStaysAndItsBracesSplitTheLine_surprising() {
            // observed: p${UNDEF} q -> 'p$', '{', 'UNDEF', '}', 'q': the braces split the line. keepalived then says
            // "Unknown keyword 'p$'" and "Unexpected '{'" because p$ takes no block; the tree keeps it as a block
            // and the binder reports the unknown keyword.
            List<String> tree = read("p${UNDEF} q\n");
            assertThat(tree).containsExactly("p$ {", "  UNDEF", "}", "q");
            assertThat(diagnostics.all()).isEmpty();
        }

        @Test
        void multiLineDefinitionExpandsAtTheUseLine() {
            // observed: $M= \ / m1 x \ / m2 y ; $M on line 4 -> 'm1' and 'm2' both at line 4
            List<ConfigNode> nodes = ConfigReader.readString("$M= \\\n  m1 x \\\n  m2 y\n$M\n",
                    dir.resolve("k.conf"), new ReadOptions("main"), diagnostics);
            assertThat(render(nodes)).containsExactly("m1|x", "m2|y");
            assertThat(nodes).allMatch(n -> n.where().line() == 4);
        }

        @Test
        void multiLineDefinitionsNestAndCarryBlocks_documented() {
            // keepalived.conf(5) multi-line example, shortened
            List<String> tree = read("""
                    $RS= \\
                    real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\
                        weight 1 \\
                    }
                    $VS= \\
                    virtual_server 10.0.${VS_NUM}.4 80 { \\
                        $RS_NUM=1 \\
                        $RS \\
                        $RS_NUM=2 \\
                        $RS \\
                    }

                    $VS_NUM=0
                    $VS
                    """);
            assertThat(tree).containsExactly(
                    "virtual_server|10.0.0.4|80 {",
                    "  real_server|192.168.0.1|80 {", "    weight|1", "  }",
                    "  real_server|192.168.0.2|80 {", "    weight|1", "  }",
                    "}");
        }

        @Test
        void multiLineParameterIsOnlyExpandedAtTheEndOfALine() {
            List<String> tree = read("$M= \\\n a \\\n b\nx $M y\n");
            assertThat(tree).containsExactly("x|$M|y");
        }

        @Test
        void predefinedParameters() {
            // observed: r${_INSTANCE} -> 'r' + config id; s${_PWD} -> 's' + the config file's directory
            List<String> tree = read("r${_INSTANCE} x\ns${_PWD} x\ny${_RANDOM} x\n");
            assertThat(tree.get(0)).isEqualTo("rmain|x");
            assertThat(tree.get(1)).isEqualTo("s" + dir.toAbsolutePath() + "|x");
            assertThat(tree.get(2)).matches("y\\d{1,5}\\|x");
            int value = Integer.parseInt(tree.get(2).substring(1, tree.get(2).indexOf('|')));
            assertThat(value).isBetween(0, 32767);
        }

        @Test
        void hashAndBangParametersStartACommentAfterSubstitution_surprising() {
            // observed: a${_HASH}b x -> 'a'; c${_BANG}d x -> 'c' (the man page says they give a literal # / !)
            assertThat(read("a${_HASH}b x\nc${_BANG}d x\n")).containsExactly("a", "c");
        }

        @Test
        void randomWithParametersLeavesPartOfTheReferenceInTheLine_surprising() {
            // observed: t${_RANDOM 7 7}x q -> 't7x_RANDOM', then "Extra '}' found", then 'x'
            List<String> tree = read("t${_RANDOM 7 7}x q\n");
            assertThat(tree).containsExactly("t7x_RANDOM|7|7", "x|q");
            assertThat(findings(diagnostics)).containsExactly("keepalived.conf:1: error: Extra '}' found");
        }

        @Test
        void selfReferencingParameterIsReportedNotLooping() {
            // keepalived itself loops forever or overflows its line buffer here; we stop with an error
            read("$A=x$A\n$A\n");
            assertThat(diagnostics.hasErrors()).isTrue();
            assertThat(diagnostics.all()).allMatch(d -> d.where().line() == 2);
        }
    }

    @Nested
    class Sequences {
        @Test
        void seqSeqxAndLstAsObserved() {
            // observed: s1 s2; t1 t2 t3; h9 hd h11; la lb; m12 m34; n11 n12 n21 n22; k3 k2 k1
            List<String> tree = read("""
                    ~SEQ(N,1,2) s${N} x
                    ~SEQ(N2,3) t$N2 x
                    ~SEQx(H,0x9,4,0x11) h${H} x
                    ~LST(L,a,b) l${L} x
                    ~LST({P,Q},{1,2},{3,4}) m${P}${Q} x
                    ~LST(I,1,2) ~SEQ(J,1,2) n${I}${J} x
                    ~SEQ(K,3,1) k${K} x
                    """);
            assertThat(tree).containsExactly("s1|x", "s2|x", "t1|x", "t2|x", "t3|x", "h9|x", "hd|x", "h11|x",
                    "la|x", "lb|x", "m12|x", "m34|x", "n11|x", "n12|x", "n21|x", "n22|x", "k3|x", "k2|x", "k1|x");
        }

        @Test
        void documentedExamples() {
            // keepalived.conf(5) "Sequence blocks" and "List blocks"
            assertThat(read("~SEQx(SUBNET, 0x90, 0x10, 0xc0) ip_address fe80::20:${SUBNET}:1\n")).containsExactly(
                    "ip_address|fe80::20:90:1", "ip_address|fe80::20:a0:1", "ip_address|fe80::20:b0:1",
                    "ip_address|fe80::20:c0:1");
            assertThat(read("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}\n"))
                    .containsExactly("192.168.10.1", "192.170.10.1", "192.168.20.4", "192.170.20.4");
        }

        @Test
        void sequenceInsideAValueBlockWithLines() {
            List<ConfigNode> nodes = ConfigReader.readString("virtual_ipaddress {\n  ~SEQ(N,1,2) 10.0.0.${N}/32\n}\n",
                    dir.resolve("k.conf"), new ReadOptions("main"), diagnostics);
            assertThat(render(nodes)).containsExactly("virtual_ipaddress {", "  10.0.0.1/32", "  10.0.0.2/32", "}");
            assertThat(nodes.get(0).children()).allMatch(n -> n.where().line() == 2);
        }

        @Test
        void invalidSpecificationsAreLocatedErrors() {
            // observed: "Invalid ~SEQ values '~SEQ(Z,1,-1,3) z x'", "Invalid ~LST specification '~LST(E) e x'"
            List<String> tree = read("ok\n~SEQ(Z,1,-1,3) z x\n~LST(E) e x\n~SEQx(N,-2,2) n\n~SEQ(,1) q\n");
            assertThat(tree).containsExactly("ok");
            assertThat(findings(diagnostics)).containsExactly(
                    "keepalived.conf:2: error: Invalid ~SEQ values '~SEQ(Z,1,-1,3) z x'",
                    "keepalived.conf:3: error: Invalid ~LST specification '~LST(E) e x'",
                    "keepalived.conf:4: error: ~SEQx is only valid for positive numbers '~SEQx(N,-2,2) n'",
                    "keepalived.conf:5: error: Invalid ~SEQ definition '~SEQ(,1) q'");
        }

        @Test
        void sequenceOverAMultiLineParameter_documented() {
            List<String> tree = read("$V= \\\nvrrp_instance v${ID} { \\\n priority ${ID} \\\n}\n\n~SEQ(ID,1,2) $V\n");
            assertThat(tree).containsExactly("vrrp_instance|v1 {", "  priority|1", "}",
                    "vrrp_instance|v2 {", "  priority|2", "}");
        }
    }

    @Nested
    class Bytes {
        @Test
        void crlfTabsAndFormFeeds() {
            assertThat(read("a\t1 {\r\n\tb\t2\r\n}\r\n")).containsExactly("a|1 {", "  b|2", "}");
            assertThat(diagnostics.all()).isEmpty();
        }

        @Test
        void emptyAndCommentOnlyFilesGiveNoStatements() {
            assertThat(read("")).isEmpty();
            assertThat(read("# only\n\n   \n!\n")).isEmpty();
            assertThat(diagnostics.all()).isEmpty();
        }

        @Test
        void byteOrderMarkIsPartOfTheFirstWordWithAWarning() throws IOException {
            Path f = dir.resolve("bom.conf");
            Files.write(f, ("\uFEFFglobal_defs {\n}\n").getBytes(StandardCharsets.UTF_8));
            List<String> tree = readFile(f);
            // observed: "(Line 1) Unknown keyword '\xef\xbb\xbfglobal_defs'"
            assertThat(tree.get(0)).isEqualTo("\uFEFFglobal_defs {");
            assertThat(findings(diagnostics)).singleElement().asString().startsWith("bom.conf:1: warning:");
        }

        @Test
        void nonUtf8BytesAreAWarningOnTheirLine() throws IOException {
            Path f = dir.resolve("latin.conf");
            Files.write(f, new byte[] {'a', '\n', 'b', ' ', (byte) 0xE9, '\n'});
            // observed: keepalived reports "Unknown keyword 'b\xe9'" - bytes are kept; we keep them as ISO-8859-1
            assertThat(readFile(f)).containsExactly("a", "b|\u00E9");
            assertThat(findings(diagnostics)).singleElement().asString().startsWith("latin.conf:2: warning:");
        }

        @Test
        void veryLongLineIsSplitLikeKeepalivedsBuffer_surprising() {
            // observed: a 1100-character word is reported as a 1023-character keyword plus the rest
            String word = "z".repeat(1100);
            List<String> tree = read(word + " x\n");
            assertThat(tree).containsExactly("z".repeat(1023), "z".repeat(77) + "|x");
            assertThat(findings(diagnostics)).singleElement().asString().startsWith("keepalived.conf:1: warning:");
        }

        @Test
        void nulCharacterEndsTheLine() {
            assertThat(read("a b\0c d\ne\n")).containsExactly("a|b", "e");
            assertThat(diagnostics.count(Severity.WARNING)).isEqualTo(1);
        }

        @Test
        void missingFileIsALocatedError() {
            List<ConfigNode> nodes = ConfigReader.read(dir.resolve("nope.conf"), new ReadOptions("main"), diagnostics);
            assertThat(nodes).isEmpty();
            assertThat(findings(diagnostics)).singleElement().asString().startsWith("nope.conf:0: error:");
        }
    }
}

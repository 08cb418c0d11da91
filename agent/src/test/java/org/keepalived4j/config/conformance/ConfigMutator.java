package org.keepalived4j.config.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random, reproducible damage to a configuration text: line deletion, duplication and swaps,
 * character flips and insertions, stray or missing braces, numbers pushed to extremes, truncation
 * and a few statements from the language's rarer corners. The same seed gives the same mutant.
 */
final class ConfigMutator {
    private static final String SPECIAL = "{}\"'#!$~@\\ \t;()/*?[]%&|<>=-:,.\u00e9\u0000\u00ff\u200b";
    private static final String[] EXTREMES = {"0", "-1", "1", "255", "256", "65535", "65536", "2147483647", "2147483648",
        "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "0.0001",
        "1e9", "-0", "00", "0x10", "3.", ".5", "nan"};
    private static final String[] STATEMENTS = {"}", "{", "include", "include does-not-exist.conf", "include *.nothing",
        "$X=1", "$X", "${X}", "$", "${", "$Y=$Y", "@node1 priority 1", "@^node1", "@", "~SEQ(", "~SEQ(i,1,1,3) $X",
        "~LST(v,a,b)", "\"", "'", "vrrp_instance", "vrrp_instance X {", "virtual_server 10.0.0.1 80 {",
        "real_server 10.0.0.2 80 {", "global_defs {", "interface", "virtual_router_id", "priority", "track_script {",
        "authentication {", "auth_type", "group {", "url {", "HTTP_GET {", "virtual_ipaddress {", "10.0.0.1/40", "::/129",
        "block {}", "{ } { }", "\\", "a\"b\"c 'd' \"\""};
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    /** A mutant and a description of what was done, for failure reports. */
    record Mutant(String text, String description) {}

    private ConfigMutator() {}

    static Mutant mutate(String original, Random random) {
        String text = original;
        List<String> done = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(11);
            text = switch (kind) {
                case 0 -> deleteLine(text, random, done);
                case 1 -> duplicateLine(text, random, done);
                case 2 -> swapLines(text, random, done);
                case 3 -> flipChar(text, random, done);
                case 4 -> insertChar(text, random, done);
                case 5 -> brace(text, random, done);
                case 6, 7 -> extremeNumber(text, random, done);
                case 8 -> truncate(text, random, done);
                case 9 -> insertStatement(text, random, done);
                default -> deleteRange(text, random, done);
            };
        }
        return new Mutant(text, String.join("; ", done));
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    private static String deleteLine(String text, Random r, List<String> done) {
        List<String> l = lines(text);
        int i = r.nextInt(l.size());
        l.remove(i);
        done.add("delete line " + (i + 1));
        return String.join("\n", l);
    }

    private static String duplicateLine(String text, Random r, List<String> done) {
        List<String> l = lines(text);
        int i = r.nextInt(l.size());
        int times = r.nextInt(4) == 0 ? 2 + r.nextInt(20) : 1;
        for (int t = 0; t < times; t++) {
            l.add(i, l.get(i));
        }
        done.add("duplicate line " + (i + 1) + " x" + times);
        return String.join("\n", l);
    }

    private static String swapLines(String text, Random r, List<String> done) {
        List<String> l = lines(text);
        int a = r.nextInt(l.size());
        int b = r.nextInt(l.size());
        String t = l.get(a);
        l.set(a, l.get(b));
        l.set(b, t);
        done.add("swap lines " + (a + 1) + "," + (b + 1));
        return String.join("\n", l);
    }

    private static char randomChar(Random r) {
        return r.nextBoolean() ? SPECIAL.charAt(r.nextInt(SPECIAL.length())) : (char) (32 + r.nextInt(95));
    }

    private static String flipChar(String text, Random r, List<String> done) {
        if (text.isEmpty()) {
            return text;
        }
        int i = r.nextInt(text.length());
        char c = randomChar(r);
        done.add("flip char " + i + " to U+" + Integer.toHexString(c));
        return text.substring(0, i) + c + text.substring(i + 1);
    }

    private static String insertChar(String text, Random r, List<String> done) {
        int i = r.nextInt(text.length() + 1);
        char c = randomChar(r);
        done.add("insert U+" + Integer.toHexString(c) + " at " + i);
        return text.substring(0, i) + c + text.substring(i);
    }

    private static String brace(String text, Random r, List<String> done) {
        int i = text.isEmpty() ? 0 : r.nextInt(text.length());
        int kind = r.nextInt(3);
        if (kind == 0) {
            int at = text.indexOf(r.nextBoolean() ? '{' : '}', i);
            if (at >= 0) {
                done.add("remove brace at " + at);
                return text.substring(0, at) + text.substring(at + 1);
            }
        }
        String b = kind == 1 ? "{" : "}";
        done.add("insert " + b + " at " + i);
        return text.substring(0, i) + b + text.substring(i);
    }

    private static String extremeNumber(String text, Random r, List<String> done) {
        Matcher m = NUMBER.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(r.nextInt(spans.size()));
        String value = EXTREMES[r.nextInt(EXTREMES.length)];
        done.add("number at " + s[0] + " -> " + value);
        return text.substring(0, s[0]) + value + text.substring(s[1]);
    }

    private static String truncate(String text, Random r, List<String> done) {
        int at = r.nextInt(text.length() + 1);
        done.add("truncate at " + at);
        return text.substring(0, at);
    }

    private static String insertStatement(String text, Random r, List<String> done) {
        List<String> l = lines(text);
        int i = r.nextInt(l.size() + 1);
        String s = STATEMENTS[r.nextInt(STATEMENTS.length)];
        l.add(i, s);
        done.add("insert line " + (i + 1) + ": " + s);
        return String.join("\n", l);
    }

    private static String deleteRange(String text, Random r, List<String> done) {
        if (text.isEmpty()) {
            return text;
        }
        int a = r.nextInt(text.length());
        int b = Math.min(text.length(), a + 1 + r.nextInt(200));
        done.add("delete chars " + a + ".." + b);
        return text.substring(0, a) + text.substring(b);
    }
}

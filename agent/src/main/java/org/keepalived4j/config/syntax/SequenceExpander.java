package org.keepalived4j.config.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ~SEQ(var, start, step, end)}, {@code ~SEQx(...)} and {@code ~LST(var, v1, ...)} /
 * {@code ~LST({a,b}, {1,2}, ...)} at the start of a line: the rest of the line is read once per value,
 * with {@code $var} (or each listed variable) defined to that value. Parsing follows keepalived's
 * {@code add_seq()}: numbers as C {@code strtol(..., 0)} reads them (0x hex, leading-0 octal), a
 * missing step is 1 or -1, a missing start is 1 (or -1 when end &lt; 0). Values are left defined
 * after the block, as in keepalived.
 */
final class SequenceExpander {
    /** One expansion: the per-iteration variable values and the text to repeat. */
    record Expansion(List<Map<String, String>> iterations, String text) {}

    /** Either an expansion or keepalived's error message. */
    record Parsed(Expansion expansion, String error) {}

    private static final int MAX_ITERATIONS = 1_000_000;

    private SequenceExpander() {}

    static boolean isSequenceLine(String line) {
        return line.startsWith("~SEQ") || line.startsWith("~LST");
    }

    static Parsed parse(String line, ParameterTable params) {
        return line.startsWith("~SEQ") ? parseSeq(line, params) : parseLst(line, params);
    }

    private static Parsed parseSeq(String buf, ParameterTable params) {
        String invalid = "Invalid ~SEQ definition '" + buf + "'";
        int p = 4;
        boolean hex = p < buf.length() && buf.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) != '(') {
            return new Parsed(null, "Invalid ~SEQ specification '" + buf + "'");
        }
        p = skipBlanks(buf, p + 1);
        int var = p;
        while (p < buf.length() && " \t,)".indexOf(buf.charAt(p)) < 0) {
            p++;
        }
        String varName = buf.substring(var, p);
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) == ')' || varName.isEmpty()) {
            return new Parsed(null, invalid);
        }
        p = skipBlanks(buf, p + 1);
        int close = buf.indexOf(')', p);
        if (close < 0) {
            return new Parsed(null, invalid);
        }
        ParameterTable.Substitution sub = params.substitute(buf.substring(p, close + 1));
        if (!sub.restLines().isEmpty()) {
            return new Parsed(null, "~SEQ parameter is multiline definition '" + buf + "'");
        }
        String args = sub.text();
        long[] parsed = new long[1];
        long start;
        long step;
        long end;
        int q = strtol(args, 0, parsed);
        long one = parsed[0];
        q = skipBlanks(args, q);
        if (q < args.length() && args.charAt(q) == ')') {
            end = one;
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else {
            if (q >= args.length() || args.charAt(q) != ',') {
                return new Parsed(null, invalid);
            }
            q = skipBlanks(args, strtol(args, q + 1, parsed));
            long two = parsed[0];
            if (q < args.length() && args.charAt(q) == ')') {
                start = one;
                end = two;
                step = start <= end ? 1 : -1;
            } else {
                if (q >= args.length() || args.charAt(q) != ',') {
                    return new Parsed(null, invalid);
                }
                q = skipBlanks(args, strtol(args, q + 1, parsed));
                if (q >= args.length() || args.charAt(q) != ')') {
                    return new Parsed(null, invalid);
                }
                start = one;
                step = two;
                end = parsed[0];
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    return new Parsed(null, "Invalid ~SEQ values '" + buf + "'");
                }
            }
        }
        if (hex && (start < 0 || end < 0)) {
            return new Parsed(null, "~SEQx is only valid for positive numbers '" + buf + "'");
        }
        List<Map<String, String>> values = new ArrayList<>();
        long next = start;
        do {
            values.add(Map.of(varName, hex ? Long.toHexString(next) : Long.toString(next)));
            next += step;
            if (values.size() > MAX_ITERATIONS) {
                return new Parsed(null, "~SEQ expands to more than " + MAX_ITERATIONS + " lines '" + buf + "'");
            }
        } while (!((step > 0 && next > end) || (step < 0 && next < end)));
        return new Parsed(new Expansion(values, buf.substring(skipBlanks(buf, close + 1))), null);
    }

    private static Parsed parseLst(String buf, ParameterTable params) {
        String invalid = "Invalid ~LST specification '" + buf + "'";
        int p = skipBlanks(buf, 4);
        if (p >= buf.length() || buf.charAt(p) != '(') {
            return new Parsed(null, invalid);
        }
        int close = matchingParen(buf, p);
        if (close < 0) {
            return new Parsed(null, invalid);
        }
        ParameterTable.Substitution sub = params.substitute(buf.substring(p + 1, close));
        List<List<String>> groups = new ArrayList<>();
        String inner = sub.text();
        int i = 0;
        while (true) {
            i = skipBlanks(inner, i);
            if (i >= inner.length()) {
                break;
            }
            List<String> group = new ArrayList<>();
            if (inner.charAt(i) == '{') {
                int end = inner.indexOf('}', i);
                if (end < 0) {
                    return new Parsed(null, invalid);
                }
                for (String v : inner.substring(i + 1, end).split(",", -1)) {
                    group.add(Decommenter.stripBlanks(v));
                }
                i = skipBlanks(inner, end + 1);
            } else {
                int end = inner.indexOf(',', i);
                if (end < 0) {
                    end = inner.length();
                }
                group.add(Decommenter.stripBlanks(inner.substring(i, end)));
                i = end;
            }
            groups.add(group);
            if (i < inner.length()) {
                if (inner.charAt(i) != ',') {
                    return new Parsed(null, invalid);
                }
                i++;
            }
        }
        if (groups.size() < 2) {
            return new Parsed(null, invalid);
        }
        List<String> vars = groups.get(0);
        List<Map<String, String>> values = new ArrayList<>();
        for (String v : vars) {
            if (v.isEmpty()) {
                return new Parsed(null, invalid);
            }
        }
        for (List<String> g : groups.subList(1, groups.size())) {
            if (g.size() > vars.size()) {
                return new Parsed(null, "~LST specification has too many values '" + buf + "'");
            }
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int k = 0; k < g.size(); k++) {
                m.put(vars.get(k), g.get(k));
            }
            values.add(m);
        }
        return new Parsed(new Expansion(values, buf.substring(skipBlanks(buf, close + 1))), null);
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    /** C strtol(s + from, &end, 0): returns the end index, value in out[0]; no digits: value 0, end = from. */
    static int strtol(String s, int from, long[] out) {
        int i = from;
        while (i < s.length() && Tokenizer.WHITE_SPACE.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        int digitsStart = i;
        long v = 0;
        while (i < s.length() && Character.digit(s.charAt(i), base) >= 0 && s.charAt(i) < 128) {
            v = v * base + Character.digit(s.charAt(i), base);
            i++;
        }
        if (i == digitsStart) {
            out[0] = 0;
            return from;
        }
        out[0] = neg ? -v : v;
        return i;
    }
}

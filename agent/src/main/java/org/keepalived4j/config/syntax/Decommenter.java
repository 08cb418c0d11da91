package org.keepalived4j.config.syntax;

/**
 * Removes comments the way keepalived's {@code decomment()} does, as the configuration is finally
 * seen by keepalived's VRRP/checker processes: {@code #} or {@code !} anywhere outside double quotes
 * starts a comment (also in the middle of a word, also inside single quotes). Leading and trailing
 * blanks go; a trailing {@code \} stays (it only matters to multi-line {@code $NAME=} definitions).
 */
final class Decommenter {
    /** Result: the text, and whether a double quote was left open. */
    record Result(String text, boolean unterminatedQuote) {}

    private Decommenter() {}

    static Result decomment(String line) {
        boolean quote = false;
        int cut = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                if (!quote && (next == '#' || next == '!')) {
                    // keepalived unescapes \# when it first reads the file, but its VRRP/checker processes
                    // re-read that copy, where the bare # then starts a comment (observed with keepalived -t).
                    cut = i;
                    break;
                }
                i++;
            } else if (c == '"') {
                quote = !quote;
            } else if (!quote && (c == '#' || c == '!')) {
                cut = i;
                break;
            }
        }
        String text = cut >= 0 ? line.substring(0, cut) : line;
        return new Result(stripBlanks(text), quote && cut < 0);
    }

    /** Space and tab only, like keepalived's isblank() trimming. */
    static String stripBlanks(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
            b++;
        }
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return s.substring(b, e);
    }
}

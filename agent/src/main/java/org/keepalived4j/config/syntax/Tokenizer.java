package org.keepalived4j.config.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pre-processed line into words as keepalived's {@code alloc_strvec()} does: words are
 * separated by blanks; {@code "..."} is one word without its quotes; a {@code "} inside a word ends
 * that word; single quotes and backslashes are ordinary characters.
 */
final class Tokenizer {
    static final String WHITE_SPACE = " \t\f\n\r\u000b";

    /** The words, and {@code unmatchedQuote} when a double quote has no partner (the rest of the line is dropped). */
    record Words(List<String> words, boolean unmatchedQuote) {}

    private Tokenizer() {}

    static Words split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && WHITE_SPACE.indexOf(line.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                return new Words(out, false);
            }
            if (line.charAt(i) == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    return new Words(out, true);
                }
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && WHITE_SPACE.indexOf(line.charAt(i)) < 0 && line.charAt(i) != '"') {
                    i++;
                }
                out.add(line.substring(start, i));
            }
        }
    }
}

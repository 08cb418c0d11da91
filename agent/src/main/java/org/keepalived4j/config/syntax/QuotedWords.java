package org.keepalived4j.config.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The second word-splitting keepalived has, {@code alloc_strvec_quoted_escaped()}, which script
 * keywords (vrrp_script script, notify*, misc_path, ...) apply to their text: words split at blanks,
 * {@code "..."} and {@code '...'} quote blanks (the quotes are removed, quoted parts join the
 * surrounding word like in a shell), and backslash escapes as keepalived.conf(5) lists them:
 * {@code \a \b \E \f \n \r \t \v}, {@code \nnn} (up to 3 octal digits), {@code \xHH...} (any number of
 * hex digits, keeping the low 8 bits), {@code \cC} (control character), {@code \C} = C otherwise.
 * The configuration reader itself does not interpret escapes or single quotes.
 */
public final class QuotedWords {
    private QuotedWords() {}

    /** The words of {@code text}, or empty when a quote is not closed or the text ends in a lone backslash. */
    public static Optional<List<String>> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Tokenizer.WHITE_SPACE.indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                return Optional.of(out);
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= n) {
                        return Optional.empty();
                    }
                    i = escape(text, i, word);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (Tokenizer.WHITE_SPACE.indexOf(c) >= 0) {
                    break;
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                return Optional.empty();
            }
            out.add(word.toString());
        }
    }

    /** Appends the escaped character starting at {@code i} (just after the backslash); returns the next index. */
    private static int escape(String s, int i, StringBuilder word) {
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
            int v = 0;
            i++;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
                v = (v << 4 | Character.digit(s.charAt(i), 16)) & 0xff;
                i++;
            }
            word.append((char) v);
            return i;
        }
        if (c == 'c' && i + 1 < s.length()) {
            word.append((char) (s.charAt(i + 1) & 0x1f));
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int v = 0;
            int k = 0;
            while (k < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                v = v * 8 + (s.charAt(i) - '0');
                i++;
                k++;
            }
            word.append((char) (v & 0xff));
            return i;
        }
        word.append(switch (c) {
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'E' -> '\u001b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> c;
        });
        return i + 1;
    }
}

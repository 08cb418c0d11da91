package org.keepalived4j.config.dump;

/** Builds keepalived.conf text with keepalived's customary indentation; quotes arguments that need it. */
public final class ConfText {
    /** keepalived reads lines with fgets(buf, MAXBUF = 1024): a longer line is cut in pieces. */
    public static final int MAX_LINE = 1023;

    private final StringBuilder out = new StringBuilder();
    private int depth;

    /**
     * A statement line: keyword and arguments; {@code null} arguments are left out. The keyword is quoted like
     * an argument when needed: in a list block (group members, track names, addresses) it is a name from the model.
     */
    public ConfText line(String keyword, Object... args) {
        int start = out.length();
        indent();
        out.append(quote(keyword));
        for (Object arg : args) {
            if (arg != null) {
                out.append(' ').append(quote(arg.toString()));
            }
        }
        endLine(start, "\n");
        return this;
    }

    public ConfText open(String keyword, Object... args) {
        int start = out.length();
        indent();
        out.append(quote(keyword));
        for (Object arg : args) {
            if (arg != null) {
                out.append(' ').append(quote(arg.toString()));
            }
        }
        endLine(start, " {\n");
        depth++;
        return this;
    }

    public ConfText close() {
        depth--;
        indent();
        out.append("}\n");
        return this;
    }

    public ConfText blank() {
        out.append('\n');
        return this;
    }

    /** Ends the line started at {@code start}; a line keepalived would cut is refused (it would not read back). */
    private void endLine(int start, String end) {
        int length = out.length() - start + end.length() - 1;
        if (length > MAX_LINE) {
            String line = out.substring(start).strip();
            out.setLength(start);
            throw new IllegalArgumentException("cannot write a line of " + length + " characters as keepalived.conf text (keepalived"
                    + " reads at most " + MAX_LINE + "): " + line.substring(0, Math.min(80, line.length())) + "...");
        }
        out.append(end);
    }

    private void indent() {
        out.append("    ".repeat(Math.max(depth, 0)));
    }

    /**
     * Quotes a token containing blanks, quotes, braces or comment characters. keepalived 2.2.7 (and our reader)
     * has no escapes inside double quotes, so the token is written verbatim between them; a token the language
     * cannot carry is refused with {@link IllegalArgumentException} naming why (see {@link #unrepresentable}).
     */
    public static String quote(String token) {
        String why = unrepresentable(token);
        if (why != null) {
            throw new IllegalArgumentException("cannot write '" + token + "' as keepalived.conf text: " + why);
        }
        boolean quoted = mustBeQuoted(token)
                || oddTrailingBackslashes(token) == 0 && token.chars().anyMatch(c -> c == '\'' || c == '$' || c == '~' || c == '@');
        return quoted ? '"' + token + '"' : token;
    }

    /** Blanks, braces and comment characters only survive inside double quotes; an empty word needs them too. */
    private static boolean mustBeQuoted(String token) {
        return token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == '{' || c == '}' || c == '#' || c == '!');
    }

    private static int oddTrailingBackslashes(String token) {
        int backslashes = 0;
        for (int i = token.length() - 1; i >= 0 && token.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2;
    }

    /** Predefined parameters keepalived substitutes everywhere, quoted text included (reference then blank, ',', ')' or end). */
    private static final java.util.regex.Pattern PREDEFINED_PARAMETER = java.util.regex.Pattern.compile(
            "\\$(?:\\{(?:_PWD|_INSTANCE|_HASH|_BANG|_RANDOM)[ 0-9]*}|(?:_PWD|_INSTANCE|_HASH|_BANG|_RANDOM)(?=[ \t,)]|$))");

    /**
     * Why {@code token} cannot be one word of keepalived.conf, or null when it can: a double quote or a line
     * break (nothing escapes them); an odd run of backslashes at its end when it must be quoted (keepalived's
     * decommenting takes the closing quote as escaped); a reference to a predefined parameter ($_PWD, ...), which
     * would be substituted.
     */
    public static String unrepresentable(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '"') {
                return "it contains a double quote";
            }
            if (c == '\n' || c == '\r') {
                return "it contains a line break";
            }
        }
        if (oddTrailingBackslashes(token) == 1 && mustBeQuoted(token)) {
            return "it must be quoted and ends in an odd number of backslashes";
        }
        if (token.indexOf('$') >= 0 && PREDEFINED_PARAMETER.matcher(token).find()) {
            return "it refers to a predefined parameter ($_PWD, $_INSTANCE, $_HASH, $_BANG, $_RANDOM) that would be substituted";
        }
        return null;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

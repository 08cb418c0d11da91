package org.keepalived4j.config.dump;

/** Builds keepalived.conf text with keepalived's customary indentation; quotes arguments that need it. */
public final class ConfText {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** A statement line: keyword and arguments; {@code null} arguments are left out. */
    public ConfText line(String keyword, Object... args) {
        indent();
        out.append(keyword);
        for (Object arg : args) {
            if (arg != null) {
                out.append(' ').append(quote(arg.toString()));
            }
        }
        out.append('\n');
        return this;
    }

    public ConfText open(String keyword, Object... args) {
        indent();
        out.append(keyword);
        for (Object arg : args) {
            if (arg != null) {
                out.append(' ').append(quote(arg.toString()));
            }
        }
        out.append(" {\n");
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

    private void indent() {
        out.append("    ".repeat(Math.max(depth, 0)));
    }

    /** Quotes a token containing blanks, quotes, braces or comment characters, escaping as the reader unescapes. */
    public static String quote(String token) {
        if (!token.isEmpty() && token.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '{' || c == '}'
                || c == '#' || c == '!' || c == '\\' || c == '$' || c == '~' || c == '@')) {
            return token;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : token.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

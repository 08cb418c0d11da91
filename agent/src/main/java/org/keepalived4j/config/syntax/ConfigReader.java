package org.keepalived4j.config.syntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;

/**
 * Reads keepalived.conf text as keepalived 2.2.7 does: comments, quoting, include globs, @ID
 * conditionals, $NAME parameters, ~SEQ/~LST, blocks. Produces the statement tree; knows nothing
 * of keywords.
 *
 * <p>MINIMAL BOOTSTRAP VERSION: comments, double quotes, braces and blocks only. The full
 * pre-processor replaces it.
 */
public final class ConfigReader {
    private record Token(String text, boolean quoted, SourceLocation where) {}

    private ConfigReader() {}

    /** Reads {@code file} and everything it includes. Problems go to {@code diagnostics} with their location. */
    public static List<ConfigNode> read(Path file, ReadOptions options, Diagnostics diagnostics) {
        try {
            return readString(Files.readString(file), file, options, diagnostics);
        } catch (IOException e) {
            diagnostics.error(new SourceLocation(file, 0), "cannot read configuration file: " + e.getMessage());
            return List.of();
        }
    }

    /** Reads text as if it were the content of {@code pretendFile} (includes resolve relative to it). */
    public static List<ConfigNode> readString(String text, Path pretendFile, ReadOptions options, Diagnostics diagnostics) {
        List<List<Token>> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            List<Token> tokens = tokenize(raw[i], new SourceLocation(pretendFile, i + 1));
            if (!tokens.isEmpty()) {
                lines.add(tokens);
            }
        }
        int[] pos = {0, 0};
        List<ConfigNode> top = parseBlock(lines, pos, diagnostics, false, pretendFile);
        return top;
    }

    private static List<Token> tokenize(String line, SourceLocation where) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '!') {
                break;
            } else if (c == '{' || c == '}') {
                out.add(new Token(String.valueOf(c), false, where));
                i++;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    end = line.length();
                }
                out.add(new Token(line.substring(i + 1, end), true, where));
                i = end + 1;
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '{' && line.charAt(i) != '}') {
                    i++;
                }
                out.add(new Token(line.substring(start, i), false, where));
            }
        }
        return out;
    }

    private static boolean isBrace(Token t, String brace) {
        return !t.quoted() && t.text().equals(brace);
    }

    /** pos = {line index, token index}. Returns the statements up to the matching close brace (or end). */
    private static List<ConfigNode> parseBlock(List<List<Token>> lines, int[] pos, Diagnostics d, boolean nested, Path file) {
        List<ConfigNode> out = new ArrayList<>();
        while (pos[0] < lines.size()) {
            List<Token> line = lines.get(pos[0]);
            if (pos[1] >= line.size()) {
                pos[0]++;
                pos[1] = 0;
                continue;
            }
            Token first = line.get(pos[1]);
            if (isBrace(first, "}")) {
                pos[1]++;
                if (!nested) {
                    d.error(first.where(), "unexpected '}' with no open block");
                    continue;
                }
                return out;
            }
            if (isBrace(first, "{")) {
                d.error(first.where(), "'{' without a keyword before it");
                pos[1]++;
                continue;
            }
            List<String> args = new ArrayList<>();
            int i = pos[1] + 1;
            boolean opens = false;
            while (i < line.size()) {
                Token t = line.get(i);
                if (isBrace(t, "{")) {
                    opens = true;
                    i++;
                    break;
                }
                if (isBrace(t, "}")) {
                    break;
                }
                args.add(t.text());
                i++;
            }
            pos[1] = i;
            if (!opens && i >= line.size() && pos[0] + 1 < lines.size()) {
                List<Token> next = lines.get(pos[0] + 1);
                if (isBrace(next.get(0), "{")) {
                    opens = true;
                    pos[0]++;
                    pos[1] = 1;
                }
            }
            List<ConfigNode> children = null;
            if (opens) {
                children = parseBlock(lines, pos, d, true, file);
            }
            out.add(new ConfigNode(first.text(), args, children, first.where()));
        }
        if (nested) {
            d.error(new SourceLocation(file, lines.isEmpty() ? 0 : lines.get(lines.size() - 1).get(0).where().line()),
                    "end of file inside a block: missing '}'");
        }
        return out;
    }
}

package org.keepalived4j.config.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;

/**
 * Builds the statement tree from logical lines (where every brace already stands alone): a statement
 * immediately followed by a {@code {} line owns the block up to the matching {@code }}. Brace errors
 * are reported with keepalived's wording: a {@code {} that follows no statement ("Unexpected '{' -
 * ignoring", its block's lines stay at the current level and its {@code }} closes the current block,
 * as in keepalived), a {@code }} with no open block ("Extra '}' found"), blocks left open at the end.
 */
final class TreeBuilder {
    private static final class Open {
        final String keyword;
        final List<String> args;
        final SourceLocation where;
        final List<ConfigNode> children = new ArrayList<>();

        Open(String keyword, List<String> args, SourceLocation where) {
            this.keyword = keyword;
            this.args = args;
            this.where = where;
        }
    }

    private TreeBuilder() {}

    static List<ConfigNode> build(LinePreprocessor lines, Diagnostics diagnostics) {
        List<ConfigNode> top = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        // the last statement, while it may still receive a block (only the very next logical line can open it)
        List<String> lastWords = null;
        SourceLocation lastWhere = null;
        int depth = 0;
        while (true) {
            SourceLine line = lines.next();
            if (line == null) {
                break;
            }
            Tokenizer.Words words = Tokenizer.split(line.text());
            if (words.unmatchedQuote()) {
                diagnostics.error(line.where(), "Unmatched quote: '" + line.text() + "'");
            }
            List<String> w = words.words();
            if (w.isEmpty()) {
                continue;
            }
            String first = w.get(0);
            if (first.equals("{")) {
                depth++;
                if (lastWords != null) {
                    open.push(new Open(lastWords.get(0), lastWords.subList(1, lastWords.size()), lastWhere));
                } else {
                    diagnostics.error(line.where(), "Unexpected '{' - ignoring");
                }
                lastWords = null;
                continue;
            }
            flush(lastWords, lastWhere, open, top);
            lastWords = null;
            if (first.equals("}")) {
                if (depth-- < 1) {
                    diagnostics.error(line.where(), "Extra '}' found");
                    depth = 0;
                    continue;
                }
                if (open.isEmpty()) {
                    diagnostics.error(line.where(), "'}' closes no block (its '{' was ignored)");
                    continue;
                }
                Open done = open.pop();
                add(new ConfigNode(done.keyword, done.args, done.children, done.where), open, top);
                continue;
            }
            lastWords = w;
            lastWhere = line.where();
        }
        flush(lastWords, lastWhere, open, top);
        while (!open.isEmpty()) {
            Open done = open.pop();
            diagnostics.error(done.where, "block '" + done.keyword + "' is not closed: missing '}' (keepalived: There are "
                    + depth + " missing '}'s or extra '{'s)");
            add(new ConfigNode(done.keyword, done.args, done.children, done.where), open, top);
        }
        return top;
    }

    private static void flush(List<String> words, SourceLocation where, Deque<Open> open, List<ConfigNode> top) {
        if (words != null) {
            add(new ConfigNode(words.get(0), words.subList(1, words.size()), null, where), open, top);
        }
    }

    private static void add(ConfigNode node, Deque<Open> open, List<ConfigNode> top) {
        if (open.isEmpty()) {
            top.add(node);
        } else {
            open.peek().children.add(node);
        }
    }
}

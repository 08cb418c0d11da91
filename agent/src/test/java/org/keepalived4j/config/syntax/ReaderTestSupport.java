package org.keepalived4j.config.syntax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;

/** Compact renderings of reader output for assertions. */
final class ReaderTestSupport {
    private ReaderTestSupport() {}

    /** One line per statement: words joined by '|', children indented by two blanks, "{" / "}" around blocks. */
    static List<String> render(List<ConfigNode> nodes) {
        List<String> out = new ArrayList<>();
        render(nodes, "", out);
        return out;
    }

    private static void render(List<ConfigNode> nodes, String indent, List<String> out) {
        for (ConfigNode n : nodes) {
            List<String> words = new ArrayList<>();
            words.add(n.keyword());
            words.addAll(n.args());
            String line = indent + String.join("|", words);
            if (n.hasBlock()) {
                out.add(line + " {");
                render(n.children(), indent + "  ", out);
                out.add(indent + "}");
            } else {
                out.add(line);
            }
        }
    }

    /** Diagnostics as "file-name:line: severity: message" with only the file name, for stable assertions. */
    static List<String> findings(Diagnostics d) {
        List<String> out = new ArrayList<>();
        for (Diagnostic x : d.all()) {
            Path f = x.where().file().getFileName();
            out.add(f + ":" + x.where().line() + ": " + x.severity().label() + ": " + x.message());
        }
        return out;
    }
}

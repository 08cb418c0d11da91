package org.keepalived4j.config.syntax;

import java.util.List;
import org.keepalived4j.config.SourceLocation;

/**
 * One statement of keepalived.conf after pre-processing (includes, conditionals, parameters and
 * ~SEQ/~LST expanded, comments and quotes removed): a keyword, its arguments and, when the line
 * opened a {@code { }} block, the statements inside it.
 *
 * <p>Inside value blocks (virtual_ipaddress, group, unicast_peer, notification_email, ...) each line
 * is a statement too: its first token is {@link #keyword()} and the rest {@link #args()}.
 *
 * @param children {@code null} when the statement has no block, otherwise the block's statements
 */
public record ConfigNode(String keyword, List<String> args, List<ConfigNode> children, SourceLocation where) {
    public ConfigNode {
        args = List.copyOf(args);
        children = children == null ? null : List.copyOf(children);
    }

    public boolean hasBlock() {
        return children != null;
    }

    /** The argument at {@code index}, or {@code null} when there are fewer arguments. */
    public String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** Keyword and arguments as written, for messages. */
    public String text() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}

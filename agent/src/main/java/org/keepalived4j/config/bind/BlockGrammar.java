package org.keepalived4j.config.bind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keepalived4j.config.syntax.ConfigNode;

/**
 * The keywords one block accepts and what each does. Nothing is silently ignored: a keyword that is
 * not registered is an error, a T3 keyword is a "not supported yet" warning, a deprecated synonym is
 * applied as its modern keyword with a warning.
 *
 * @param <B> the builder that statements of this block write into
 */
public final class BlockGrammar<B> {
    private record Entry<B>(KeywordHandler<B> handler, String modernName, boolean supported) {}

    private final String blockName;
    private final Map<String, Entry<B>> keywords = new LinkedHashMap<>();

    public BlockGrammar(String blockName) {
        this.blockName = blockName;
    }

    public String blockName() {
        return blockName;
    }

    public BlockGrammar<B> on(String keyword, KeywordHandler<B> handler) {
        keywords.put(keyword, new Entry<>(handler, null, true));
        return this;
    }

    /** {@code old} behaves as the already registered {@code modern}, with a warning. */
    public BlockGrammar<B> deprecated(String old, String modern) {
        Entry<B> target = keywords.get(modern);
        if (target == null) {
            throw new IllegalStateException(blockName + ": deprecated " + old + " maps to unknown " + modern);
        }
        keywords.put(old, new Entry<>(target.handler(), modern, target.supported()));
        return this;
    }

    /** Keywords keepalived 2.2.7 knows that we recognise but do not implement yet (T3). */
    public BlockGrammar<B> notSupported(String... names) {
        for (String name : names) {
            keywords.put(name, new Entry<>(null, null, false));
        }
        return this;
    }

    public void bind(List<ConfigNode> statements, B target, BindContext ctx) {
        for (ConfigNode node : statements) {
            Entry<B> entry = keywords.get(node.keyword());
            if (entry == null) {
                ctx.error(node, "unknown keyword '" + node.keyword() + "' in " + blockName);
            } else if (!entry.supported()) {
                ctx.warning(node, "'" + node.keyword() + "' in " + blockName + " is not supported yet; ignored");
            } else {
                if (entry.modernName() != null) {
                    ctx.warning(node, "'" + node.keyword() + "' is deprecated, use '" + entry.modernName() + "'");
                }
                entry.handler().apply(target, node, ctx);
            }
        }
    }

    /** Supported keywords (modern names only) in registration order, for the README's keyword table. */
    public List<String> supportedKeywords() {
        return keywords.entrySet().stream()
                .filter(e -> e.getValue().supported() && e.getValue().modernName() == null)
                .map(Map.Entry::getKey)
                .toList();
    }

    public List<String> unsupportedKeywords() {
        return keywords.entrySet().stream().filter(e -> !e.getValue().supported()).map(Map.Entry::getKey).toList();
    }

    public Map<String, String> deprecatedKeywords() {
        Map<String, String> out = new LinkedHashMap<>();
        keywords.forEach((k, e) -> {
            if (e.modernName() != null) {
                out.put(k, e.modernName());
            }
        });
        return Collections.unmodifiableMap(out);
    }
}

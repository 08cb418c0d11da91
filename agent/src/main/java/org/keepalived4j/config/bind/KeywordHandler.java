package org.keepalived4j.config.bind;

import org.keepalived4j.config.syntax.ConfigNode;

/** Applies one statement to the builder of the block it appears in. */
@FunctionalInterface
public interface KeywordHandler<B> {
    void apply(B target, ConfigNode node, BindContext ctx);
}

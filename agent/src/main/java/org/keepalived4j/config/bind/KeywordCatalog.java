package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.keepalived4j.config.model.lvs.CheckerType;

/**
 * Every keyword block the binders know, read from their grammars, so that the README's keyword table is
 * generated from the code rather than kept by hand. {@code main} prints the Markdown table.
 */
public final class KeywordCatalog {
    /** One block's keywords: supported, recognised but not supported yet (T3), and deprecated synonyms. */
    public record Block(String name, List<String> supported, List<String> notSupportedYet, List<String> deprecated) {}

    private KeywordCatalog() {}

    public static List<Block> blocks() {
        List<BlockGrammar<?>> grammars = new ArrayList<>(List.of(
                ConfigBinder.topLevelGrammar(),
                GlobalDefsBinder.grammar(),
                VrrpBinder.scriptGrammar(),
                VrrpBinder.trackFileGrammar(),
                VrrpBinder.trackProcessGrammar(),
                VrrpBinder.syncGroupGrammar(),
                VrrpInstanceBinder.grammar(),
                VrrpInstanceBinder.authGrammar(),
                LvsVirtualServerSpec.grammar(),
                LvsRealServerSpec.grammar()));
        for (CheckerType type : CheckerType.values()) {
            grammars.add(CheckerSpec.grammar(type));
        }
        grammars.add(CheckerSpec.urlGrammar());
        grammars.add(LvsBinder.SSL);
        return grammars.stream().map(g -> new Block(g.blockName(), g.supportedKeywords(), g.unsupportedKeywords(),
                g.deprecatedKeywords().entrySet().stream().map(e -> e.getKey() + " → " + e.getValue()).toList())).toList();
    }

    /** The README table. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| block | supported | recognised, not supported yet (warning) | deprecated (warning, applied as) |\n");
        out.append("|---|---|---|---|\n");
        for (Block b : blocks()) {
            out.append("| ").append(b.name()).append(" | ").append(code(b.supported())).append(" | ")
                    .append(code(b.notSupportedYet())).append(" | ").append(code(b.deprecated())).append(" |\n");
        }
        return out.toString();
    }

    private static String code(List<String> words) {
        return words.isEmpty() ? "" : words.stream().map(w -> "`" + w + "`").collect(Collectors.joining(" "));
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}

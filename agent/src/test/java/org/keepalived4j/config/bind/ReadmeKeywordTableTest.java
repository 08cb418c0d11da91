package org.keepalived4j.config.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's keyword table is the one the grammars produce. */
class ReadmeKeywordTableTest {
    private static final String BEGIN = "<!-- keywords:begin -->\n";
    private static final String END = "<!-- keywords:end -->";

    @Test
    void readmeTableMatchesTheGrammars() throws IOException {
        Path root = Path.of(System.getProperty("k4j.repoRoot", ".."));
        String readme = Files.readString(root.resolve("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the keyword table markers").isNotNegative();
        assertThat(readme.substring(begin + BEGIN.length(), end))
                .as("README keyword table; regenerate it with KeywordCatalog.main")
                .isEqualTo(KeywordCatalog.markdown());
    }

    @Test
    void everyBlockOfTheCatalogHasSupportedKeywords() {
        assertThat(KeywordCatalog.blocks()).extracting(KeywordCatalog.Block::name)
                .contains("global_defs", "vrrp_instance", "virtual_server", "real_server", "HTTP_GET");
        for (KeywordCatalog.Block b : KeywordCatalog.blocks()) {
            assertThat(b.supported()).as(b.name()).isNotEmpty();
        }
    }
}

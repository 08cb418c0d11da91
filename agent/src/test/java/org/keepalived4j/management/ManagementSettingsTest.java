package org.keepalived4j.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementSettingsTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansDefaults() throws Exception {
        ManagementSettings s = ManagementSettings.load(dir.resolve("absent.properties"));
        assertThat(s.source()).isEmpty();
        assertThat(s.getBoolean("jmx.remote.enabled", false)).isFalse();
        assertThat(s.getPath(ManagementSettings.OVERLAY_STATE_FILE)).isEmpty();
    }

    @Test
    void valuesAreParsedAndBadOnesNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("m.properties"),
                "jmx.remote.enabled = yes\njmx.remote.port=99999\nsnmp.community=public\noverlay.state_file=live.p\n"
                        + "jmx.remote.ssl=maybe\n");
        ManagementSettings s = ManagementSettings.load(file);
        assertThat(s.getBoolean("jmx.remote.enabled", false)).isTrue();
        assertThat(s.getPath(ManagementSettings.OVERLAY_STATE_FILE)).contains(dir.resolve("live.p"));
        assertThat(s.withPrefix("snmp.")).containsEntry("snmp.community", "public").hasSize(1);
        assertThatThrownBy(() -> s.getInt("jmx.remote.port", 0, 1, 65535))
                .hasMessage(file + ": jmx.remote.port: 99999 is outside 1..65535");
        assertThatThrownBy(() -> s.getBoolean("jmx.remote.ssl", false))
                .hasMessage(file + ": jmx.remote.ssl: expected true or false, got 'maybe'");
    }
}

package org.keepalived4j.config.dump;

import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * Prints the effective configuration ({@code -d/--dump-conf}) in canonical keepalived.conf syntax:
 * every value explicit, defaults included, so that reading the output gives an equal model.
 */
public final class ConfigWriter {
    private ConfigWriter() {}

    public static String write(KeepalivedConfig config) {
        ConfText out = new ConfText();
        GlobalDefsWriter.write(config.global(), out);
        VrrpWriter.write(config.vrrp(), out);
        LvsWriter.write(config.lvs(), out);
        return out.toString();
    }
}

package org.keepalived4j.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version (from the resource Maven filters at build time) and the {@code -v} text in keepalived's layout. */
public record VersionInfo(String version, String buildDate) {
    private static final String RESOURCE = "/org/keepalived4j/daemon/version.properties";

    public static VersionInfo current() {
        Properties properties = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VersionInfo(properties.getProperty("version", "unknown"), properties.getProperty("build.date", "unknown"));
    }

    /** The first line, as keepalived's "Keepalived v2.2.7 (01/16,2022)". */
    public String headline() {
        return "keepalived4j v" + version + " (" + buildDate + ")";
    }

    /** The whole {@code -v} text. */
    public String banner() {
        return headline() + "\n\n"
                + "keepalived4j: keepalived's VRRP daemon rebuilt in Java; configuration and wire compatible with Keepalived 2.2.7\n"
                + "(Keepalived: Copyright(C) 2001-2022 Alexandre Cassen, <acassen@gmail.com>)\n\n"
                + "Running on " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " with Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n";
    }
}

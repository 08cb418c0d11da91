package org.keepalived4j.config.syntax;

/**
 * Settings that change how the text is read.
 *
 * @param configId the {@code -i/--config-id} that selects {@code @ID} lines; keepalived defaults it to the short host name
 * @param allIncludesRequired keepalived's {@code -e/--all-config}: every {@code include} behaves as {@code includea}
 */
public record ReadOptions(String configId, boolean allIncludesRequired) {
    public ReadOptions(String configId) {
        this(configId, false);
    }

    public static ReadOptions defaults() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        int dot = host.indexOf('.');
        return new ReadOptions(dot > 0 ? host.substring(0, dot) : host);
    }
}

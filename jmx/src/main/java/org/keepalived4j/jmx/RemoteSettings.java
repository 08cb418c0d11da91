package org.keepalived4j.jmx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import org.keepalived4j.management.ManagementSettings;

/**
 * The {@code jmx.remote.*} keys of the management settings file.
 *
 * @param address the one address the connector listens on ({@code jmx.remote.address}, default 127.0.0.1)
 * @param port the one port for both the RMI registry and the connector ({@code jmx.remote.port})
 * @param authenticate {@code jmx.remote.authenticate} (default true)
 * @param passwordFile {@code jmx.remote.password_file}: lines "user password", readable by its owner only
 * @param accessFile {@code jmx.remote.access_file}: lines "user readonly|readwrite"
 * @param ssl {@code jmx.remote.ssl}: TLS for registry and connector (key store from the javax.net.ssl.* properties)
 * @param sslNeedClientAuth {@code jmx.remote.ssl.need_client_auth}
 * @param keyStore {@code jmx.remote.ssl.keystore} (PKCS12 or JKS), null = the JVM default (javax.net.ssl.keyStore)
 * @param keyStorePassword {@code jmx.remote.ssl.keystore_password}
 * @param trustStore {@code jmx.remote.ssl.truststore} for client certificates, null = the JVM default
 * @param trustStorePassword {@code jmx.remote.ssl.truststore_password}
 */
public record RemoteSettings(InetAddress address, int port, boolean authenticate, Path passwordFile, Path accessFile,
                             boolean ssl, boolean sslNeedClientAuth, Path keyStore, String keyStorePassword,
                             Path trustStore, String trustStorePassword) {
    public static final String ENABLED = "jmx.remote.enabled";
    public static final String ADDRESS = "jmx.remote.address";
    public static final String PORT = "jmx.remote.port";
    public static final String AUTHENTICATE = "jmx.remote.authenticate";
    public static final String ALLOW_UNAUTHENTICATED = "jmx.remote.allow_unauthenticated";
    public static final String PASSWORD_FILE = "jmx.remote.password_file";
    public static final String ACCESS_FILE = "jmx.remote.access_file";
    public static final String SSL = "jmx.remote.ssl";
    public static final String SSL_NEED_CLIENT_AUTH = "jmx.remote.ssl.need_client_auth";
    public static final String SSL_KEYSTORE = "jmx.remote.ssl.keystore";
    public static final String SSL_KEYSTORE_PASSWORD = "jmx.remote.ssl.keystore_password";
    public static final String SSL_TRUSTSTORE = "jmx.remote.ssl.truststore";
    public static final String SSL_TRUSTSTORE_PASSWORD = "jmx.remote.ssl.truststore_password";

    /**
     * Empty when {@code jmx.remote.enabled} is not true. Refuses (IllegalArgumentException naming the key) a missing
     * port, missing files with authentication on, and authentication off unless the address is loopback and
     * {@code jmx.remote.allow_unauthenticated=true}.
     */
    public static Optional<RemoteSettings> from(ManagementSettings s) {
        if (!s.getBoolean(ENABLED, false)) {
            return Optional.empty();
        }
        InetAddress address;
        String literal = s.get(ADDRESS, "127.0.0.1");
        try {
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s.where(ADDRESS) + ": unknown address " + literal, e);
        }
        if (s.get(PORT).isEmpty()) {
            throw new IllegalArgumentException(s.where(PORT) + ": required when " + ENABLED + "=true");
        }
        int port = s.getInt(PORT, 0, 1, 65535);
        boolean authenticate = s.getBoolean(AUTHENTICATE, true);
        Path passwords = s.getPath(PASSWORD_FILE).orElse(null);
        Path access = s.getPath(ACCESS_FILE).orElse(null);
        if (authenticate) {
            if (passwords == null) {
                throw new IllegalArgumentException(s.where(PASSWORD_FILE) + ": required with authentication");
            }
            if (access == null) {
                throw new IllegalArgumentException(s.where(ACCESS_FILE) + ": required with authentication");
            }
        } else if (!address.isLoopbackAddress() || !s.getBoolean(ALLOW_UNAUTHENTICATED, false)) {
            throw new IllegalArgumentException(s.where(AUTHENTICATE) + "=false is refused unless " + ADDRESS
                    + " is a loopback address and " + ALLOW_UNAUTHENTICATED + "=true");
        }
        return Optional.of(new RemoteSettings(address, port, authenticate, passwords, access, s.getBoolean(SSL, false),
                s.getBoolean(SSL_NEED_CLIENT_AUTH, false), s.getPath(SSL_KEYSTORE).orElse(null),
                s.get(SSL_KEYSTORE_PASSWORD, ""), s.getPath(SSL_TRUSTSTORE).orElse(null),
                s.get(SSL_TRUSTSTORE_PASSWORD, "")));
    }
}

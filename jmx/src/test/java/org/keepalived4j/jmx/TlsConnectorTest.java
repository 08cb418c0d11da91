package org.keepalived4j.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.ManagementSettings;

/** The connector with TLS on registry and server (self-signed key made with keytool), on loopback. */
class TlsConnectorTest {
    @TempDir
    Path dir;

    private JmxRemoteConnector connector;

    @BeforeEach
    void start() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "k4j", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
        // the client side (this JVM's default SSLContext) trusts that key
        System.setProperty("javax.net.ssl.trustStore", keyStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        Path passwords = Files.writeString(dir.resolve("jmx.password"), "admin s3cret\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("jmx.access"), "admin readonly\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ManagementSettings settings = new ManagementSettings(dir.resolve("management.properties"), Map.of(
                "jmx.remote.enabled", "true", "jmx.remote.port", String.valueOf(port),
                "jmx.remote.password_file", "jmx.password", "jmx.remote.access_file", "jmx.access",
                "jmx.remote.ssl", "true", "jmx.remote.ssl.keystore", "server.p12",
                "jmx.remote.ssl.keystore_password", "changeit"));
        connector = JmxRemoteConnector.start(ManagementFactory.getPlatformMBeanServer(),
                RemoteSettings.from(settings).orElseThrow());
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }

    @Test
    void tlsClientConnectsAndPlainClientIsRefused() throws Exception {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"admin", "s3cret"});
        env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        try (JMXConnector c = JMXConnectorFactory.connect(connector.url(), env)) {
            Object vm = c.getMBeanServerConnection().getAttribute(new ObjectName("java.lang:type=Runtime"), "VmName");
            assertThat(vm).isEqualTo(System.getProperty("java.vm.name"));
        }
        Map<String, Object> plain = new HashMap<>();
        plain.put(JMXConnector.CREDENTIALS, new String[] {"admin", "s3cret"});
        assertThatThrownBy(() -> JMXConnectorFactory.connect(connector.url(), plain).close())
                .isInstanceOf(java.io.IOException.class);
    }
}

package org.keepalived4j.jmx;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The connector's TLS server socket factory: from the configured key/trust stores, else the JVM default. */
final class TlsContexts {
    private TlsContexts() {}

    static SSLServerSocketFactory serverSocketFactory(RemoteSettings s) throws IOException {
        if (s.keyStore() == null && s.trustStore() == null) {
            return (SSLServerSocketFactory) SSLServerSocketFactory.getDefault();
        }
        try {
            KeyManagerFactory kmf = null;
            if (s.keyStore() != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(s.keyStore(), s.keyStorePassword()), s.keyStorePassword().toCharArray());
            }
            TrustManagerFactory tmf = null;
            if (s.trustStore() != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(s.trustStore(), s.trustStorePassword()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context.getServerSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("JMX TLS set-up failed: " + e.getMessage(), e);
        }
    }

    /** PKCS12 or JKS, whichever the file is (KeyStore.getInstance(File) probes). */
    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        try {
            return KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException e) {
            throw new IOException("cannot read key store " + file + ": " + e.getMessage(), e);
        }
    }
}

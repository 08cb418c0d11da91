package org.keepalived4j.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The remote JMX connector: RMI registry and connector server on ONE port, bound to ONE address, with password and
 * access files and optional TLS. URL: {@code service:jmx:rmi://ADDR:PORT/jndi/rmi://ADDR:PORT/jmxrmi}.
 */
public final class JmxRemoteConnector implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(JmxRemoteConnector.class);

    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXServiceURL url;

    private JmxRemoteConnector(Registry registry, JMXConnectorServer server, JMXServiceURL url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    public static JmxRemoteConnector start(MBeanServer mbeans, RemoteSettings s) throws IOException {
        String host = s.address().getHostAddress();
        if (s.address().isAnyLocalAddress()) {
            LOG.warn("JMX connector on the wildcard address: stubs name {}", System.getProperty("java.rmi.server.hostname",
                    InetAddress.getLocalHost().getHostAddress()));
        } else if (System.getProperty("java.rmi.server.hostname") == null) {
            // RMI stubs carry this host name; it must be the address we listen on
            System.setProperty("java.rmi.server.hostname", host);
        }
        RMIServerSocketFactory ssf = new BoundServerSocketFactory(s.address(),
                s.ssl() ? TlsContexts.serverSocketFactory(s) : null, s.sslNeedClientAuth());
        RMIClientSocketFactory csf = s.ssl() ? new SslRMIClientSocketFactory() : null;
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, ssf);
        if (csf != null) {
            env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, csf);
        }
        // only plain credentials may be deserialized before authentication
        env.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(),
                String.class.getName()});
        if (s.authenticate()) {
            env.put(JMXConnectorServer.AUTHENTICATOR, new FileAuthenticator(s.passwordFile()));
        }
        Registry registry = LocateRegistry.createRegistry(s.port(), csf, ssf);
        String hostInUrl = s.address() instanceof java.net.Inet6Address ? "[" + host + "]" : host;
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + hostInUrl + ":" + s.port() + "/jndi/rmi://"
                + hostInUrl + ":" + s.port() + "/jmxrmi");
        try {
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(s.port(), csf, ssf, env);
            // an address without /jndi/: the server must not bind itself over the network (that fails with TLS);
            // the stub goes into our registry object directly below
            JMXConnectorServer server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + hostInUrl
                    + ":" + s.port()), env, rmiServer, mbeans);
            if (s.authenticate()) {
                server.setMBeanServerForwarder(AccessControl.forwarder(s.accessFile()));
            }
            server.start();
            registry.rebind("jmxrmi", rmiServer.toStub());
            LOG.info("JMX connector listening on {} ({}{})", url, s.authenticate() ? "password and access files"
                    : "NO authentication, loopback only", s.ssl() ? ", TLS" : "");
            return new JmxRemoteConnector(registry, server, url);
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
    }

    public JMXServiceURL url() {
        return url;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("JMX connector stop: {}", e.toString());
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // already gone
        }
    }

    /**
     * Listens on one address; equal instances let RMI share the one port between registry and connector.
     */
    private static final class BoundServerSocketFactory implements RMIServerSocketFactory {
        private final InetAddress address;
        private final SSLServerSocketFactory tls;
        private final boolean needClientAuth;

        /** @param tls null = plain TCP */
        BoundServerSocketFactory(InetAddress address, SSLServerSocketFactory tls, boolean needClientAuth) {
            this.address = address;
            this.tls = tls;
            this.needClientAuth = needClientAuth;
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            if (tls == null) {
                return new ServerSocket(port, 50, address);
            }
            SSLServerSocket socket = (SSLServerSocket) tls.createServerSocket(port, 50, address);
            socket.setNeedClientAuth(needClientAuth);
            return socket;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoundServerSocketFactory f && f.address.equals(address) && f.tls == tls
                    && f.needClientAuth == needClientAuth;
        }

        @Override
        public int hashCode() {
            return Objects.hash(address, tls == null, needClientAuth);
        }
    }
}

package org.keepalived4j.jmx;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.AccessController;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Roles from an access file ("user readonly|readwrite"): readonly may read attributes, query and listen; everything
 * else (setAttribute, invoke, register ...) needs readwrite. Users not in the file may do nothing.
 */
final class AccessControl implements InvocationHandler {
    private static final Logger LOG = LogManager.getLogger(AccessControl.class);
    private static final Set<String> READ = Set.of("getAttribute", "getAttributes", "getMBeanInfo",
            "getObjectInstance", "queryMBeans", "queryNames", "isRegistered", "isInstanceOf", "getMBeanCount",
            "getDefaultDomain", "getDomains", "addNotificationListener", "removeNotificationListener");

    enum Role { READONLY, READWRITE }

    private final Map<String, Role> roles;
    private MBeanServer target;

    private AccessControl(Map<String, Role> roles) {
        this.roles = roles;
    }

    static MBeanServerForwarder forwarder(Path accessFile) throws IOException {
        Map<String, Role> roles = new HashMap<>();
        for (String[] f : PasswordFiles.entries(accessFile)) {
            switch (f[1]) {
                case "readonly" -> roles.put(f[0], Role.READONLY);
                case "readwrite" -> roles.put(f[0], Role.READWRITE);
                default -> throw new IOException(accessFile + ": role of " + f[0] + " must be readonly or readwrite, got "
                        + f[1]);
            }
        }
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new AccessControl(roles));
    }

    @SuppressWarnings("removal")
    private static Subject currentSubject() {
        return Subject.getSubject(AccessController.getContext());
    }

    private static String name(Subject s) {
        Set<JMXPrincipal> p = s.getPrincipals(JMXPrincipal.class);
        return p.isEmpty() ? null : p.iterator().next().getName();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getMBeanServer":
                return target;
            case "setMBeanServer":
                target = (MBeanServer) args[0];
                return null;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "JMX access control";
            default:
                break;
        }
        Subject subject = currentSubject();
        if (subject == null) {
            // not a client call: the connector itself (e.g. getClassLoaderRepository while a connection is set up);
            // with authentication on, every client call runs with its authenticated Subject
            return forward(method, args);
        }
        String user = name(subject);
        Role role = user == null ? null : roles.get(user);
        boolean read = READ.contains(method.getName());
        if (role == null || (!read && role != Role.READWRITE)) {
            LOG.warn("JMX access denied: {} ({}) may not {}{}", user, role == null ? "no role" : role,
                    method.getName(), args != null && args.length > 0 ? " " + args[0] : "");
            throw new SecurityException("Access denied: " + user + " has "
                    + (role == null ? "no role" : role.name().toLowerCase(java.util.Locale.ROOT) + " access") + ", "
                    + method.getName() + " needs " + (read ? "readonly" : "readwrite"));
        }
        return forward(method, args);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

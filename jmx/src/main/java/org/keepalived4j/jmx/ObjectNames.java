package org.keepalived4j.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The naming convention: domain {@value #DOMAIN}, key {@code type} = what it is (VrrpInstance, VrrpSyncGroup,
 * VrrpScript, TrackedFile, Daemon; later VirtualServer, RealServer), key {@code name} = its configured name, quoted
 * (ObjectName.quote) only when it contains characters ObjectName reserves.
 */
public final class ObjectNames {
    public static final String DOMAIN = "keepalived4j";

    private ObjectNames() {}

    public static ObjectName daemon() {
        return of("type=Daemon");
    }

    public static ObjectName of(String type, String name) {
        return of("type=" + type + ",name=" + value(name));
    }

    public static ObjectName instance(String name) {
        return of("VrrpInstance", name);
    }

    private static String value(String name) {
        return name.matches("[A-Za-z0-9_.\\-/@+#%&~^!;|'{}\\[\\]() ]*") && !name.isEmpty() ? name : ObjectName.quote(name);
    }

    private static ObjectName of(String keys) {
        try {
            return new ObjectName(DOMAIN + ":" + keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad object name keys " + keys, e);
        }
    }
}

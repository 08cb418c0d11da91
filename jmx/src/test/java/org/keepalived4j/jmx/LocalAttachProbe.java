package org.keepalived4j.jmx;

import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A local JMX client as jconsole is one: attaches to a JVM by PID, has it start its local management agent, connects
 * to the address the agent returns and prints one attribute. Run in the target's network namespace (the agent's
 * address is its loopback). Arguments: PID OBJECT_NAME ATTRIBUTE.
 */
public final class LocalAttachProbe {
    private LocalAttachProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalAttachProbe PID OBJECT_NAME ATTRIBUTE");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            System.out.println(server.getAttribute(new ObjectName(args[1]), args[2]));
        }
    }
}

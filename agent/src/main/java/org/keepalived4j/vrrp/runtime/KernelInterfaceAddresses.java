package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.util.Optional;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.Rtnl;

/** {@link VrrpSettingsMapper.InterfaceAddresses} read over rtnetlink in the calling thread's namespace. */
final class KernelInterfaceAddresses implements VrrpSettingsMapper.InterfaceAddresses, AutoCloseable {
    private final Rtnl rtnl;

    KernelInterfaceAddresses() throws NativeCallException {
        this.rtnl = Rtnl.open();
    }

    @Override
    public boolean exists(String ifName) {
        try {
            Interfaces.index(ifName);
            return true;
        } catch (NativeCallException e) {
            return false;
        }
    }

    @Override
    public Optional<InetAddress> primaryIpv4(String ifName) {
        try {
            return rtnl.addresses().primaryIpv4(ifName).map(a -> a);
        } catch (NativeCallException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<InetAddress> linkLocalIpv6(String ifName) {
        try {
            return rtnl.addresses().linkLocalIpv6(ifName).map(a -> a);
        } catch (NativeCallException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        rtnl.close();
    }
}

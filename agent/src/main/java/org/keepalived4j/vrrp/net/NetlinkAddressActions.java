package org.keepalived4j.vrrp.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.arp.GratuitousArp;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.nd.UnsolicitedNeighborAdvert;
import org.keepalived4j.sys.Errno;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.PacketSocket;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.vrrp.AnnounceReason;
import org.keepalived4j.vrrp.VirtualAddressActions;

/**
 * {@link VirtualAddressActions} of one instance over rtnetlink and AF_PACKET: VIPs are added and removed with their
 * prefix, broadcast, scope and label on their device; announcements are gratuitous ARPs (IPv4) and unsolicited NAs
 * (IPv6) sourced from the device's MAC (the VMAC with use_vmac). All kernel work runs on the {@link KernelWorker},
 * in order, so the VRRP loop never blocks on netlink.
 */
public final class NetlinkAddressActions implements VirtualAddressActions, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(NetlinkAddressActions.class);

    private final String instance;
    private final Rtnl rtnl;
    private final KernelWorker worker;
    private final Map<InetAddress, Placed> vips = new LinkedHashMap<>();
    private final Map<String, Device> devices = new HashMap<>();
    private final AnnouncePacer.Member paced;

    /** A VIP with its resolved device. */
    private record Placed(VirtualAddress vip, Device device) {
    }

    /** An interface VIPs live on, with what announcing from it needs (one send-only packet socket, ARP and NA). */
    private record Device(String name, int index, byte[] mac, boolean forwardingV6, PacketSocket link) {
    }

    /**
     * Resolves every device in the calling thread's namespace and opens the packet sockets for announcements.
     *
     * @param addresses the VIPs (the instance's family, first) then the excluded addresses
     * @param defaultDevice the instance's interface, or its VMAC with use_vmac
     * @param vmacParent with use_vmac the VMAC's parent (announcements on the VMAC count against the parent's
     *                   garp/gna interval, as in keepalived), else null
     * @param pacer the loop's vrrp_garp_interval / vrrp_gna_interval limits
     */
    public NetlinkAddressActions(String instance, Rtnl rtnl, KernelWorker worker, List<VirtualAddress> addresses,
                                 String defaultDevice, String vmacParent, AnnouncePacer pacer)
            throws NativeCallException {
        this.instance = instance;
        this.rtnl = rtnl;
        this.worker = worker;
        try {
            boolean instanceIpv4 = !addresses.isEmpty() && addresses.get(0).address() instanceof Inet4Address;
            for (VirtualAddress vip : addresses) {
                String name = vip.device() != null ? vip.device() : defaultDevice;
                if (vmacParent != null && name.equals(vmacParent)
                        && (vip.address() instanceof Inet4Address) == instanceIpv4) {
                    name = defaultDevice; // keepalived moves the instance family's addresses off the parent too
                }
                Device device = devices.get(name);
                if (device == null) {
                    device = open(name);
                    devices.put(name, device);
                }
                vips.put(vip.address(), new Placed(vip, device));
            }
        } catch (NativeCallException | RuntimeException e) {
            close();
            throw e;
        }
        Map<InetAddress, String> baseInterfaceOf = new LinkedHashMap<>();
        vips.forEach((a, p) -> baseInterfaceOf.put(a, vmacParent != null && p.device.name.equals(defaultDevice)
                ? vmacParent : p.device.name));
        this.paced = pacer.register(baseInterfaceOf, this::sendNow);
    }

    private Device open(String name) throws NativeCallException {
        int index = Interfaces.index(name);
        byte[] mac = rtnl.links().mac(name);
        return new Device(name, index, mac, forwarding(name), PacketSocket.openSender(index, name));
    }

    /** RFC 4861 R flag: keepalived sets it when the interface forwards IPv6. Read in the caller's namespace. */
    private static boolean forwarding(String name) {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv6/conf", name, "forwarding")).trim().equals("1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void install(List<InetAddress> addresses) {
        List<InetAddress> copy = List.copyOf(addresses);
        worker.submit("(" + instance + ") adding VIPs", () -> {
            for (InetAddress a : copy) {
                Placed p = vips.get(a);
                if (p != null) {
                    add(p);
                }
            }
        });
    }

    private void add(Placed p) {
        try {
            rtnl.addresses().add(message(p), p.device.name);
        } catch (NativeCallException e) {
            if (e.errno() != Errno.EEXIST) {
                LOG.error("({}) cannot add {} to {}: {}", instance, p.vip.text(), p.device.name, e.getMessage());
            }
        }
    }

    @Override
    public void remove(List<InetAddress> addresses, boolean atStartup) {
        paced.cancel(addresses);
        List<InetAddress> copy = List.copyOf(addresses);
        worker.submit("(" + instance + ") removing VIPs", () -> {
            for (InetAddress a : copy) {
                Placed p = vips.get(a);
                if (p != null) {
                    delete(p, atStartup);
                }
            }
        });
    }

    private void delete(Placed p, boolean atStartup) {
        try {
            rtnl.addresses().delete(message(p), p.device.name);
        } catch (NativeCallException e) {
            boolean absent = e.errno() == Errno.EADDRNOTAVAIL || e.errno() == Errno.ENOENT || e.errno() == Errno.ENODEV;
            if (!absent) {
                LOG.error("({}) cannot remove {} from {}: {}", instance, p.vip.text(), p.device.name, e.getMessage());
            } else if (!atStartup) {
                LOG.debug("({}) {} was not on {}", instance, p.vip.text(), p.device.name);
            }
        }
    }

    private static AddressMessage message(Placed p) {
        return p.vip.message(p.device.index);
    }

    @Override
    public void announce(List<InetAddress> addresses, int count, AnnounceReason reason) {
        if (count <= 0) {
            return;
        }
        paced.announce(addresses, count);
    }

    /** Loop thread: the pacer let these messages go (in order); the worker sends them. */
    private void sendNow(List<InetAddress> addresses) {
        List<Placed> out = new ArrayList<>(addresses.size());
        for (InetAddress a : addresses) {
            Placed p = vips.get(a);
            if (p != null) {
                out.add(p);
            }
        }
        worker.submit("(" + instance + ") announcing VIPs", () -> out.forEach(this::send));
    }

    private void send(Placed p) {
        Device d = p.device;
        try {
            if (p.vip.address() instanceof Inet4Address v4) {
                ByteBuffer frame = ByteBuffer.allocate(GratuitousArp.FRAME_LENGTH);
                GratuitousArp.write(frame, d.mac, v4);
                d.link.send(frame.array());
            } else {
                ByteBuffer frame = ByteBuffer.allocate(UnsolicitedNeighborAdvert.FRAME_LENGTH);
                UnsolicitedNeighborAdvert.write(frame, d.mac, (Inet6Address) p.vip.address(), d.forwardingV6);
                d.link.send(frame.array());
            }
        } catch (NativeCallException e) {
            LOG.warn("({}) cannot announce {} on {}: {}", instance, p.vip.text(), d.name, e.getMessage());
        }
    }

    /** Closes the packet sockets; the caller drains the worker first. */
    @Override
    public void close() {
        for (Device d : devices.values()) {
            d.link.close();
        }
    }
}

package org.keepalived4j.sys;

/**
 * One NETLINK_ROUTE request socket with the link, address and route operations on it, in the namespace of the
 * thread that opened it. Thread-safe (requests are serialised on the socket).
 */
public final class Rtnl implements AutoCloseable {
    private final NetlinkSocket socket;
    private final LinkOps links;
    private final AddressOps addresses;
    private final RouteOps routes;

    private Rtnl(NetlinkSocket socket) {
        this.socket = socket;
        this.links = new LinkOps(socket);
        this.addresses = new AddressOps(socket);
        this.routes = new RouteOps(socket);
    }

    public static Rtnl open() throws NativeCallException {
        return new Rtnl(NetlinkSocket.open(Linux.NETLINK_ROUTE));
    }

    public LinkOps links() {
        return links;
    }

    public AddressOps addresses() {
        return addresses;
    }

    public RouteOps routes() {
        return routes;
    }

    public NetlinkSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.close();
    }
}

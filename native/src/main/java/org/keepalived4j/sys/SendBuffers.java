package org.keepalived4j.sys;

import jnr.ffi.Pointer;

/**
 * Native copies of an outgoing packet and its destination sockaddr, kept for the socket's life and grown when a
 * larger packet comes. Not thread-safe: the socket sends under a lock on this.
 */
final class SendBuffers {
    private Pointer packet = Native.allocate(512);
    private final Pointer address = Native.allocate(NativeStructs.SOCKADDR_STORAGE_SIZE);

    Pointer packet(byte[] bytes) {
        if (packet.size() < bytes.length) {
            packet = Native.allocate(Math.max(bytes.length, (int) packet.size() * 2));
        }
        packet.put(0, bytes, 0, bytes.length);
        return packet;
    }

    Pointer address(byte[] sockaddr) {
        address.put(0, sockaddr, 0, sockaddr.length);
        return address;
    }
}

package org.keepalived4j.sys;

import java.nio.file.Files;
import java.nio.file.Path;

/** Moves the calling thread into a named network namespace ({@code ip netns} convention: /var/run/netns/NAME). */
public final class NetworkNamespaces {
    private NetworkNamespaces() {
    }

    /**
     * setns(CLONE_NEWNET) for the calling thread only; sockets it creates afterwards live in that namespace.
     * Use a dedicated thread: it cannot be moved back cheaply and pooled threads must not carry a namespace.
     */
    public static void enterCurrentThread(String name) throws NativeCallException {
        Path path = Path.of("/var/run/netns", name);
        if (!Files.exists(path)) {
            throw new NativeCallException("open(" + path + ")", Errno.ENOENT, "network namespace " + name + " does not exist");
        }
        LibC c = Native.libc();
        int fd = c.open(path.toString(), Linux.O_RDONLY | Linux.O_CLOEXEC);
        if (fd < 0) {
            throw NativeCallException.last("open(" + path + ")", null);
        }
        try {
            if (c.setns(fd, Linux.CLONE_NEWNET) != 0) {
                throw NativeCallException.last("setns(" + name + ", CLONE_NEWNET)", null);
            }
        } finally {
            c.close(fd);
        }
    }
}

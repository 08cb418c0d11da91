package org.keepalived4j.sys;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/** Interface name/index lookups in the calling thread's network namespace. */
public final class Interfaces {
    private Interfaces() {
    }

    /** if_nametoindex; a missing interface gives "if_nametoindex(nosuch0): ENODEV: No such device - interface nosuch0 does not exist". */
    public static int index(String name) throws NativeCallException {
        if (name == null || name.isEmpty() || name.length() >= 16) {
            throw new NativeCallException("if_nametoindex(" + name + ")", Errno.EINVAL,
                    "interface names are 1 to 15 characters");
        }
        int idx = Native.libc().if_nametoindex(name);
        if (idx == 0) {
            int errno = Native.errno();
            throw NativeCallException.of("if_nametoindex(" + name + ")", errno == 0 ? Errno.ENODEV : errno,
                    "interface " + name + " does not exist");
        }
        return idx;
    }

    /** if_indextoname; ENXIO/ENODEV when no interface has that index. */
    public static String name(int index) throws NativeCallException {
        Pointer buf = Native.allocate(16);
        Pointer r = Native.libc().if_indextoname(index, buf);
        if (r == null) {
            throw NativeCallException.of("if_indextoname(" + index + ")", Native.errno(), "no interface has index " + index);
        }
        byte[] b = Native.read(buf, 0, 16);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }
}

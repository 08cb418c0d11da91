package org.keepalived4j.sys;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** The loaded libc binding, its runtime (for errno and memory) and small memory helpers. */
public final class Native {
    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Native() {
    }

    public static LibC libc() {
        return Holder.LIBC;
    }

    public static Runtime runtime() {
        return Holder.RUNTIME;
    }

    /** errno as saved by jnr-ffi after the last call on this thread. */
    public static int errno() {
        return Holder.RUNTIME.getLastError();
    }

    /** Zeroed native memory; its lifetime is GC managed, keep the reference while the kernel may use it. */
    public static Pointer allocate(int size) {
        return Memory.allocateDirect(Holder.RUNTIME, Math.max(size, 1), true);
    }

    /** A zeroed native copy of {@code bytes}. */
    public static Pointer copyOf(byte[] bytes) {
        Pointer p = allocate(bytes.length);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }

    public static byte[] read(Pointer p, int offset, int len) {
        byte[] out = new byte[len];
        p.get(offset, out, 0, len);
        return out;
    }

    /** A native int holding {@code value} (for socket options). */
    public static Pointer intValue(int value) {
        Pointer p = allocate(4);
        p.putInt(0, value);
        return p;
    }
}

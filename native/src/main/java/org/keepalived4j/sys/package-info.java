/**
 * Thin jnr-ffi system calls for keepalived4j: raw IP sockets (VRRP 112, AH 51), AF_PACKET frames, rtnetlink
 * requests and events, and small link/address/route operations on top. Every socket lives in the network namespace
 * of the thread that opened it. Failures throw {@link org.keepalived4j.sys.NativeCallException} naming the call, the
 * interface or address, and the errno. Assumes 64-bit Linux (x86_64, aarch64) structure layouts.
 */
package org.keepalived4j.sys;

/**
 * Pure-Java rtnetlink and generic netlink codec: nlmsghdr, nlmsgerr, rtattr (nested, 4-byte aligned), ifinfomsg,
 * ifaddrmsg, rtmsg, fib_rule_hdr, macvlan creation, CTRL_CMD_GETFAMILY. Headers are in host byte order, addresses in
 * network order. Decoders return {@link org.keepalived4j.codec.netlink.Decoded} and never throw on malformed input.
 */
package org.keepalived4j.codec.netlink;

package org.keepalived4j.codec.netlink;

/** One route attribute (struct rtattr / nlattr): the type without the NESTED/NET_BYTEORDER flag bits, and the value. */
public record RtAttribute(int type, boolean nestedFlag, byte[] value) {
    public RtAttribute {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }
}

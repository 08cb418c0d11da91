package org.keepalived4j.vrrp;

/** Errors the wire codec finds before an advert exists; reported to the engine only for counting and logging. */
public enum MalformedKind {
    CHECKSUM, VERSION, INVALID_TYPE, PACKET_LENGTH
}

package org.keepalived4j.codec.ip;

/** Outcome of parsing an IPv4 header: the header, or what is wrong and at which byte. */
public sealed interface Ipv4ParseResult {
    /** What can be wrong with a received IPv4 header. */
    enum Problem { TRUNCATED, BAD_HEADER, BAD_HEADER_CHECKSUM, TOTAL_LENGTH_MISMATCH }

    record Parsed(Ipv4Header header) implements Ipv4ParseResult {
    }

    /** @param offset absolute index of the offending byte in the input */
    record Malformed(Problem problem, int offset, String detail) implements Ipv4ParseResult {
    }
}

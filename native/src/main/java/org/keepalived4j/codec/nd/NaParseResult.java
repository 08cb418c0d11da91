package org.keepalived4j.codec.nd;

/** Outcome of parsing a Neighbor Advertisement frame: the packet, or what is wrong and at which byte. */
public sealed interface NaParseResult {
    record Parsed(NeighborAdvert packet) implements NaParseResult {
    }

    record Malformed(int offset, String detail) implements NaParseResult {
    }
}

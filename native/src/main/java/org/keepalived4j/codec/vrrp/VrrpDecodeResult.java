package org.keepalived4j.codec.vrrp;

/** Outcome of decoding a received VRRP packet: the advertisement, or what is wrong and where. */
public sealed interface VrrpDecodeResult {

    record Decoded(ReceivedVrrp packet) implements VrrpDecodeResult {
    }

    /**
     * @param error the reason, which names the statistics counter to increment
     * @param offset index of the offending byte relative to the start of the input given to the decoder
     * @param detail a readable explanation with the values found
     */
    record Rejected(VrrpDecodeError error, int offset, String detail) implements VrrpDecodeResult {
        @Override
        public String toString() {
            return error + " at byte " + offset + ": " + detail;
        }
    }
}

package org.keepalived4j.codec.nd;

import java.net.Inet6Address;
import java.util.Arrays;

/**
 * A parsed Neighbor Advertisement frame.
 *
 * @param flags the R (0x80), S (0x40), O (0x20) bits
 * @param targetLinkLayerAddress the Target Link-Layer Address option, or null if absent
 */
public record NeighborAdvert(byte[] ethernetSource, int hopLimit, Inet6Address source, Inet6Address destination,
                             int flags, Inet6Address target, byte[] targetLinkLayerAddress, boolean checksumValid) {
    public NeighborAdvert {
        ethernetSource = ethernetSource.clone();
        targetLinkLayerAddress = targetLinkLayerAddress == null ? null : targetLinkLayerAddress.clone();
    }

    @Override
    public byte[] ethernetSource() {
        return ethernetSource.clone();
    }

    @Override
    public byte[] targetLinkLayerAddress() {
        return targetLinkLayerAddress == null ? null : targetLinkLayerAddress.clone();
    }

    public boolean router() {
        return (flags & UnsolicitedNeighborAdvert.FLAG_ROUTER) != 0;
    }

    public boolean solicited() {
        return (flags & UnsolicitedNeighborAdvert.FLAG_SOLICITED) != 0;
    }

    public boolean override() {
        return (flags & UnsolicitedNeighborAdvert.FLAG_OVERRIDE) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighborAdvert n && hopLimit == n.hopLimit && flags == n.flags
                && checksumValid == n.checksumValid && Arrays.equals(ethernetSource, n.ethernetSource)
                && source.equals(n.source) && destination.equals(n.destination) && target.equals(n.target)
                && Arrays.equals(targetLinkLayerAddress, n.targetLinkLayerAddress);
    }

    @Override
    public int hashCode() {
        return (target.hashCode() * 31 + flags) * 31 + source.hashCode();
    }
}

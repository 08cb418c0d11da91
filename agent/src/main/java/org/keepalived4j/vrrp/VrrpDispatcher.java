package org.keepalived4j.vrrp;

import java.net.InetAddress;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.vrrp.loop.EventLoop;

/**
 * Routes the adverts of one receive socket (interface + family) to the router of their VRID and keeps the
 * router-wide counters of VRRP-MIB / VRRPv3-MIB (vrrpRouterChecksumErrors, vrrpRouterVersionErrors,
 * vrrpRouterVrIdErrors). Loop thread only; counters are readable from any thread.
 */
public final class VrrpDispatcher {
    private static final Logger LOG = LogManager.getLogger(VrrpDispatcher.class);

    private final VrrpRouter[] byVrid = new VrrpRouter[256];
    private final RateLimitedLog rateLimitedLog;
    private volatile long checksumErrors;
    private volatile long versionErrors;
    private volatile long vridErrors;

    public VrrpDispatcher(EventLoop loop) {
        this.rateLimitedLog = new RateLimitedLog(LOG, loop.clock(), 1_000_000_000L);
    }

    public void register(VrrpRouter router) {
        int vrid = router.settings().virtualRouterId();
        if (byVrid[vrid] != null && byVrid[vrid] != router) {
            throw new IllegalArgumentException("VRID " + vrid + " already used by " + byVrid[vrid].name());
        }
        byVrid[vrid] = router;
    }

    public void unregister(VrrpRouter router) {
        int vrid = router.settings().virtualRouterId();
        if (byVrid[vrid] == router) {
            byVrid[vrid] = null;
        }
    }

    public VrrpRouter router(int vrid) {
        return vrid >= 1 && vrid <= 255 ? byVrid[vrid] : null;
    }

    public void deliver(ReceivedAdvert in) {
        int vrid = in.advert().virtualRouterId();
        VrrpRouter router = router(vrid);
        if (router == null) {
            vridErrors = vridErrors + 1;
            rateLimitedLog.log(Level.DEBUG, "vrid", "advert for VRID " + vrid + " from "
                    + in.source().getHostAddress() + " matches no instance - ignored");
            return;
        }
        if (in.advert().version() != router.settings().version()) {
            versionErrors = versionErrors + 1;
            router.noteRejected(RejectReason.VERSION, in, "VRRPv" + in.advert().version());
            return;
        }
        router.receive(in);
    }

    /** A packet the codec could not decode; {@code vrid} is -1 when not even that was readable. */
    public void reportMalformed(int vrid, MalformedKind kind, InetAddress source, String detail) {
        if (kind == MalformedKind.CHECKSUM) {
            checksumErrors = checksumErrors + 1;
        } else if (kind == MalformedKind.VERSION) {
            versionErrors = versionErrors + 1;
        }
        VrrpRouter router = router(vrid);
        if (router != null) {
            router.reportMalformed(kind, source, detail);
        } else {
            rateLimitedLog.log(Level.WARN, kind, "malformed VRRP packet from "
                    + (source == null ? "?" : source.getHostAddress()) + ": " + detail);
        }
    }

    public long checksumErrors() {
        return checksumErrors;
    }

    public long versionErrors() {
        return versionErrors;
    }

    public long vridErrors() {
        return vridErrors;
    }
}

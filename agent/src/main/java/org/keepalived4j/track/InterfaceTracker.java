package org.keepalived4j.track;

import java.util.HashMap;
import java.util.Map;
import org.keepalived4j.vrrp.loop.EventLoop;

/** The track_interface objects: one {@link TrackSource} per interface name, following a {@link LinkStateSource}. */
public final class InterfaceTracker {
    private final EventLoop loop;
    private final LinkStateSource links;
    private final Map<String, TrackSource> sources = new HashMap<>();

    public InterfaceTracker(EventLoop loop, LinkStateSource links) {
        this.loop = loop;
        this.links = links;
        links.addListener((name, up) -> loop.execute(() -> update(name, up)));
    }

    /** The source for {@code interfaceName}, created with the current link state (loop thread). */
    public TrackSource source(String interfaceName) {
        return sources.computeIfAbsent(interfaceName, name -> TrackSource.binary(TrackSource.Kind.INTERFACE, name,
                links.isUp(name).orElse(false) ? TrackSource.Status.UP : TrackSource.Status.DOWN));
    }

    private void update(String name, boolean up) {
        TrackSource s = sources.get(name);
        if (s != null) {
            s.setStatus(up ? TrackSource.Status.UP : TrackSource.Status.DOWN);
        }
    }
}

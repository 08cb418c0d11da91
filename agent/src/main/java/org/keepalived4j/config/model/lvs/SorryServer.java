package org.keepalived4j.config.model.lvs;

import java.net.InetAddress;

/**
 * The server put into the pool while the quorum is lost.
 *
 * @param port 0 when written without a port; for DR equal to the virtual server's port
 * @param inhibit {@code sorry_server_inhibit}: set weight 0 instead of removing it
 * @param forwarding {@code sorry_server_lvs_method}, default the virtual server's
 */
public record SorryServer(InetAddress address, int port, boolean inhibit, ForwardingMethod forwarding) {}

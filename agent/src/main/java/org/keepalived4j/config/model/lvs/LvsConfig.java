package org.keepalived4j.config.model.lvs;

/** virtual_server_group, virtual_server, real_server and the health checkers. */
public record LvsConfig() {}

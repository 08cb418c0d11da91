package org.keepalived4j.config.model.lvs;

import java.util.Optional;

/** The top-level {@code SSL { }} block used by SSL_GET; all empty: keepalived generates a context. */
public record SslConfig(Optional<String> password, Optional<String> caFile, Optional<String> certificateFile,
        Optional<String> keyFile) {}

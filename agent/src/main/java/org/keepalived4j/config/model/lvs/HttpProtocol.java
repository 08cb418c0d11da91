package org.keepalived4j.config.model.lvs;

import java.util.Optional;

/** {@code http_protocol} of HTTP_GET/SSL_GET: 1.0C is 1.0 plus "Connection: close". */
public enum HttpProtocol {
    HTTP_1_0("1.0"), HTTP_1_0C("1.0C"), HTTP_1_1("1.1");

    private final String keyword;

    HttpProtocol(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** keepalived compares case-insensitively (1.0c is accepted). */
    public static Optional<HttpProtocol> fromKeyword(String text) {
        for (HttpProtocol p : values()) {
            if (p.keyword.equalsIgnoreCase(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

package org.keepalived4j.config.model.lvs;

import java.util.List;
import java.util.Optional;

/**
 * One {@code url { }} of HTTP_GET/SSL_GET.
 *
 * @param digest expected MD5 of the body as 32 lower-case hex digits, when configured
 * @param statusCodes accepted status codes (default 200-299)
 * @param virtualhost effective Host header: the url's own, else the checker's, real server's or virtual server's
 */
public record UrlCheck(String path, Optional<String> digest, List<StatusCodeRange> statusCodes, Optional<String> virtualhost) {
    public UrlCheck {
        statusCodes = List.copyOf(statusCodes);
    }

    public boolean accepts(int statusCode) {
        return statusCodes.stream().anyMatch(r -> r.contains(statusCode));
    }
}

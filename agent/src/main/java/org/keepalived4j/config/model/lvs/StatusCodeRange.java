package org.keepalived4j.config.model.lvs;

/** An inclusive range of HTTP status codes ({@code 200} or {@code 200-299}). */
public record StatusCodeRange(int first, int last) {
    public StatusCodeRange {
        if (first < 100 || last > 599 || first > last) {
            throw new IllegalArgumentException("bad status code range " + first + "-" + last);
        }
    }

    public boolean contains(int code) {
        return code >= first && code <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}

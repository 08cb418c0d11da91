package org.keepalived4j.daemon;

import java.util.List;

/** The command line could not be understood; each message is one line for stderr, worded as keepalived words it. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> messages;

    public UsageException(List<String> messages) {
        super(String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}

package org.keepalived4j.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a script runs as. Java cannot setuid(), so a script for another user is started through
 * {@code setpriv --reuid USER --regid GROUP --init-groups --} (util-linux; needs root, which keepalived also needs).
 * A script for the daemon's own user (or when no user is named) is started directly.
 *
 * @param user empty: the daemon's user
 * @param group empty: the user's primary group
 */
public record RunAs(Optional<String> user, Optional<String> group) {
    public static final RunAs DAEMON = new RunAs(Optional.empty(), Optional.empty());

    /** The argv prefix that switches to this user, empty when no switch is needed. */
    public List<String> prefix(String currentUser) {
        if (user.isEmpty() || user.get().equals(currentUser)) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid", user.get()));
        if (group.isPresent()) {
            argv.add("--regid");
            argv.add(group.get());
            argv.add("--clear-groups");
        } else {
            argv.add("--regid");
            argv.add(primaryGroupOf(user.get()));
            argv.add("--init-groups");
        }
        argv.add("--");
        return argv;
    }

    /** setpriv needs a group for --regid; --init-groups only sets the supplementary ones. */
    private static String primaryGroupOf(String user) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    return f[3];
                }
            }
        } catch (java.io.IOException e) {
            // fall through: setpriv reports the unknown user
        }
        return user;
    }
}

package org.keepalived4j.config;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine facts that validation depends on (which interfaces exist, which files). Findings that
 * depend on them are reported as keepalived reports them; tests pass a fixed environment or run in a
 * namespace where the interfaces exist.
 */
public interface HostEnvironment {
    boolean interfaceExists(String name);

    boolean isExecutableFile(Path path);

    /**
     * Script security (keepalived's enable_script_security): true when the file or a directory above
     * it can be written by someone other than root (not owned by root, or group/other writable).
     */
    default boolean isWritableByNonRoot(Path path) {
        try {
            for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
                if (!Files.exists(p)) {
                    return false;
                }
                java.nio.file.attribute.PosixFileAttributes a =
                        Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class);
                java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = a.permissions();
                boolean sticky = false;
                Object mode = Files.getAttribute(p, "unix:mode");
                if (mode instanceof Integer m) {
                    sticky = (m & 01000) != 0;
                }
                if (!a.owner().getName().equals("root")
                        || (perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE) && !a.group().getName().equals("root"))
                        || (perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE) && !sticky)) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a local user of that name exists (keepalived's default script user keepalived_script). */
    default boolean userExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The machine this process runs on. */
    static HostEnvironment system() {
        return new HostEnvironment() {
            @Override
            public boolean interfaceExists(String name) {
                try {
                    return NetworkInterface.getByName(name) != null;
                } catch (SocketException e) {
                    return false;
                }
            }

            @Override
            public boolean isExecutableFile(Path path) {
                return Files.isRegularFile(path) && Files.isExecutable(path);
            }
        };
    }

    /** Every interface and file exists: for checks that must not depend on the machine. */
    static HostEnvironment permissive() {
        return new PermissiveHostEnvironment();
    }
}

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
        return new HostEnvironment() {
            @Override
            public boolean interfaceExists(String name) {
                return true;
            }

            @Override
            public boolean isExecutableFile(Path path) {
                return true;
            }
        };
    }
}

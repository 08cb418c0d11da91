package org.keepalived4j.config;

import java.nio.file.Path;

/**
 * {@link HostEnvironment#permissive()}: every interface, file and user exists and no script is unsafe. Not final so
 * that tests in this package can narrow one fact (which interfaces exist) and keep the rest.
 */
class PermissiveHostEnvironment implements HostEnvironment {
    @Override
    public boolean interfaceExists(String name) {
        return true;
    }

    @Override
    public boolean isExecutableFile(Path path) {
        return true;
    }

    @Override
    public boolean isWritableByNonRoot(Path path) {
        return false;
    }

    @Override
    public boolean userExists(String name) {
        return true;
    }
}

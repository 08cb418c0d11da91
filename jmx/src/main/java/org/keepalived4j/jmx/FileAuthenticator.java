package org.keepalived4j.jmx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Checks user/password against a password file ("user password" per line, '#' comments), read at start. As the
 * JDK's agent does, the file must be readable by its owner only.
 */
final class FileAuthenticator implements JMXAuthenticator {
    private final Map<String, byte[]> passwords;

    FileAuthenticator(Path file) throws IOException {
        requireOwnerOnly(file);
        Map<String, byte[]> map = new HashMap<>();
        for (String[] f : PasswordFiles.entries(file)) {
            map.put(f[0], f[1].getBytes(StandardCharsets.UTF_8));
        }
        this.passwords = Collections.unmodifiableMap(map);
    }

    static void requireOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> p = view.readAttributes().permissions();
        for (PosixFilePermission bad : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)) {
            if (p.contains(bad)) {
                throw new IOException(file + " must be readable by its owner only (chmod 600)");
            }
        }
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] c) || c.length != 2 || c[0] == null || c[1] == null) {
            throw new SecurityException("Authentication failed: user name and password required");
        }
        byte[] expected = passwords.get(c[0]);
        byte[] given = c[1].getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, given)) {
            throw new SecurityException("Authentication failed: invalid user name or password");
        }
        return new Subject(true, Set.of(new JMXPrincipal(c[0])), Set.of(), Set.of());
    }
}

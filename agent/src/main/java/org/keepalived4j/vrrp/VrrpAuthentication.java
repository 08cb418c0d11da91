package org.keepalived4j.vrrp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Authentication of a VRRPv2 instance. The key is {@code auth_pass} truncated / zero-padded to 8 bytes, as keepalived
 * puts it on the wire (PASS) and uses it as HMAC key (AH).
 */
public record VrrpAuthentication(AuthType type, byte[] key) {
    public static final int KEY_LENGTH = 8;
    private static final VrrpAuthentication NONE = new VrrpAuthentication(AuthType.NONE, new byte[KEY_LENGTH]);

    public VrrpAuthentication {
        if (type == null) {
            throw new IllegalArgumentException("authentication type missing");
        }
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("authentication key must be 8 bytes");
        }
        key = key.clone();
    }

    public static VrrpAuthentication none() {
        return NONE;
    }

    public static VrrpAuthentication pass(String password) {
        return new VrrpAuthentication(AuthType.PASS, pad(password));
    }

    public static VrrpAuthentication ah(String password) {
        return new VrrpAuthentication(AuthType.AH, pad(password));
    }

    private static byte[] pad(String password) {
        return Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), KEY_LENGTH);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The 8 auth-data bytes of an outgoing v2 advert: the password for PASS, zeros otherwise. */
    public byte[] wireAuthData() {
        return type == AuthType.PASS ? key.clone() : new byte[KEY_LENGTH];
    }

    /** Constant-time comparison of received PASS auth data with the key. */
    public boolean passwordMatches(byte[] received) {
        return java.security.MessageDigest.isEqual(key, received);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpAuthentication a && type == a.type && Arrays.equals(key, a.key);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "VrrpAuthentication[" + type + "]"; // never the password
    }
}

package org.keepalived4j.vrrp.net;

import org.keepalived4j.codec.ah.AhSequenceCounter;
import org.keepalived4j.codec.ah.IpsecAh;

/**
 * keepalived's IPsec-AH state of one instance. The signer and the counter are used on the VRRP loop thread only
 * (send, replay check); the verifier on the receive thread only (IpsecAh is not thread-safe, so each side has its own).
 */
final class AhState {
    final IpsecAh signer;
    final IpsecAh verifier;
    final AhSequenceCounter counter = new AhSequenceCounter();

    AhState(byte[] key) {
        this.signer = new IpsecAh(key);
        this.verifier = new IpsecAh(key);
    }
}

package org.keepalived4j.vrrp.net;

import org.keepalived4j.codec.ah.AhSequenceCounter;
import org.keepalived4j.codec.ah.IpsecAh;

/**
 * keepalived's IPsec-AH state of one instance, used on the VRRP loop thread only: the signer when sending, the
 * verifier when a packet is read, the counter for both (IpsecAh keeps scratch state, so each direction has its own).
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

#!/usr/bin/env python3
"""Takeover times from a bridge capture and the script's action log (same clock, CLOCK_REALTIME).

usage: failover_analyse.py PACKETS.csv EVENTS.txt ADVERT_INT_S VERSION PRIO_A PRIO_B
PACKETS.csv: epoch,src,proto,prio per packet (tshark -T fields), VRRP (112) and IGMP (2) only.
EVENTS.txt: "epoch action" with action crash | term | start (all applied to node A = 10.x.0.1).
Prints one line per sample: scenario value_ms bound_ms.
"""
import sys

packets_file, events_file, adv_s, version, prio_a, prio_b = sys.argv[1:7]
adv = float(adv_s)
prio_a, prio_b = int(prio_a), int(prio_b)
A, B = "10.78.0.1", "10.78.0.2"


def skew(prio):
    # RFC 3768 (v2): (256-prio)/256 s whatever the interval; RFC 5798 (v3): scaled by the advert interval
    return (256 - prio) / 256.0 * (1.0 if version == "2" else adv)


mdi_b = 3 * adv + skew(prio_b)
mdi_a = 3 * adv + skew(prio_a)

packets = []
for line in open(packets_file):
    f = line.strip().split(",")
    if len(f) < 3 or not f[0]:
        continue
    packets.append((float(f[0]), f[1], f[2], int(f[3]) if len(f) > 3 and f[3] else None))
events = [(float(t), a) for t, a in (l.split() for l in open(events_file) if l.strip())]


def vrrp(src, lo, hi, prio=None):
    return [p for p in packets if p[2] == "112" and p[1] == src and lo <= p[0] < hi
            and (prio is None or p[3] == prio)]


for i, (t, action) in enumerate(events):
    nxt = events[i + 1][0] if i + 1 < len(events) else float("inf")
    if action == "crash":
        last_a = vrrp(A, 0, t)
        first_b = vrrp(B, t, nxt)
        if last_a and first_b:
            print("crash %.3f %.3f" % ((first_b[0][0] - last_a[-1][0]) * 1000, mdi_b * 1000))
    elif action == "term":
        zero = vrrp(A, t, nxt, prio=0)
        if zero:
            first_b = vrrp(B, zero[0][0], nxt)
            if first_b:
                print("graceful %.3f %.3f" % ((first_b[0][0] - zero[0][0]) * 1000, skew(prio_b) * 1000))
    elif action == "start":
        joins = [p for p in packets if p[2] == "2" and p[1] == A and t <= p[0] < nxt]
        first_a = vrrp(A, t, nxt)
        if joins and first_a:
            print("preempt %.3f %.3f" % ((first_a[0][0] - joins[0][0]) * 1000, mdi_a * 1000))
            b_after = vrrp(B, first_a[0][0], nxt)
            overlap = (b_after[-1][0] - first_a[0][0]) * 1000 if b_after else 0.0
            print("overlap %.3f 0" % overlap)

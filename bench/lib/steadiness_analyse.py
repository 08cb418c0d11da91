#!/usr/bin/env python3
"""Advert interval deviations per VRID from a capture: usage steadiness_analyse.py PACKETS.csv MASTER_IP BACKUP_IP ADVERT_S
PACKETS.csv: epoch,src,vrid. Prints count, p50/p99/max of |interval - advert_int| in ms over the master's adverts,
the share of intervals deviating more than 2 ms, and the number of adverts the backup sent (spurious mastership)."""
import sys

packets_file, master, backup, adv = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
last = {}
devs = []
backup_adverts = 0
backup_vrids = set()
for line in open(packets_file):
    f = line.strip().split(",")
    if len(f) < 3 or not f[2]:
        continue
    t, src, vrid = float(f[0]), f[1], int(f[2])
    if src == backup:
        backup_adverts += 1
        backup_vrids.add(vrid)
        continue
    if src != master:
        continue
    if vrid in last:
        devs.append(abs((t - last[vrid]) - adv) * 1000)
    last[vrid] = t
devs.sort()


def pct(p):
    return devs[min(len(devs) - 1, int(p * len(devs)))] if devs else float("nan")


over = sum(1 for d in devs if d > 2.0)
print("intervals=%d vrids=%d p50=%.3f p99=%.3f p999=%.3f max=%.3f over2ms=%.4f%% backup_adverts=%d backup_vrids=%d"
      % (len(devs), len(last), pct(0.5), pct(0.99), pct(0.999), devs[-1] if devs else float("nan"),
         100.0 * over / max(1, len(devs)), backup_adverts, len(backup_vrids)))

# Advert-timing pieces shared by bench/steadiness.sh and bench/hanging-script.sh (sourced after lab.sh; the
# configuration generator adverts_conf is in vrrp_conf.sh, sourced here).
#
# adverts_capture records
# the VRRP packets on the lab bridge for a while; adverts_analyse turns them into interval deviations with
# bench/lib/steadiness_analyse.py.

. bench/lib/vrrp_conf.sh

# adverts_vip_count NODE: VIPs of 10.LAB_NET.1.x on the node's lan0
adverts_vip_count() { ip -n "$(lab_ns "$1")" -4 -o addr show dev lan0 | grep -c " 10\.${LAB_NET:-77}\.1\."; }

# adverts_capture DIR DURATION_S: tshark on br0 of the bridge namespace for DURATION_S, then DIR/packets.csv
# (epoch,src,vrid); the capture file itself is deleted (~20 MB per minute at 2,000 adverts/s)
adverts_capture() {
    local dir=$1 duration=$2 cap
    lab_start br "$dir/tshark.log" tshark -q -i br0 -f "ip proto 112" -w "$dir/capture.pcap"; cap=$LAB_LAST_PID
    lab_wait 20 grep -q "Capturing on" "$dir/tshark.log" || lab_die "tshark did not start"
    sleep "$duration"
    lab_stop "$cap" INT 10
    tshark -r "$dir/capture.pcap" -T fields -E separator=, -e frame.time_epoch -e ip.src -e vrrp.virt_rtr_id \
        2>/dev/null > "$dir/packets.csv"
    rm -f "$dir/capture.pcap"
}

# adverts_analyse DIR MASTER_IP BACKUP_IP ADVERT_S: one summary line (count, p50/p99/p99.9/max deviation in ms, ...)
adverts_analyse() {
    /usr/bin/python3 bench/lib/steadiness_analyse.py "$1/packets.csv" "$2" "$3" "$4"
    rm -f "$1/packets.csv"
}

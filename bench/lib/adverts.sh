# Advert-timing pieces shared by bench/steadiness.sh and bench/hanging-script.sh (sourced after lab.sh).
#
# adverts_conf writes N VRRPv3 instances (VRIDs 1..N on lan0, one VIP 10.LAB_NET.1.V each); adverts_capture records
# the VRRP packets on the lab bridge for a while; adverts_analyse turns them into interval deviations with
# bench/lib/steadiness_analyse.py.

# adverts_conf FILE PRIORITY INSTANCES ADVERT_S [EXTRA_FN]: EXTRA_FN, if given, is called with FILE's stream open
# twice: "EXTRA_FN top" before the instances (vrrp_script blocks ...) and "EXTRA_FN V" inside instance V's block.
adverts_conf() {
    local file=$1 prio=$2 count=$3 advert=$4 extra=${5:-} v
    {
        echo "global_defs {"; echo "    router_id $(basename "$file" .conf)"; echo "    vrrp_version 3"; echo "}"
        [ -z "$extra" ] || "$extra" top
        for ((v = 1; v <= count; v++)); do
            echo "vrrp_instance VI_$v {"
            echo "    state BACKUP"
            echo "    interface lan0"
            echo "    virtual_router_id $v"
            echo "    priority $prio"
            echo "    advert_int $advert"
            echo "    virtual_ipaddress {"
            echo "        10.${LAB_NET:-77}.1.$v/32"
            echo "    }"
            [ -z "$extra" ] || "$extra" "$v"
            echo "}"
        done
    } > "$file"
}

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

# keepalived.conf generators shared by bench/*.sh (sourced, not executed).

# lab_vrrp_conf FILE PRIORITY VERSION ADVERT_INT INTERFACES PER_INTERFACE VIP_FUNCTION [EXTRA_FUNCTION]
# Writes FILE: global_defs (router_id = FILE's base name without .conf, vrrp_version VERSION), then for each interface
# lanK (K = 0..INTERFACES-1) PER_INTERFACE instances with VRIDs 1..PER_INTERFACE, state BACKUP, the given priority and
# advert_int, one VIP each: the output of "VIP_FUNCTION K VRID" (e.g. 10.79.K.(100+VRID)/24). Instances are named
# VI_<VRID> with one interface, VI_<K>_<VRID> with several. EXTRA_FUNCTION, if given, writes more: "EXTRA_FUNCTION top"
# before the instances (vrrp_script blocks ...), "EXTRA_FUNCTION VRID" inside each instance's block.
lab_vrrp_conf() {
    local file=$1 priority=$2 version=$3 advert=$4 interfaces=$5 per_interface=$6 vip=$7 extra=${8:-} k v name
    {
        echo "global_defs {"; echo "    router_id $(basename "$file" .conf)"; echo "    vrrp_version $version"; echo "}"
        [ -z "$extra" ] || "$extra" top
        for ((k = 0; k < interfaces; k++)); do
            for ((v = 1; v <= per_interface; v++)); do
                if ((interfaces == 1)); then name=VI_$v; else name=VI_${k}_$v; fi
                cat <<CONF
vrrp_instance $name {
    state BACKUP
    interface lan$k
    virtual_router_id $v
    priority $priority
    advert_int $advert
    virtual_ipaddress {
        $("$vip" "$k" "$v")
    }
CONF
                [ -z "$extra" ] || "$extra" "$v"
                echo "}"
            done
        done
    } > "$file"
}

# The scale lab: 200 VRRPv2 instances, lan0..lan3 x VRIDs 1..50, advert_int 1, VIP 10.LAB_NET.K.(100+VRID)/24.
scale_vip() { echo "10.${LAB_NET}.$1.$((100 + $2))/24"; }
scale_conf() { lab_vrrp_conf "$1" "$2" 2 1 4 50 scale_vip; }   # FILE PRIORITY

# The steadiness lab: INSTANCES (default 100) VRRPv3 instances on lan0, advert_int 0.05, VIP 10.LAB_NET.1.VRID/32.
steadiness_vip() { echo "10.${LAB_NET}.1.$2/32"; }
steadiness_conf() { lab_vrrp_conf "$1" "$2" 3 0.05 1 "${3:-100}" steadiness_vip; }   # FILE PRIORITY [INSTANCES]
# The same instances at any advert_int, with an EXTRA_FUNCTION (see lab_vrrp_conf): bench/hanging-script.sh.
adverts_conf() { lab_vrrp_conf "$1" "$2" 3 "$4" 1 "$3" steadiness_vip "${5:-}"; }   # FILE PRIORITY INSTANCES ADVERT_S [EXTRA]

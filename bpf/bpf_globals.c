// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * No programs: loading this object creates the node-wide maps of include/maps.h so the loader can
 * pin them before any endpoint exists; every bpf_lxc.o then reuses those pins.
 */
#include "include/maps.h"

char _license[] SEC("license") = "Dual BSD/GPL";

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * No programs: loading this object creates the node-wide maps of include/maps.h so the loader can
 * pin them before any endpoint exists; every bpf_lxc.o then reuses those pins.
 */
#include "include/maps.h"

char _license[] SEC("license") = "Dual BSD/GPL";

/* The event record is only written through ring-buffer pointers, so it would not reach BTF on its own; this
 * reference puts it there, where the tests compare it with the C# mirror. */
struct flow_event *btf_flow_event __attribute__((used));
/* Likewise the policy map's key and value: only the agent creates policy maps, so no map definition names them. */
struct policy_key *btf_policy_key __attribute__((used));
struct policy_entry *btf_policy_entry __attribute__((used));

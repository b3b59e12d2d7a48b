/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Definitions of the node-wide maps. Both objects include this file so that bpf_globals.o (which
 * creates and pins them) and bpf_lxc.o (which reuses the pins) can never disagree on a layout.
 * max_entries here are Cilium's defaults; the loader overrides them before load.
 */
#ifndef CILIUM_MAP_DEFS_H
#define CILIUM_MAP_DEFS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "cilium_maps.h"

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct ipcache_key);
	__type(value, struct ipcache_value);
	__uint(max_entries, IPCACHE_MAP_SIZE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} cilium_ipcache_v2 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ct4_key);
	__type(value, struct ct_entry);
	__uint(max_entries, CT_MAP_SIZE_TCP);
} cilium_ct4_global SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ct4_key);
	__type(value, struct ct_entry);
	__uint(max_entries, CT_MAP_SIZE_ANY);
} cilium_ct_any4_global SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ct6_key);
	__type(value, struct ct_entry);
	__uint(max_entries, CT_MAP_SIZE_TCP);
} cilium_ct6_global SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct ct6_key);
	__type(value, struct ct_entry);
	__uint(max_entries, CT_MAP_SIZE_ANY);
} cilium_ct_any6_global SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct frag_key);
	__type(value, struct frag_ports);
	__uint(max_entries, FRAG_MAP_SIZE);
} cilium_frag_datagrams SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, struct metrics_key);
	__type(value, struct metrics_value);
	__uint(max_entries, METRICS_MAP_SIZE);
} cilium_metrics SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, EVENTS_RING_SIZE);
} cilium_events SEC(".maps");

/* Events that found the ring buffer full: the reader reports them as lost. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} cilium_events_lost SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct datapath_config);
	__uint(max_entries, 1);
} cilium_config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32); /* host-side ifindex */
	__type(value, struct endpoint_state);
	__uint(max_entries, ENDPOINT_STATE_MAP_SIZE);
} cilium_ep_state SEC(".maps");

/*
 * Every endpoint's policy map cilium_policy_v2_<epid>, indexed by endpoint id. The agent creates the
 * inner maps (same type, sizes and flags as this template; the kernel insists) and pins each one under
 * Cilium's name, so one loaded program serves every endpoint of the node.
 */
struct policy_map_inner {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	/* Sizes, not BTF types: clang only emits forward declarations for types this deep in a map of maps. */
	__uint(key_size, sizeof(struct policy_key));
	__uint(value_size, sizeof(struct policy_entry));
	__uint(max_entries, POLICY_MAP_SIZE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__type(key, __u32);
	__uint(max_entries, POLICY_MAPS_SIZE);
	__array(values, struct policy_map_inner);
} cilium_policy_maps SEC(".maps");

#endif /* CILIUM_MAP_DEFS_H */

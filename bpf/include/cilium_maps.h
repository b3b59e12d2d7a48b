/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Every key, value and event record shared between the datapath programs and user space.
 * The C# mirrors in bpf/Cilium.Bpf/Maps say "Must match struct X in bpf/include/cilium_maps.h";
 * tests compare them with the BTF of the compiled objects, so a change here that is not mirrored
 * fails the build's tests rather than corrupting maps at run time.
 *
 * Byte order: addresses and ports are kept in network order everywhere (keys, values, events), as
 * they appear on the wire; the C# side converts in one place (Cilium.Bpf.NetworkOrder).
 */
#ifndef CILIUM_MAPS_H
#define CILIUM_MAPS_H

#include <linux/types.h>

/* Default sizes (Cilium's); the loader may change max_entries before load. */
#define IPCACHE_MAP_SIZE 512000
#define POLICY_MAP_SIZE 16384
#define CT_MAP_SIZE_TCP 524288
#define CT_MAP_SIZE_ANY 262144
#define METRICS_MAP_SIZE 1024
#define FRAG_MAP_SIZE 8192
#define ENDPOINT_STATE_MAP_SIZE 16384 /* hash keyed by the host-side ifindex of an endpoint */
#define POLICY_MAPS_SIZE 65536        /* array of policy maps indexed by the 16-bit endpoint id */
#define EVENTS_RING_SIZE (8 * 1024 * 1024)

/* Reserved identities (reference 2.1). */
#define IDENTITY_UNKNOWN 0
#define IDENTITY_HOST 1
#define IDENTITY_WORLD 2

/* Drop reasons, numbered as Cilium's datapath and Hubble's DropReason. */
#define REASON_FORWARDED 0
#define DROP_INVALID_PACKET 134
#define DROP_CT_INVALID_HDR 135
#define DROP_POLICY_DENIED 133
#define DROP_UNSUPPORTED_L3 139
#define DROP_CT_CREATE_FAILED 155
#define DROP_INVALID_EXTHDR 156
#define DROP_FRAG_NOT_FOUND 175
#define DROP_POLICY_DENY 181
#define DROP_EP_NOT_READY 203 /* a program runs on an interface that is no (ready) endpoint */

/* Traffic direction, as cilium_metrics and Hubble's TrafficDirection number it. */
#define DIR_UNKNOWN 0
#define DIR_INGRESS 1
#define DIR_EGRESS 2

/* ---- ipcache: LPM trie, prefix -> identity -------------------------------------------- */

#define IPCACHE_FAMILY_IPV4 1
#define IPCACHE_FAMILY_IPV6 2
/* cluster_id + pad + family are always matched exactly: 32 bits before the address bits. */
#define IPCACHE_STATIC_PREFIX 32

struct ipcache_key {
	__u32 prefixlen; /* IPCACHE_STATIC_PREFIX + address prefix length */
	__u16 cluster_id;
	__u8 pad1;
	__u8 family; /* IPCACHE_FAMILY_* */
	__u8 ip[16]; /* IPv4 in the first 4 bytes */
};

struct ipcache_value {
	__u32 sec_identity;
	__u8 tunnel_endpoint[16];
	__u16 pad;
	__u8 key;
	__u8 flags;
};

/* ---- per-endpoint policy: LPM trie cilium_policy_v2_<epid> ----------------------------- */

/* sec_label + egress are always matched exactly; protocol (8) and dport (16) may be wildcarded. */
#define POLICY_STATIC_PREFIX 40
#define POLICY_FULL_PREFIX 64

struct policy_key {
	__u32 prefixlen;
	__u32 sec_label; /* peer identity, 0 = any */
	__u8 egress;     /* 0 ingress, 1 egress */
	__u8 protocol;   /* IPPROTO_*, 0 = any */
	__be16 dport;    /* ICMP / ICMPv6: type << 8 */
};

#define POLICY_FLAG_DENY 0x01
/* flags bits 3..7: how many of the 24 protocol+port bits the entry matches (0..24). */
#define POLICY_PREFIX_SHIFT 3

struct policy_entry {
	__be16 proxy_port;
	__u8 flags;
	__u8 auth_type;
	__u8 proxy_port_priority; /* the higher wins when an L3 and an L4-only entry both allow */
	__u8 pad1;
	__u16 pad2;
};

/* Hubble PolicyMatchType (pkg/monitor/api/types.go). */
#define MATCH_NONE 0
#define MATCH_L3_ONLY 1
#define MATCH_L3_L4 2
#define MATCH_L4_ONLY 3
#define MATCH_ALL 4
#define MATCH_L3_PROTO 5
#define MATCH_PROTO_ONLY 6

/* ---- connection tracking: LRU hashes, TCP and non-TCP apart ---------------------------- */

/* Tuple as sent by the side that opened the connection; flags tells whose policy admitted it. */
#define CT_EGRESS 0 /* opened by the local endpoint (its egress policy) */
#define CT_INGRESS 1 /* opened towards the local endpoint (its ingress policy) */

struct ct4_key {
	__be32 daddr;
	__be32 saddr;
	__be16 dport;
	__be16 sport;
	__u8 nexthdr;
	__u8 flags;
};

struct ct6_key {
	__u8 daddr[16];
	__u8 saddr[16];
	__be16 dport;
	__be16 sport;
	__u8 nexthdr;
	__u8 flags;
};

#define CT_FLAG_RX_CLOSING 0x0001
#define CT_FLAG_TX_CLOSING 0x0002
#define CT_FLAG_SEEN_NON_SYN 0x0010

struct ct_entry {
	__u64 packets;
	__u64 bytes;
	__u32 lifetime;        /* expiry, seconds of CLOCK_MONOTONIC */
	__u32 policy_revision; /* endpoint policy revision the connection was last admitted under */
	__u32 src_sec_id;      /* peer identity when admitted */
	__u16 flags;           /* CT_FLAG_* */
	__u8 tx_flags_seen;    /* TCP flags seen in the opening direction */
	__u8 rx_flags_seen;    /* TCP flags seen in the reply direction */
};

/* ---- fragments: first fragment's ports, for the fragments that carry no L4 header -------- */

struct frag_key {
	__u8 saddr[16];
	__u8 daddr[16];
	__u32 id; /* IPv4: 16-bit id; IPv6: fragment header id */
	__u8 proto;
	__u8 family; /* 4 or 6 */
	__u16 pad;
};

struct frag_ports {
	__be16 sport;
	__be16 dport;
};

/* ---- metrics: per-CPU hash ----------------------------------------------------------- */

struct metrics_key {
	__u8 reason; /* 0 forwarded, else drop reason */
	__u8 dir;    /* DIR_* */
	__u16 reserved;
};

struct metrics_value {
	__u64 count;
	__u64 bytes;
};

/* ---- runtime settings ---------------------------------------------------------------- */

/* How much the ring buffer reports (Cilium's monitor aggregation, coarsened). */
#define AGGREGATION_NONE 0   /* every packet */
#define AGGREGATION_MEDIUM 1 /* verdicts on new connections and every drop (default) */
#define AGGREGATION_MAX 2    /* drops only */

struct datapath_config {
	__u32 aggregation;
	__u32 program_hash; /* of the bpf_lxc.o whose programs are pinned: tells the loader when to reload them */
};

/*
 * cilium_ep_state, keyed by the ifindex of the endpoint's host-side veth: the programs are loaded once
 * per node and attached to every endpoint, and this is how a packet finds out whose it is. The agent
 * bumps policy_revision after every change to the endpoint's policy map.
 */
struct endpoint_state {
	__u32 policy_revision;
	__u32 flags;
	__u32 sec_identity;
	__u16 lxc_id;
	__u16 pad;
};

/* ---- events: ring buffer cilium_events ----------------------------------------------- */

/* Cilium monitor message types. */
#define EVENT_DROP 1
#define EVENT_TRACE 4
#define EVENT_POLICY_VERDICT 5

/* Hubble Verdict. */
#define VERDICT_FORWARDED 1
#define VERDICT_DROPPED 2

#define CT_STATE_NEW 0
#define CT_STATE_ESTABLISHED 1
#define CT_STATE_REPLY 2
#define CT_STATE_RELATED 3

struct flow_event {
	__u64 timestamp_ns;  /* bpf_ktime_get_ns(): CLOCK_MONOTONIC */
	__u8 type;           /* EVENT_* */
	__u8 verdict;        /* VERDICT_* */
	__u8 drop_reason;    /* 0 unless dropped */
	__u8 direction;      /* DIR_*: whose policy, ingress or egress, of the endpoint */
	__u8 match_type;     /* MATCH_* */
	__u8 family;         /* 4 or 6 */
	__u8 protocol;       /* IPPROTO_* */
	__u8 tcp_flags;      /* FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 URG 0x20 ECE 0x40 CWR 0x80 */
	__u16 endpoint_id;
	__u8 ct_state;       /* CT_STATE_* */
	__u8 auth_type;
	__be16 sport;        /* ICMP echo: identifier */
	__be16 dport;        /* ICMP: type << 8 | code */
	__u32 ifindex;
	__u32 src_identity;
	__u32 dst_identity;
	__u32 pkt_len;
	__be16 proxy_port;
	__u16 pad;
	__u8 saddr[16];      /* IPv4 in the first 4 bytes */
	__u8 daddr[16];
	__u32 reserved;      /* keeps the record a multiple of 8 bytes */
};

#endif /* CILIUM_MAPS_H */

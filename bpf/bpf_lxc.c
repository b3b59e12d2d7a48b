// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Per-endpoint tc programs for the host side of a pod's veth.
 *
 *   cil_from_container  tc ingress of the host veth: packets leaving the pod, its egress policy
 *   cil_to_container    tc egress of the host veth:  packets entering the pod, its ingress policy
 *
 * The object is loaded once per node and the same two programs are attached to every endpoint's veth:
 * verifying a program costs far more than attaching it, and endpoint creation must be fast. A packet
 * finds its endpoint (id, identity, policy revision) in cilium_ep_state by the ifindex it runs on, and
 * the endpoint's policy map cilium_policy_v2_<epid> in cilium_policy_maps by endpoint id. All maps come
 * from include/maps.h.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "include/cilium_maps.h"
#include "include/maps.h"


#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10

#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6 58
#endif

/* Lifetimes in seconds, Cilium's defaults. */
#define CT_LIFETIME_TCP 21600
#define CT_LIFETIME_NONTCP 60
#define CT_LIFETIME_SYN 60
#define CT_LIFETIME_CLOSE 10

/* Pending event bytes at which the ring-buffer reader is woken (about 800 events). */
#define EVENTS_WAKEUP_BYTES (64 * 1024)

#define PARSE_PASS 1 /* not IP (ARP): not ours to judge */
#define MAX_IPV6_EXTHDRS 4

struct pkt {
	__u8 saddr[16];
	__u8 daddr[16];
	__u32 len;
	__be16 sport; /* connection-tracking ports: ICMP echo uses the identifier */
	__be16 dport;
	__be16 ev_sport; /* ports as reported in events */
	__be16 ev_dport;
	__be16 policy_dport; /* port of the policy key: ICMP type << 8 */
	__u8 family;
	__u8 proto;
	__u8 tcp_flags;
	__u8 icmp_echo; /* 1 request, 2 reply */
	__u8 bypass;    /* IPv6 neighbour discovery / MLD: link control, never policy */
};

struct decision {
	__u64 now_ns; /* one clock read per packet: CT lifetimes and the event timestamp */
	__u32 peer_id;
	__u32 ep_identity; /* of the endpoint this program runs for */
	__u16 ep_id;
	__be16 proxy_port;
	__u8 match;
	__u8 auth_type;
	__u8 ct_state;
};


/* ---------------------------------------------------------------- parsing */

static __always_inline void icmp_ports(struct pkt *p, __u8 type, __u8 code, __be16 id, __u8 echo_req, __u8 echo_rep)
{
	p->ev_sport = id;
	p->ev_dport = bpf_htons(((__u16)type << 8) | code);
	p->policy_dport = bpf_htons((__u16)type << 8);
	/* Echo request and reply share the tuple once the reply is swapped: (id, 0) vs (0, id). */
	if (type == echo_req) {
		p->icmp_echo = 1;
		p->sport = id;
	} else if (type == echo_rep) {
		p->icmp_echo = 2;
		p->dport = id;
	}
}

static __always_inline int parse_l4(struct __sk_buff *skb, struct pkt *p, __u32 off)
{
	switch (p->proto) {
	case IPPROTO_TCP: {
		__u8 h[14];
		if (bpf_skb_load_bytes(skb, off, h, sizeof(h)) < 0)
			return -DROP_CT_INVALID_HDR;
		__builtin_memcpy(&p->sport, &h[0], 2);
		__builtin_memcpy(&p->dport, &h[2], 2);
		p->tcp_flags = h[13];
		break;
	}
	case IPPROTO_UDP:
	case IPPROTO_SCTP: {
		__be16 ports[2];
		if (bpf_skb_load_bytes(skb, off, ports, sizeof(ports)) < 0)
			return -DROP_CT_INVALID_HDR;
		p->sport = ports[0];
		p->dport = ports[1];
		break;
	}
	case IPPROTO_ICMP: {
		__u8 h[8];
		if (bpf_skb_load_bytes(skb, off, h, sizeof(h)) < 0)
			return -DROP_CT_INVALID_HDR;
		icmp_ports(p, h[0], h[1], *(__be16 *)&h[4], 8, 0);
		return 0;
	}
	case IPPROTO_ICMPV6: {
		__u8 h[8];
		if (bpf_skb_load_bytes(skb, off, h, sizeof(h)) < 0)
			return -DROP_CT_INVALID_HDR;
		icmp_ports(p, h[0], h[1], *(__be16 *)&h[4], 128, 129);
		/* 130-132 / 143 MLD, 133-137 router and neighbour discovery. */
		if ((h[0] >= 130 && h[0] <= 137) || h[0] == 143)
			p->bypass = 1;
		return 0;
	}
	default:
		break;
	}
	p->ev_sport = p->sport;
	p->ev_dport = p->dport;
	p->policy_dport = p->dport;
	return 0;
}

/*
 * Fragments: the first one carries the L4 header; its ports are remembered per datagram so later
 * fragments get the same tuple and the same verdict. A later fragment whose first one was never
 * seen is dropped (175) rather than judged on a guessed tuple.
 */
static __always_inline int handle_fragment(struct __sk_buff *skb, struct pkt *p, __u32 l4off, __u32 id,
					   int first)
{
	struct frag_key key = {};
	int ret;

	__builtin_memcpy(key.saddr, p->saddr, 16);
	__builtin_memcpy(key.daddr, p->daddr, 16);
	key.id = id;
	key.proto = p->proto;
	key.family = p->family;

	if (first) {
		struct frag_ports ports;

		ret = parse_l4(skb, p, l4off);
		if (ret < 0)
			return ret;
		ports.sport = p->sport;
		ports.dport = p->dport;
		bpf_map_update_elem(&cilium_frag_datagrams, &key, &ports, BPF_ANY);
		return 0;
	}

	struct frag_ports *ports = bpf_map_lookup_elem(&cilium_frag_datagrams, &key);
	if (!ports)
		return -DROP_FRAG_NOT_FOUND;
	p->sport = ports->sport;
	p->dport = ports->dport;
	p->ev_sport = ports->sport;
	p->ev_dport = ports->dport;
	p->policy_dport = ports->dport;
	return 0;
}

static __always_inline int parse(struct __sk_buff *skb, struct pkt *p)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;

	p->len = skb->len;
	if ((void *)(eth + 1) > data_end)
		return -DROP_INVALID_PACKET;

	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip4 = (void *)(eth + 1);
		if ((void *)(ip4 + 1) > data_end) {
			if (bpf_skb_pull_data(skb, sizeof(*eth) + sizeof(*ip4)) < 0)
				return -DROP_INVALID_PACKET;
			data = (void *)(long)skb->data;
			data_end = (void *)(long)skb->data_end;
			ip4 = data + sizeof(*eth);
			if ((void *)(ip4 + 1) > data_end)
				return -DROP_INVALID_PACKET;
		}
		if (ip4->ihl < 5)
			return -DROP_INVALID_PACKET;
		p->family = 4;
		p->proto = ip4->protocol;
		__builtin_memcpy(p->saddr, &ip4->saddr, 4);
		__builtin_memcpy(p->daddr, &ip4->daddr, 4);

		__u32 l4off = sizeof(*eth) + ip4->ihl * 4;
		__u16 frag = bpf_ntohs(ip4->frag_off);
		if (frag & 0x3fff)
			return handle_fragment(skb, p, l4off, bpf_ntohs(ip4->id), (frag & 0x1fff) == 0);
		return parse_l4(skb, p, l4off);
	}

	if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > data_end) {
			if (bpf_skb_pull_data(skb, sizeof(*eth) + sizeof(*ip6)) < 0)
				return -DROP_INVALID_PACKET;
			data = (void *)(long)skb->data;
			data_end = (void *)(long)skb->data_end;
			ip6 = data + sizeof(*eth);
			if ((void *)(ip6 + 1) > data_end)
				return -DROP_INVALID_PACKET;
		}
		p->family = 6;
		__builtin_memcpy(p->saddr, &ip6->saddr, 16);
		__builtin_memcpy(p->daddr, &ip6->daddr, 16);

		__u8 nh = ip6->nexthdr;
		__u32 off = sizeof(*eth) + sizeof(*ip6);
		int i;
#pragma unroll
		for (i = 0; i < MAX_IPV6_EXTHDRS; i++) {
			__u8 h[8];
			if (nh != 0 && nh != 43 && nh != 44 && nh != 51 && nh != 60)
				break;
			if (bpf_skb_load_bytes(skb, off, h, sizeof(h)) < 0)
				return -DROP_INVALID_EXTHDR;
			if (nh == 44) {
				__u16 fo = ((__u16)h[2] << 8) | h[3];
				__u32 id;
				__builtin_memcpy(&id, &h[4], 4);
				p->proto = h[0];
				/* A fragment header that says "offset 0, no more" is an atomic fragment: a whole datagram. */
				if (fo & 0xfff9)
					return handle_fragment(skb, p, off + 8, id, (fo & 0xfff8) == 0);
				nh = h[0];
				off += 8;
				continue;
			}
			off += nh == 51 ? ((__u32)h[1] + 2) * 4 : ((__u32)h[1] + 1) * 8;
			nh = h[0];
		}
		if (nh == 0 || nh == 43 || nh == 44 || nh == 51 || nh == 60)
			return -DROP_INVALID_EXTHDR;
		p->proto = nh;
		return parse_l4(skb, p, off);
	}

	if (eth->h_proto == bpf_htons(ETH_P_ARP))
		return PARSE_PASS;
	return -DROP_UNSUPPORTED_L3;
}

/* ---------------------------------------------------------------- lookups */

static __always_inline __u32 ipcache_identity(const struct pkt *p, const __u8 *addr)
{
	struct ipcache_key key = {};
	struct ipcache_value *v;

	if (p->family == 4) {
		key.prefixlen = IPCACHE_STATIC_PREFIX + 32;
		key.family = IPCACHE_FAMILY_IPV4;
		__builtin_memcpy(key.ip, addr, 4);
	} else {
		key.prefixlen = IPCACHE_STATIC_PREFIX + 128;
		key.family = IPCACHE_FAMILY_IPV6;
		__builtin_memcpy(key.ip, addr, 16);
	}
	v = bpf_map_lookup_elem(&cilium_ipcache_v2, &key);
	return v ? v->sec_identity : IDENTITY_WORLD;
}

static __always_inline __u8 entry_prefix(const struct policy_entry *e)
{
	return e->flags >> POLICY_PREFIX_SHIFT;
}

static __always_inline __u8 match_type(const struct policy_entry *e, int l3)
{
	__u8 plen = entry_prefix(e);

	if (plen == 0)
		return l3 ? MATCH_L3_ONLY : MATCH_ALL;
	if (plen <= 8)
		return l3 ? MATCH_L3_PROTO : MATCH_PROTO_ONLY;
	return l3 ? MATCH_L3_L4 : MATCH_L4_ONLY;
}

/*
 * Two longest-prefix lookups, one for the peer's identity and one for "any identity"; each finds
 * its most specific protocol/port entry. Between the two: a deny wins (the L3 one first), then the
 * higher proxy-port priority, then the more specific protocol/port, then the L3 entry.
 * Returns 0 to allow, or the negated drop reason.
 */
static __always_inline int policy_check(__u32 peer, __u8 egress, __u8 proto, __be16 dport, struct decision *d)
{
	__u32 epid = d->ep_id;
	void *policy = bpf_map_lookup_elem(&cilium_policy_maps, &epid);
	struct policy_key key = {
		.prefixlen = POLICY_FULL_PREFIX,
		.sec_label = peer,
		.egress = egress,
		.protocol = proto,
		.dport = dport,
	};
	struct policy_entry *l3, *l4, *win;
	int win_l3;

	if (!policy) {
		/* Registered in cilium_ep_state but its policy map is gone: never guess a policy. */
		d->match = MATCH_NONE;
		return -DROP_EP_NOT_READY;
	}
	l3 = bpf_map_lookup_elem(policy, &key);
	key.sec_label = 0;
	l4 = bpf_map_lookup_elem(policy, &key);

	if (l3 && (l3->flags & POLICY_FLAG_DENY)) {
		d->match = match_type(l3, 1);
		return -DROP_POLICY_DENY;
	}
	if (l4 && (l4->flags & POLICY_FLAG_DENY)) {
		d->match = match_type(l4, 0);
		return -DROP_POLICY_DENY;
	}
	if (!l3 && !l4) {
		d->match = MATCH_NONE;
		return -DROP_POLICY_DENIED;
	}
	if (l3 && l4) {
		win_l3 = 1;
		if (l4->proxy_port_priority > l3->proxy_port_priority ||
		    (l4->proxy_port_priority == l3->proxy_port_priority && entry_prefix(l4) > entry_prefix(l3)))
			win_l3 = 0;
	} else {
		win_l3 = l3 != 0;
	}
	win = win_l3 ? l3 : l4;
	if (!win)
		return -DROP_POLICY_DENIED;
	d->match = match_type(win, win_l3);
	d->proxy_port = win->proxy_port;
	d->auth_type = win->auth_type;
	return 0;
}

/* ---------------------------------------------------------------- connection tracking */

static __always_inline void *ct_map(const struct pkt *p)
{
	if (p->family == 4)
		return p->proto == IPPROTO_TCP ? (void *)&cilium_ct4_global : (void *)&cilium_ct_any4_global;
	return p->proto == IPPROTO_TCP ? (void *)&cilium_ct6_global : (void *)&cilium_ct_any6_global;
}

/* Fills the tuple of the connection this packet would belong to; reverse swaps it (a reply). */
static __always_inline void ct_key4(const struct pkt *p, struct ct4_key *k, __u8 flags, int reverse)
{
	if (reverse) {
		__builtin_memcpy(&k->daddr, p->saddr, 4);
		__builtin_memcpy(&k->saddr, p->daddr, 4);
		k->dport = p->sport;
		k->sport = p->dport;
	} else {
		__builtin_memcpy(&k->daddr, p->daddr, 4);
		__builtin_memcpy(&k->saddr, p->saddr, 4);
		k->dport = p->dport;
		k->sport = p->sport;
	}
	k->nexthdr = p->proto;
	k->flags = flags;
}

static __always_inline void ct_key6(const struct pkt *p, struct ct6_key *k, __u8 flags, int reverse)
{
	if (reverse) {
		__builtin_memcpy(k->daddr, p->saddr, 16);
		__builtin_memcpy(k->saddr, p->daddr, 16);
		k->dport = p->sport;
		k->sport = p->dport;
	} else {
		__builtin_memcpy(k->daddr, p->daddr, 16);
		__builtin_memcpy(k->saddr, p->saddr, 16);
		k->dport = p->dport;
		k->sport = p->sport;
	}
	k->nexthdr = p->proto;
	k->flags = flags;
}

static __always_inline struct ct_entry *ct_lookup(const struct pkt *p, __u8 flags, int reverse)
{
	if (p->family == 4) {
		struct ct4_key k = {};
		ct_key4(p, &k, flags, reverse);
		return bpf_map_lookup_elem(ct_map(p), &k);
	}
	struct ct6_key k = {};
	ct_key6(p, &k, flags, reverse);
	return bpf_map_lookup_elem(ct_map(p), &k);
}

static __always_inline int ct_write(const struct pkt *p, __u8 flags, int reverse, struct ct_entry *e)
{
	if (p->family == 4) {
		struct ct4_key k = {};
		ct_key4(p, &k, flags, reverse);
		return bpf_map_update_elem(ct_map(p), &k, e, BPF_ANY);
	}
	struct ct6_key k = {};
	ct_key6(p, &k, flags, reverse);
	return bpf_map_update_elem(ct_map(p), &k, e, BPF_ANY);
}

static __always_inline void ct_delete(const struct pkt *p, __u8 flags, int reverse)
{
	if (p->family == 4) {
		struct ct4_key k = {};
		ct_key4(p, &k, flags, reverse);
		bpf_map_delete_elem(ct_map(p), &k);
		return;
	}
	struct ct6_key k = {};
	ct_key6(p, &k, flags, reverse);
	bpf_map_delete_elem(ct_map(p), &k);
}

static __always_inline __u32 ct_lifetime(const struct ct_entry *e, const struct pkt *p)
{
	if (p->proto != IPPROTO_TCP)
		return CT_LIFETIME_NONTCP;
	if ((e->flags & (CT_FLAG_RX_CLOSING | CT_FLAG_TX_CLOSING)) == (CT_FLAG_RX_CLOSING | CT_FLAG_TX_CLOSING))
		return CT_LIFETIME_CLOSE;
	/* Until the opened side has answered, a SYN holds the entry only briefly. */
	if (!(e->rx_flags_seen & TCP_ACK))
		return CT_LIFETIME_SYN;
	return CT_LIFETIME_TCP;
}

static __always_inline void ct_account(struct ct_entry *e, const struct pkt *p, int reply, __u32 now)
{
	__sync_fetch_and_add(&e->packets, 1);
	__sync_fetch_and_add(&e->bytes, p->len);
	if (p->proto == IPPROTO_TCP) {
		__u8 f = p->tcp_flags;
		__u16 flags = e->flags;

		if (reply) {
			if ((e->rx_flags_seen | f) != e->rx_flags_seen)
				e->rx_flags_seen |= f;
			if (f & TCP_FIN)
				flags |= CT_FLAG_RX_CLOSING;
		} else {
			if ((e->tx_flags_seen | f) != e->tx_flags_seen)
				e->tx_flags_seen |= f;
			if (f & TCP_FIN)
				flags |= CT_FLAG_TX_CLOSING;
		}
		if (f & TCP_RST)
			flags |= CT_FLAG_RX_CLOSING | CT_FLAG_TX_CLOSING;
		if (flags != e->flags)
			e->flags = flags;
	}
	__u32 lifetime = now + ct_lifetime(e, p);
	if (lifetime != e->lifetime)
		e->lifetime = lifetime;
}

/* ---------------------------------------------------------------- reporting */

static __always_inline void count(__u8 reason, __u8 dir, __u32 bytes)
{
	struct metrics_key key = { .reason = reason, .dir = dir };
	struct metrics_value *v = bpf_map_lookup_elem(&cilium_metrics, &key);

	if (!v) {
		struct metrics_value zero = {};
		bpf_map_update_elem(&cilium_metrics, &key, &zero, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&cilium_metrics, &key);
		if (!v)
			return;
	}
	/* Per-CPU values: no other CPU writes this slot. */
	v->count += 1;
	v->bytes += bytes;
}

static __always_inline __u32 aggregation(void)
{
	__u32 zero = 0;
	struct datapath_config *c = bpf_map_lookup_elem(&cilium_config, &zero);
	return c ? c->aggregation : AGGREGATION_MEDIUM;
}

static __always_inline void emit(struct __sk_buff *skb, const struct pkt *p, const struct decision *d, __u8 type,
				 __u8 reason, __u8 dir, int egress)
{
	struct flow_event *e = bpf_ringbuf_reserve(&cilium_events, sizeof(*e), 0);

	if (!e) {
		__u32 zero = 0;
		__u64 *lost = bpf_map_lookup_elem(&cilium_events_lost, &zero);
		if (lost)
			*lost += 1;
		return;
	}
	e->timestamp_ns = d->now_ns ? d->now_ns : bpf_ktime_get_ns(); /* 0: dropped before the clock was read */
	e->type = type;
	e->verdict = reason ? VERDICT_DROPPED : VERDICT_FORWARDED;
	e->drop_reason = reason;
	e->direction = dir;
	e->match_type = d->match;
	e->family = p->family;
	e->protocol = p->proto;
	e->tcp_flags = p->tcp_flags;
	e->endpoint_id = d->ep_id;
	e->ct_state = d->ct_state;
	e->auth_type = d->auth_type;
	e->sport = p->ev_sport;
	e->dport = p->ev_dport;
	e->ifindex = skb->ifindex;
	e->src_identity = egress ? d->ep_identity : d->peer_id;
	e->dst_identity = egress ? d->peer_id : d->ep_identity;
	e->pkt_len = p->len;
	e->proxy_port = d->proxy_port;
	e->pad = 0;
	__builtin_memcpy(e->saddr, p->saddr, 16);
	__builtin_memcpy(e->daddr, p->daddr, 16);
	e->reserved = 0;
	/*
	 * Waking the reader costs more than the rest of the packet's processing, so wake it only when a batch has
	 * piled up; the reader also polls with a short timeout and consumes whatever is there.
	 */
	bpf_ringbuf_submit(e, bpf_ringbuf_query(&cilium_events, BPF_RB_AVAIL_DATA) >= EVENTS_WAKEUP_BYTES ? BPF_RB_FORCE_WAKEUP
												       : BPF_RB_NO_WAKEUP);
}

static __always_inline int drop(struct __sk_buff *skb, const struct pkt *p, struct decision *d, __u8 reason,
				__u8 dir, int egress)
{
	count(reason, dir, p->len);
	if (!d->peer_id && p->family)
		d->peer_id = ipcache_identity(p, egress ? p->daddr : p->saddr);
	emit(skb, p, d, EVENT_DROP, reason, dir, egress);
	return TC_ACT_SHOT;
}

/* ---------------------------------------------------------------- the verdict */

/*
 * A connection is known by the tuple of the packet that opened it plus whose policy admitted it
 * (CT_EGRESS: this endpoint opened it; CT_INGRESS: a peer opened it towards this endpoint). So a
 * packet is either "forward" on an entry of this program's direction or a "reply" on the swapped
 * entry of the other direction; both pass without a policy lookup while the entry is alive and was
 * admitted under the endpoint's current policy revision.
 */
static __always_inline int handle(struct __sk_buff *skb, const int egress)
{
	const __u8 dir = egress ? DIR_EGRESS : DIR_INGRESS;
	const __u8 ct_dir = egress ? CT_EGRESS : CT_INGRESS;
	const __u8 ct_other = egress ? CT_INGRESS : CT_EGRESS;
	struct decision d = {};
	struct pkt p = {};
	struct ct_entry *e;
	int reply = 0;
	int ret;

	ret = parse(skb, &p);
	if (ret == PARSE_PASS)
		return TC_ACT_OK;
	if (ret < 0)
		return drop(skb, &p, &d, -ret, dir, egress);
	if (p.bypass) {
		count(REASON_FORWARDED, dir, p.len);
		return TC_ACT_OK;
	}

	__u32 ifindex = skb->ifindex;
	struct endpoint_state *st = bpf_map_lookup_elem(&cilium_ep_state, &ifindex);
	if (!st)
		/* Attached, but the agent has not (or no longer) registered an endpoint on this interface. */
		return drop(skb, &p, &d, DROP_EP_NOT_READY, dir, egress);
	d.ep_id = st->lxc_id;
	d.ep_identity = st->sec_identity;
	__u32 revision = st->policy_revision;
	d.now_ns = bpf_ktime_get_ns();
	__u32 now = (__u32)(d.now_ns / 1000000000ULL);

	e = ct_lookup(&p, ct_dir, 0);
	/*
	 * A TCP segment with SYN and without ACK opens a connection; it is never a reply, so it skips the lookup of the
	 * swapped tuple (a random access into a 512Ki-bucket table, the largest single cost of a new flow). The one
	 * case this judges differently is a TCP simultaneous open: the peer's SYN then meets policy as a new
	 * connection in its own direction instead of passing as a reply.
	 */
	if (!e && (p.proto != IPPROTO_TCP || (p.tcp_flags & (TCP_SYN | TCP_ACK)) != TCP_SYN)) {
		e = ct_lookup(&p, ct_other, 1);
		reply = 1;
	}
	if (e && e->lifetime < now) {
		ct_delete(&p, reply ? ct_other : ct_dir, reply);
		e = 0;
	}

	if (e) {
		d.ct_state = reply ? CT_STATE_REPLY : CT_STATE_ESTABLISHED;
		if (e->policy_revision != revision) {
			/*
			 * Policy changed since the connection was admitted: judge it again as the packet that
			 * opened it (its direction, its destination port), and forget it if that is now denied.
			 */
			__u8 conn_egress = reply ? !egress : egress;
			__be16 port = p.policy_dport;
			if (reply) {
				if (p.icmp_echo)
					port = bpf_htons((__u16)(p.family == 4 ? 8 : 128) << 8);
				else
					port = p.sport;
			}
			d.peer_id = ipcache_identity(&p, egress ? p.daddr : p.saddr);
			ret = policy_check(d.peer_id, conn_egress, p.proto, port, &d);
			if (ret < 0) {
				ct_delete(&p, reply ? ct_other : ct_dir, reply);
				return drop(skb, &p, &d, -ret, dir, egress);
			}
			e->policy_revision = revision;
		}
		ct_account(e, &p, reply, now);
		count(REASON_FORWARDED, dir, p.len);
		if (aggregation() == AGGREGATION_NONE) {
			if (!d.peer_id)
				d.peer_id = ipcache_identity(&p, egress ? p.daddr : p.saddr);
			emit(skb, &p, &d, EVENT_TRACE, 0, dir, egress);
		}
		return TC_ACT_OK;
	}

	d.ct_state = CT_STATE_NEW;
	d.peer_id = ipcache_identity(&p, egress ? p.daddr : p.saddr);
	ret = policy_check(d.peer_id, egress, p.proto, p.policy_dport, &d);
	if (ret < 0)
		return drop(skb, &p, &d, -ret, dir, egress);

	struct ct_entry ne = {
		.packets = 1,
		.bytes = p.len,
		.policy_revision = revision,
		.src_sec_id = d.peer_id,
		.tx_flags_seen = p.tcp_flags,
	};
	if (p.proto == IPPROTO_TCP && !(p.tcp_flags & TCP_SYN))
		ne.flags |= CT_FLAG_SEEN_NON_SYN;
	ne.lifetime = now + ct_lifetime(&ne, &p);
	/* LRU maps evict instead of filling up, so a failure here is memory pressure: say so, do not guess. */
	if (ct_write(&p, ct_dir, 0, &ne) < 0)
		return drop(skb, &p, &d, DROP_CT_CREATE_FAILED, dir, egress);

	count(REASON_FORWARDED, dir, p.len);
	if (aggregation() <= AGGREGATION_MEDIUM)
		emit(skb, &p, &d, EVENT_POLICY_VERDICT, 0, dir, egress);
	return TC_ACT_OK;
}

SEC("tc")
int cil_from_container(struct __sk_buff *skb)
{
	return handle(skb, 1);
}

SEC("tc")
int cil_to_container(struct __sk_buff *skb)
{
	return handle(skb, 0);
}

char _license[] SEC("license") = "Dual BSD/GPL";

// Hubble UI: a service map and a live flow table, fed by the relay's /v1/flows server-sent events.
// Plain DOM and SVG, no libraries: the page must work with nothing but the relay.
(function () {
  'use strict';
  const maxRows = 500;
  const state = { source: null, nodes: new Map(), edges: new Map(), rows: 0 };
  const $ = (id) => document.getElementById(id);

  // A pod's workload: the app label if any, else the pod name without its ReplicaSet and pod hashes.
  function workload(ep, ip) {
    if (!ep || !ep.pod_name) {
      const labels = (ep && ep.labels) || [];
      const reserved = labels.find((l) => l.startsWith('reserved:'));
      return { id: reserved ? reserved.slice(9) : (ip || 'unknown'), ns: '', world: true };
    }
    const app = (ep.labels || []).map((l) => l.match(/^k8s:(?:app|app\.kubernetes\.io\/name)=(.*)$/)).find(Boolean);
    const name = app ? app[1] : ep.pod_name.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '');
    return { id: (ep.namespace ? ep.namespace + '/' : '') + name, ns: ep.namespace || '', world: false };
  }

  function endpointText(ep, ip, port) {
    const host = ep && ep.pod_name ? (ep.namespace ? ep.namespace + '/' : '') + ep.pod_name : (ip || '');
    return port ? host + ':' + port : host;
  }

  function ports(l4) {
    const p = l4 && (l4.TCP || l4.UDP || l4.SCTP);
    return p ? [p.source_port || 0, p.destination_port || 0] : [0, 0];
  }

  function flowType(f) {
    const et = f.event_type || {};
    const points = ['to-endpoint', 'to-proxy', 'to-host', 'to-stack', 'to-overlay', 'from-endpoint', 'from-proxy',
      'from-host', 'from-stack', 'from-overlay', 'from-network', 'to-network', 'from-crypto', 'to-crypto'];
    if (et.type === 4) return points[et.sub_type || 0] || 'trace';
    if (et.type === 1) return f.drop_reason_desc || 'drop';
    if (et.type === 5) return 'policy-verdict ' + (f.traffic_direction || '');
    return 'event ' + (et.type || 0);
  }

  function summary(f) {
    const l4 = f.l4 || {};
    if (l4.TCP) {
      const flags = Object.keys((l4.TCP.flags) || {}).filter((k) => l4.TCP.flags[k]);
      return 'TCP Flags: ' + flags.join(', ');
    }
    if (l4.UDP) return 'UDP';
    if (l4.ICMPv4) return 'ICMPv4';
    if (l4.ICMPv6) return 'ICMPv6';
    return '';
  }

  function addRow(f, nodeName) {
    const [sp, dp] = ports(f.l4);
    const ip = f.IP || {};
    const cells = [
      (f.time || '').replace('T', ' ').replace('Z', ''), f.node_name || nodeName || '',
      endpointText(f.source, ip.source, sp), endpointText(f.destination, ip.destination, dp),
      flowType(f), f.verdict || '', summary(f),
    ];
    const filter = $('text').value.trim().toLowerCase();
    if (filter && !cells.join(' ').toLowerCase().includes(filter)) return;
    const tr = document.createElement('tr');
    if (f.verdict === 'DROPPED') tr.className = 'dropped';
    tr.dataset.verdict = f.verdict || '';
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.appendChild(td);
    }
    const body = $('flows').tBodies[0];
    body.insertBefore(tr, body.firstChild);
    while (body.rows.length > maxRows) body.deleteRow(body.rows.length - 1);
    $('count').textContent = String(++state.rows);
  }

  function addToMap(f) {
    const ip = f.IP || {};
    let src = workload(f.source, ip.source);
    let dst = workload(f.destination, ip.destination);
    if (f.is_reply === true) [src, dst] = [dst, src];
    for (const n of [src, dst]) if (!state.nodes.has(n.id)) state.nodes.set(n.id, n);
    const key = src.id + '\u2192' + dst.id;
    const e = state.edges.get(key) || { from: src.id, to: dst.id, flows: 0, drops: 0 };
    e.flows++;
    if (f.verdict === 'DROPPED') e.drops++;
    state.edges.set(key, e);
  }

  const svgNs = 'http://www.w3.org/2000/svg';
  function el(name, attrs, text) {
    const x = document.createElementNS(svgNs, name);
    for (const k in attrs) x.setAttribute(k, attrs[k]);
    if (text !== undefined) x.textContent = text;
    return x;
  }

  function drawMap() {
    const svg = $('map');
    svg.textContent = '';
    const defs = el('defs', {});
    for (const [id, color] of [['arrow', '#868e96'], ['arrow-red', '#e03131']]) {
      const m = el('marker', { id, viewBox: '0 0 10 10', refX: '28', refY: '5', markerWidth: '6', markerHeight: '6', orient: 'auto' });
      m.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: color }));
      defs.appendChild(m);
    }
    svg.appendChild(defs);
    const nodes = [...state.nodes.values()];
    const pos = new Map();
    const cx = 400, cy = 240, r = Math.min(200, 60 + nodes.length * 18);
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
      pos.set(n.id, [cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    });
    for (const e of state.edges.values()) {
      const [x1, y1] = pos.get(e.from);
      const [x2, y2] = pos.get(e.to);
      const cls = e.drops > 0 ? 'edge dropped' : 'edge';
      const line = el('line', { class: cls, x1, y1, x2, y2, 'data-from': e.from, 'data-to': e.to, 'data-drops': e.drops });
      line.appendChild(el('title', {}, e.from + ' \u2192 ' + e.to + ': ' + e.flows + ' flows, ' + e.drops + ' dropped'));
      svg.appendChild(line);
      svg.appendChild(el('text', { class: 'edge-label', x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4 }, e.drops > 0 ? e.flows + ' (' + e.drops + ' dropped)' : String(e.flows)));
    }
    for (const n of nodes) {
      const [x, y] = pos.get(n.id);
      const g = el('g', { class: n.world ? 'node world' : 'node', 'data-id': n.id, transform: 'translate(' + x + ',' + y + ')' });
      g.appendChild(el('circle', { r: 22 }));
      g.appendChild(el('text', { y: 38 }, n.id));
      svg.appendChild(g);
    }
  }

  let redraw = null;
  function scheduleDraw() {
    if (redraw) return;
    redraw = setTimeout(() => { redraw = null; drawMap(); }, 200);
  }

  // ?last=N in the page's address sets how much history the page starts with (default 200).
  function query() {
    const last = new URLSearchParams(location.search).get('last');
    const p = new URLSearchParams({ follow: 'true', last: /^[0-9]+$/.test(last || '') ? last : '200' });
    if ($('namespace').value) p.append('namespace', $('namespace').value);
    if ($('verdict').value) p.append('verdict', $('verdict').value);
    if ($('pod').value.trim()) p.append('pod', $('pod').value.trim());
    return '/v1/flows?' + p.toString();
  }

  function connect() {
    if (state.source) state.source.close();
    state.nodes.clear();
    state.edges.clear();
    state.rows = 0;
    $('flows').tBodies[0].textContent = '';
    $('count').textContent = '0';
    drawMap();
    const source = new EventSource(query());
    state.source = source;
    source.onopen = () => { $('state').textContent = 'live'; };
    source.onerror = () => { $('state').textContent = 'reconnecting'; };
    source.onmessage = (m) => {
      const r = JSON.parse(m.data);
      if (r.flow) {
        addRow(r.flow, r.node_name);
        addToMap(r.flow);
        scheduleDraw();
      } else if (r.node_status) {
        $('state').textContent = (r.node_status.state_change || '') + ': ' + (r.node_status.node_names || []).join(', ');
      }
    };
  }

  async function loadNamespaces() {
    try {
      const res = await fetch('/v1/namespaces');
      const body = await res.json();
      const select = $('namespace');
      const wanted = new URLSearchParams(location.search).get('namespace') || '';
      for (const n of body.namespaces || []) {
        const o = document.createElement('option');
        o.value = o.textContent = n.namespace;
        select.appendChild(o);
      }
      if (wanted) {
        if (![...select.options].some((o) => o.value === wanted)) {
          const o = document.createElement('option');
          o.value = o.textContent = wanted;
          select.appendChild(o);
        }
        select.value = wanted;
      }
    } catch (e) {
      $('state').textContent = 'namespaces unavailable';
    }
  }

  $('apply').addEventListener('click', connect);
  loadNamespaces().then(connect);
})();

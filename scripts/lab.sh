#!/usr/bin/env bash
# The main command: installs prerequisites, builds, starts NATS (JetStream) and the control plane on
# 127.0.0.1, and allocates the identities of the seed's workloads (a kind cluster running Cilium and its
# connectivity test). `scripts/lab.sh --down` stops everything and removes the lab's state.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lab_dir="${CILIUM_LAB_DIR:-/tmp/cilium-lab}"
nats_port="${CILIUM_NATS_PORT:-4222}"
identity_url="http://127.0.0.1:8081"

stop() {
  for pidfile in "$lab_dir"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null && echo "lab: stopped $(basename "$pidfile" .pid) (pid $pid)"
    rm -f "$pidfile"
  done
}

if [ "${1:-}" = "--down" ]; then
  stop
  rm -rf "$lab_dir"
  echo "lab: down"
  exit 0
fi

scripts/prereqs.sh
[ -n "${CILIUM_LAB_NO_BUILD:-}" ] || scripts/build.sh   # CILIUM_LAB_NO_BUILD=1 reuses artifacts/bin
stop
mkdir -p "$lab_dir/nats"

wait_for() { # url what
  for _ in $(seq 1 100); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "lab: $2 did not become ready; see $lab_dir/*.log" >&2
  exit 1
}

nats-server -js -a 127.0.0.1 -p "$nats_port" -m $((nats_port + 4000)) -sd "$lab_dir/nats" -n cilium-lab >"$lab_dir/nats.log" 2>&1 &
echo $! >"$lab_dir/nats.pid"
wait_for "http://127.0.0.1:$((nats_port + 4000))/healthz" nats-server

"$root/artifacts/bin/cilium-identity" --urls "$identity_url" --Nats:Url="nats://127.0.0.1:$nats_port" >"$lab_dir/identity.log" 2>&1 &
echo $! >"$lab_dir/identity.pid"
wait_for "$identity_url/readyz" cilium-identity

# The seed's workloads: Cilium's own components and the connectivity test's pods, with the labels Kubernetes
# and Cilium give them (pod-template-hash and friends are dropped by the security-relevant filter).
workloads=(
  "kube-system/coredns|k8s:k8s-app=kube-dns k8s:io.kubernetes.pod.namespace=kube-system k8s:io.cilium.k8s.policy.serviceaccount=coredns k8s:io.cilium.k8s.policy.cluster=default k8s:pod-template-hash=5d78c9869d"
  "kube-system/cilium-operator|k8s:io.cilium/app=operator k8s:name=cilium-operator k8s:io.kubernetes.pod.namespace=kube-system k8s:io.cilium.k8s.policy.serviceaccount=cilium-operator k8s:io.cilium.k8s.policy.cluster=default"
  "kube-system/hubble-relay|k8s:k8s-app=hubble-relay k8s:app.kubernetes.io/name=hubble-relay k8s:app.kubernetes.io/part-of=cilium k8s:io.kubernetes.pod.namespace=kube-system k8s:io.cilium.k8s.policy.serviceaccount=hubble-relay k8s:io.cilium.k8s.policy.cluster=default"
  "kube-system/hubble-ui|k8s:k8s-app=hubble-ui k8s:app.kubernetes.io/name=hubble-ui k8s:app.kubernetes.io/part-of=cilium k8s:io.kubernetes.pod.namespace=kube-system k8s:io.cilium.k8s.policy.serviceaccount=hubble-ui k8s:io.cilium.k8s.policy.cluster=default"
  "cilium-test-1/client|k8s:kind=client k8s:name=client k8s:io.kubernetes.pod.namespace=cilium-test-1 k8s:io.cilium.k8s.policy.serviceaccount=client k8s:io.cilium.k8s.policy.cluster=default"
  "cilium-test-1/client2|k8s:kind=client k8s:name=client2 k8s:other=client k8s:io.kubernetes.pod.namespace=cilium-test-1 k8s:io.cilium.k8s.policy.serviceaccount=client2 k8s:io.cilium.k8s.policy.cluster=default"
  "cilium-test-1/echo-same-node|k8s:kind=echo k8s:name=echo-same-node k8s:io.kubernetes.pod.namespace=cilium-test-1 k8s:io.cilium.k8s.policy.serviceaccount=echo-same-node k8s:io.cilium.k8s.policy.cluster=default"
  "cilium-test-1/echo-other-node|k8s:kind=echo k8s:name=echo-other-node k8s:io.kubernetes.pod.namespace=cilium-test-1 k8s:io.cilium.k8s.policy.serviceaccount=echo-other-node k8s:io.cilium.k8s.policy.cluster=default"
)

printf '\n%-32s %-9s %s\n' "WORKLOAD" "IDENTITY" "SECURITY-RELEVANT LABELS"
for w in "${workloads[@]}"; do
  name=${w%%|*}
  labels=${w#*|}
  body="{\"labels\":[$(printf '"%s",' $labels | sed 's/,$//')]}"
  answer=$(curl -fsS -X POST "$identity_url/v1/identities" -H 'Content-Type: application/json' -d "$body")
  id=$(echo "$answer" | sed -E 's/.*"id":([0-9]+).*/\1/')
  shown=$(echo "$answer" | sed -E 's/.*"labels":\[([^]]*)\].*/\1/' | tr -d '"' | sed 's/,/ /g')
  printf '%-32s %-9s %s\n' "$name" "$id" "$shown"
done

cat <<EOT

Control plane running (state and logs in $lab_dir):
  NATS (JetStream)   nats://127.0.0.1:$nats_port
  cilium-identity    $identity_url        Swagger UI: $identity_url/swagger
Try:
  curl -s $identity_url/v1/identities | head -c 600; echo
  curl -s -X POST $identity_url/v1/identities -H 'Content-Type: application/json' -d '{"labels":["k8s:app=web","k8s:io.kubernetes.pod.namespace=shop"]}'
Stop it all with: scripts/lab.sh --down
EOT

#!/usr/bin/env bash
# The main command, as the seed does it with kind + cilium: prerequisites, build, a 3-node lab cluster of network
# namespaces (cilium lab up), Hubble Relay and UI (cilium hubble enable --ui), cilium status --wait, cilium
# connectivity test with Hubble flow validation; then it prints how to explore and leaves the lab running. Idempotent: a lab that is already up is reused. `scripts/lab.sh --down` removes it all.
#   CILIUM_LAB_NAME (default kind)   CILIUM_LAB_NO_BUILD=1 reuses artifacts/bin   CILIUM_LAB_NODES (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
name="${CILIUM_LAB_NAME:-kind}"
nodes="${CILIUM_LAB_NODES:-3}"
cilium() { dotnet "$root/artifacts/bin/cilium.dll" "$@"; }

if [ "${1:-}" = "--down" ]; then
  cilium lab down --name "$name" --force
  exit 0
fi

scripts/prereqs.sh
[ -n "${CILIUM_LAB_NO_BUILD:-}" ] || scripts/build.sh

echo; echo "\$ cilium lab up --name $name --nodes $nodes"
cilium lab up --name "$name" --nodes "$nodes"
echo; echo "\$ cilium version"
cilium version --name "$name"
echo; echo "\$ cilium hubble enable --ui"
cilium hubble enable --ui --name "$name"
echo; echo "\$ cilium status --wait"
cilium status --wait --name "$name"
echo; echo "\$ cilium connectivity test --request-timeout 30s --connect-timeout 10s --flow-validation"
cilium connectivity test --name "$name" --request-timeout 30s --connect-timeout 10s --flow-validation

lab_dir="${CILIUM_LAB_ROOT:-/tmp}/cilium-lab-$name"
policy_url=$(sed -n 's/.*"url": "\(http:[^"]*\)".*/\1/p' "$lab_dir/lab.json" | sed -n 3p)
relay_server=$(sed -n 's/.*"server": "\([^"]*\)".*/\1/p' "$lab_dir/lab.json")
hubble_ui=$(sed -n 's/.*"uiUrl": "\([^"]*\)".*/\1/p' "$lab_dir/lab.json")
cat <<EOT

The lab "$name" keeps running (state, sockets and logs in $lab_dir). Explore it:
  alias cilium='dotnet $root/artifacts/bin/cilium.dll'
  cilium status --name $name                                  # -o json for the machine-readable form
  cilium lab pod create default/web --name $name --node worker -l app=web
  cilium lab pod create default/cli --name $name --node worker2 -l app=cli
  cilium lab pod list --name $name
  cilium lab exec --name $name default/cli -- ping -c 1 <web's IP>
  CILIUM_SOCK=$lab_dir/nodes/worker/cilium.sock $root/artifacts/bin/cilium-dbg status     # per node: control-plane, worker, worker2
  CILIUM_SOCK=$lab_dir/nodes/worker/cilium.sock $root/artifacts/bin/cilium-dbg endpoint list
  Swagger UIs: $(sed -n 's/.*"url": "\(http:[^"]*\)".*/\1\/swagger/p' "$lab_dir/lab.json" | tr '\n' ' ')
  Policies:    curl -s $policy_url/v1/policies
Hubble (relay $relay_server over every node's observer):
  Hubble UI:   $hubble_ui                         # service map and live flows; ?namespace=cilium-test-1
  alias hubble='dotnet $root/artifacts/bin/hubble.dll'
  hubble observe --server $relay_server --last 20
  hubble observe --server $relay_server --verdict DROPPED -n cilium-test-1 --last 20
  hubble observe --server $relay_server -f --pod default/web          # follow, while you curl or ping
  hubble status --server $relay_server; hubble list nodes --server $relay_server
  cilium hubble disable --name $name                          # stops the relay; cilium hubble enable --ui starts it again
Remove it with: scripts/lab.sh --down
EOT

#!/usr/bin/env bash
# Builds the solution and publishes every executable into artifacts/bin under its Cilium name.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIGURATION:-Release}"

dotnet build Cilium.Services.sln -c "$config" -nologo -clp:ErrorsOnly

executables=(
  services/Cilium.Identity services/Cilium.Endpoint services/Cilium.Policy services/Cilium.ClusterMesh
  services/Cilium.Operator services/Cilium.Agent services/Cilium.Hubble.Relay services/Cilium.Cni
  services/Cilium.Dbg services/Cilium.Cli services/Cilium.Hubble.Cli
)
mkdir -p artifacts/bin
for p in "${executables[@]}"; do
  dotnet publish "$p" -c "$config" --no-build -nologo -v quiet -o artifacts/bin >/dev/null
done
echo "build: executables in artifacts/bin: $(cd artifacts/bin && ls cilium* hubble* 2>/dev/null | grep -v '\.' | tr '\n' ' ')"

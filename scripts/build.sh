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
# A runtime starts cilium-cni once per verb, so start-up is most of an ADD: ship it as a Native AOT binary (about
# 30 ms instead of 250 ms of JIT per invocation). It replaces the apphost of the same name; the .dll stays usable.
dotnet publish services/Cilium.Cni -c "$config" -r linux-x64 -p:PublishAot=true -nologo -v quiet -o artifacts/bin/.cni-aot >/dev/null
mv -f artifacts/bin/.cni-aot/cilium-cni artifacts/bin/cilium-cni
rm -rf artifacts/bin/.cni-aot
echo "build: executables in artifacts/bin: $(cd artifacts/bin && ls cilium* hubble* 2>/dev/null | grep -v '\.' | tr '\n' ' ')"

#!/usr/bin/env bash
# Builds the solution and publishes every executable into artifacts/bin under its Cilium name.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIGURATION:-Release}"

dotnet build Cilium.Services.sln -c "$config" -nologo -clp:ErrorsOnly

# cilium-cni first: its portable copy is not precompiled (the shipped one is Native AOT, below), and whatever it shares
# with the others must be overwritten by their precompiled copies, not the other way round.
executables=(
  services/Cilium.Cni services/Cilium.Identity services/Cilium.Endpoint services/Cilium.Policy services/Cilium.ClusterMesh
  services/Cilium.Operator services/Cilium.Agent services/Cilium.Hubble.Relay
  services/Cilium.Dbg services/Cilium.Cli services/Cilium.Hubble.Cli
)
mkdir -p artifacts/bin
# Precompiled (ReadyToRun) for linux-x64, dependencies included: the daemons run with tiered compilation off
# (ServiceRuntime.props), so this native code is what they run from the first request on, and the CLIs start faster.
# --no-build reuses the portable build above (Precompiled.props lets restore prepare linux-x64); the output path stays
# the portable one. Every executable is precompiled, so a shared assembly is never overwritten by an IL-only copy.
for p in "${executables[@]}"; do
  if [ "$p" = services/Cilium.Cni ]; then
    dotnet publish "$p" -c "$config" --no-build -nologo -v quiet -o artifacts/bin >/dev/null
  else
    dotnet publish "$p" -c "$config" --no-build -r linux-x64 -p:AppendRuntimeIdentifierToOutputPath=false -nologo -v quiet -o artifacts/bin >/dev/null
  fi
done
# A runtime starts cilium-cni once per verb, so start-up is most of an ADD: ship it as a Native AOT binary (about
# 30 ms instead of 250 ms of JIT per invocation). It replaces the apphost of the same name; the .dll stays usable.
dotnet publish services/Cilium.Cni -c "$config" -r linux-x64 -p:PublishAot=true -nologo -v quiet -o artifacts/bin/.cni-aot >/dev/null
mv -f artifacts/bin/.cni-aot/cilium-cni artifacts/bin/cilium-cni
rm -rf artifacts/bin/.cni-aot
echo "build: executables in artifacts/bin: $(cd artifacts/bin && ls cilium* hubble* 2>/dev/null | grep -v '\.' | tr '\n' ' ')"

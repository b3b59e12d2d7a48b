#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine that has the .NET SDK. Idempotent: it only calls
# apt-get when a package is missing, and only mounts bpffs when it is not mounted.
set -euo pipefail

# podman (CNI backend), runc and busybox-static: the CNI tests run real containers through cilium-cni from an image
# made locally out of busybox-static, so no registry is needed. runc because crun refuses hybrid cgroup mounts.
# chromium + chromium-driver: the Hubble UI test drives headless Chromium through Debian's chromedriver.
packages=(nats-server clang llvm libbpf-dev libbpf1 bpftool iproute2 iputils-ping iperf3 wrk curl podman runc busybox-static
  chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "prereqs: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }

# The datapath pins programs and maps under bpffs.
if [ "$(id -u)" = 0 ] && ! mountpoint -q /sys/fs/bpf; then
  mount -t bpf bpf /sys/fs/bpf
fi

#!/usr/bin/env bash
# Issue 4's serializer benchmark: the generated wire serializer against System.Text.Json's source-generated one on
# one order graph (bench/SerializerBench, BenchmarkDotNet, Release), both directions and the bytes each produces.
# Writes the "Serializer vs System.Text.Json" section of bench/RESULTS.md and prints BenchmarkDotNet's log.
# Usage: bash bench/serializer.sh        (about 2 minutes; BenchmarkDotNet's artifacts go to a temporary folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
raw="$(mktemp)"
artifacts="$(mktemp -d)"
trap 'rm -rf "$raw" "$artifacts"' EXIT

dotnet build "$here/SerializerBench" -c Release -v q -nologo >/dev/null
# The measured code is runtime/, generator/ and the bench itself: say so when it differs from the commit named.
dirty=""
if [ -n "$(git -C "$here/.." status --porcelain -- runtime generator bench/SerializerBench)" ]; then
  dirty=" (with uncommitted changes)"
fi
echo "# $(date -u +%FT%TZ) commit $(git -C "$here" rev-parse --short HEAD)$dirty nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"
# Run from the project's folder: BenchmarkDotNet looks for SerializerBench.csproj from the current directory to build
# the process it measures in.
(cd "$here/SerializerBench" && dotnet "$here/SerializerBench/bin/Release/net10.0/SerializerBench.dll" "$artifacts") | tee -a "$raw"
echo "# loadavg at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

python3 "$here/summarize_serializer.py" "$raw" "$here/RESULTS.md"

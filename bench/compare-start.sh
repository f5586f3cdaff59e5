#!/usr/bin/env bash
# Child start -> result, side by side in one run: Parallelize (JIT child), a bare `dotnet app.dll` start (the .NET
# floor) and Python's multiprocessing start methods (the anchor script from ../shared/anchors/python).
# Usage: bash bench/compare-start.sh [runs]   (Release build; prints JSON lines)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-20}"
dotnet build "$here/StartLatency" -c Release -v q -nologo >/dev/null
echo "# $(date -u +%FT%TZ) nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$here/StartLatency/bin/Release/net10.0/StartLatency.dll" "$runs"
anchor="$here/../../shared/anchors/python/a_start_latency.py"
if [ -f "$anchor" ] && command -v python3 >/dev/null; then
  N="$runs" python3 "$anchor"
fi

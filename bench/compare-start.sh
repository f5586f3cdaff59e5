#!/usr/bin/env bash
# Dedicated child start -> result -> exit, side by side in one run, and the start section of bench/RESULTS.md:
#   bench/StartLatency, interleaved row by row: our JIT child (with the package's precompiled runtime, as a package user
#   runs it) and a bare `dotnet BareApp.dll` (the JIT floor), our
#   NativeAOT child (from the net8.0 NativeAOT build of the same app) and the bare NativeAOT BareApp (the NativeAOT floor);
#   then Python's multiprocessing start methods (the anchor script from ../shared/anchors/python, when present).
# Usage: bash bench/compare-start.sh [runs]   (default 40 per variant; Release builds; prints the JSON lines)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-40}"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT

run() { echo "\$ $*" >&2; "$@" | tee -a "$raw"; }

dotnet build "$here/StartLatency" -f net10.0 -c Release -v q -nologo >/dev/null
# The JIT build runs with the runtime a package user gets: the package's precompiled (ReadyToRun) linux-x64
# Parallelize.dll, which the dotnet host loads in place of the IL one that a project reference copies.
jit="$here/StartLatency/bin/packaged"
bash "$here/packaged-runtime.sh" "$here/StartLatency/bin/Release/net10.0" "$jit"
# NativeAOT for net8.0 (no net10.0 compiler packages here), linked with gcc where there is no clang (NativeAot.props).
dotnet publish "$here/BareApp" -f net8.0 --use-current-runtime -c Release -o "$here/BareApp/bin/native" -v q -nologo >/dev/null
dotnet publish "$here/StartLatency" -f net8.0 --use-current-runtime -c Release -o "$here/StartLatency/bin/native" -v q -nologo >/dev/null

# The measured code is runtime/, generator/ and bench/: say so when it differs from the commit named.
dirty=""
if [ -n "$(git -C "$here/.." status --porcelain -- runtime generator bench ':(exclude)bench/RESULTS.md')" ]; then
  dirty=" (with uncommitted changes)"
fi
echo "# $(date -u +%FT%TZ) commit $(git -C "$here" rev-parse --short HEAD)$dirty nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

run dotnet "$jit/StartLatency.dll" "$runs" \
  "$here/StartLatency/bin/native/StartLatency" "$here/BareApp/bin/native/BareApp"
anchor="$here/../../shared/anchors/python/a_start_latency.py"
if [ -f "$anchor" ] && command -v python3 >/dev/null; then
  N="$runs" run python3 "$anchor"
fi
echo "# end loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

python3 "$here/summarize_start.py" "$raw" "$here/RESULTS.md"

#!/usr/bin/env bash
# Issue 3's pool figures under BenchmarkDotNet (bench/PoolBench, `PoolBench bdn`, Release): a warm round trip, the
# tiny-task map, one item per message, and the primes on the pool against the same ranges serially. Its own pilot,
# warm-up and statistics, as a check on bench/compare.sh, which times the same work by hand next to Python.
# Writes the "Pool under BenchmarkDotNet" section of bench/RESULTS.md and prints BenchmarkDotNet's log.
# Usage: bash bench/pool-benchmarks.sh        (about 2 minutes; BenchmarkDotNet's artifacts go to a temporary folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
raw="$(mktemp)"
artifacts="$(mktemp -d)"
trap 'rm -rf "$raw" "$artifacts"' EXIT

dotnet build "$here/PoolBench" -c Release -v q -nologo >/dev/null
# The measured code is runtime/, generator/ and the bench itself: say so when it differs from the commit named.
dirty=""
if [ -n "$(git -C "$here/.." status --porcelain -- runtime generator bench/PoolBench)" ]; then
  dirty=" (with uncommitted changes)"
fi
echo "# $(date -u +%FT%TZ) commit $(git -C "$here" rev-parse --short HEAD)$dirty nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"
# Run from the project's folder: BenchmarkDotNet looks for PoolBench.csproj from the current directory to build the
# process it measures in.
(cd "$here/PoolBench" && dotnet "$here/PoolBench/bin/Release/net10.0/PoolBench.dll" bdn "$artifacts") | tee -a "$raw"
echo "# loadavg at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

python3 "$here/summarize_pool_bdn.py" "$raw" "$here/RESULTS.md"

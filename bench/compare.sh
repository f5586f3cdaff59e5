#!/usr/bin/env bash
# The pool benchmarks of issue 3 side by side in one run: Parallelize (bench/PoolBench), the raw pipe ping-pong floor
# between two .NET processes (bench/PipeFloor) and Python's multiprocessing (bench/python, stdlib only), interleaved
# so that all see the same machine load. Writes the pool section of bench/RESULTS.md and prints the JSON lines.
# Usage: bash bench/compare.sh            (sizes: the environment variables of bench/python/*.py, e.g. N=200000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT

dotnet build "$here/PoolBench" -c Release -v q -nologo >/dev/null
dotnet build "$here/PipeFloor" -c Release -v q -nologo >/dev/null
# The same benchmarks published ReadyToRun, as an application is deployed for fast starts: the pool start is measured
# both ways.
dotnet publish "$here/PoolBench" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$here/PoolBench/bin/ReadyToRun" -v q -nologo >/dev/null
pool="dotnet $here/PoolBench/bin/Release/net10.0/PoolBench.dll"
pool_r2r="dotnet $here/PoolBench/bin/ReadyToRun/PoolBench.dll"
floor="dotnet $here/PipeFloor/bin/Release/net10.0/PipeFloor.dll"

run() { echo "\$ $*" >&2; "$@" | tee -a "$raw"; }
echo "# $(date -u +%FT%TZ) commit $(git -C "$here" rev-parse --short HEAD) nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"
run $floor
run $pool roundtrip
run python3 "$here/python/apply_latency.py"
run $pool map
run python3 "$here/python/map_throughput.py"
run $pool cpu
run python3 "$here/python/cpu_speedup.py"
run $pool ready
run $pool_r2r ready
run python3 "$here/python/pool_ready.py"
START_METHOD=spawn run python3 "$here/python/pool_ready.py"

python3 "$here/summarize_pool.py" "$raw" "$here/RESULTS.md"

#!/usr/bin/env bash
# The benchmarks side by side in one run: Parallelize, the .NET floors and Python's multiprocessing (bench/python,
# stdlib only), interleaved so that all see the same machine load. Writes sections of bench/RESULTS.md and prints the
# JSON lines.
#   pool  (default)  issue 3: bench/PoolBench, the raw pipe ping-pong floor (bench/PipeFloor), Python's Pool
#   bulk             issue 4: bench/BulkBench (100 MB double[] to a worker and back, and memcpy in the same run; with
#                    the default GC settings and tuned ones), bench/python/bulk_transfer.py
#   ipc              bench/IpcBench (ProcessQueue, ProcessJoinableQueue, ProcessPipe: N ints from one child to another;
#                    ProcessLock, Mutex and lock: uncontended pairs), bench/python/ipc_throughput.py (Queue, SimpleQueue,
#                    JoinableQueue, Pipe, Lock), each mode of ours followed by Python's
#   all              all three
# Usage: bash bench/compare.sh [pool|bulk|ipc|all]   (sizes: the environment variables of the scripts, e.g. N=200000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-pool}"
case "$mode" in pool|bulk|ipc|all) ;; *) echo "usage: $0 [pool|bulk|ipc|all]" >&2; exit 2 ;; esac
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT

run() { echo "\$ $*" >&2; "$@" | tee -a "$raw"; }
# The measured code is runtime/, generator/ and bench/: say so when it differs from the commit named.
dirty=""
if [ -n "$(git -C "$here/.." status --porcelain -- runtime generator bench ':(exclude)bench/RESULTS.md')" ]; then
  dirty=" (with uncommitted changes)"
fi
echo "# $(date -u +%FT%TZ) commit $(git -C "$here" rev-parse --short HEAD)$dirty nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

pool() {
  dotnet build "$here/PoolBench" -c Release -v q -nologo >/dev/null
  dotnet build "$here/PipeFloor" -c Release -v q -nologo >/dev/null
  # The same benchmarks published ReadyToRun, as an application is deployed for fast starts: the pool start is measured
  # both ways.
  dotnet publish "$here/PoolBench" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -o "$here/PoolBench/bin/ReadyToRun" -v q -nologo >/dev/null
  # And as `dotnet build` leaves it for a package user: the app JIT-compiled, the package's precompiled runtime.
  bash "$here/packaged-runtime.sh" "$here/PoolBench/bin/Release/net10.0" "$here/PoolBench/bin/packaged"
  pool="dotnet $here/PoolBench/bin/Release/net10.0/PoolBench.dll"
  pool_packaged="dotnet $here/PoolBench/bin/packaged/PoolBench.dll"
  pool_r2r="dotnet $here/PoolBench/bin/ReadyToRun/PoolBench.dll"
  floor="dotnet $here/PipeFloor/bin/Release/net10.0/PipeFloor.dll"

  run $floor
  run $pool roundtrip
  run python3 "$here/python/apply_latency.py"
  run $pool map
  run python3 "$here/python/map_throughput.py"
  run $pool cpu
  run python3 "$here/python/cpu_speedup.py"
  # The same equal-work ranges made as long as Python's (~0.6 s each: LIMIT 20,000,000 against Python's 2,000,000), so
  # that the scheduling noise of this VM, a few ms a map, weighs on our speedup no more than on Python's.
  LIMIT=20000000 CPU_REPEATS=3 CPU_WARM_S=0 CHUNKINGS=equal_work CPU_SIZE=python_range_time run $pool cpu
  run $pool_packaged ready
  run $pool_r2r ready
  run python3 "$here/python/pool_ready.py"
  START_METHOD=spawn run python3 "$here/python/pool_ready.py"

  python3 "$here/summarize_pool.py" "$raw" "$here/RESULTS.md"
}

bulk() {
  dotnet build "$here/BulkBench" -c Release -v q -nologo >/dev/null
  bulk="dotnet $here/BulkBench/bin/Release/net10.0/BulkBench.dll"
  run $bulk echo
  # The same, the application's GC set so that a new 100 MB array lands in memory the process already has: no
  # background (concurrent) gen2, and freed memory kept (<ConcurrentGarbageCollection>false, <RetainVMGarbageCollection>
  # true in a project file). Workers inherit the variables.
  DOTNET_gcConcurrent=0 DOTNET_GCRetainVM=1 run $bulk echo
  run python3 "$here/python/bulk_transfer.py"
  python3 "$here/summarize_bulk.py" "$raw" "$here/RESULTS.md"
}

ipc() {
  dotnet build "$here/IpcBench" -c Release -v q -nologo >/dev/null
  ipc="dotnet $here/IpcBench/bin/Release/net10.0/IpcBench.dll"
  for what in queue pipe lock; do
    run $ipc $what
    run python3 "$here/python/ipc_throughput.py" $what
  done
  python3 "$here/summarize_ipc.py" "$raw" "$here/RESULTS.md"
}

case "$mode" in
  pool) pool ;;
  bulk) bulk ;;
  ipc) ipc ;;
  all) pool; bulk; ipc ;;
esac

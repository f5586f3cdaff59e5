#!/usr/bin/env bash
# Runs one BenchmarkDotNet suite of bench/ (Release) and writes its section of bench/RESULTS.md; bench/serializer.sh
# and bench/pool-benchmarks.sh name the suite. BenchmarkDotNet's artifacts go to a temporary folder.
# Usage: bash bench/benchmarkdotnet.sh PROJECT SUMMARIZER [ARGS...]
#   runs bench/PROJECT/bin/Release/net10.0/PROJECT.dll ARGS... ARTIFACTS_DIR, then bench/SUMMARIZER on its output
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$1"
summarizer="$2"
shift 2
raw="$(mktemp)"
artifacts="$(mktemp -d)"
trap 'rm -rf "$raw" "$artifacts"' EXIT

dotnet build "$here/$project" -c Release -v q -nologo >/dev/null
# The measured code is runtime/, generator/ and the suite itself: say so when it differs from the commit named.
dirty=""
if [ -n "$(git -C "$here/.." status --porcelain -- runtime generator "bench/$project")" ]; then
  dirty=" (with uncommitted changes)"
fi
echo "# $(date -u +%FT%TZ) commit $(git -C "$here" rev-parse --short HEAD)$dirty nproc=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"
# Run from the project's folder: BenchmarkDotNet looks for the .csproj from the current directory to build the process
# it measures in.
(cd "$here/$project" && dotnet "$here/$project/bin/Release/net10.0/$project.dll" "$@" "$artifacts") | tee -a "$raw"
echo "# loadavg at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

python3 "$here/$summarizer" "$raw" "$here/RESULTS.md"

#!/usr/bin/env bash
# Copies a net10.0 application's build output and puts in it the Parallelize.dll a package user's app loads: the
# package's precompiled (ReadyToRun) linux-x64 runtime, which the dotnet host prefers to the IL one a project reference
# copies. Packs the runtime to get it, exactly as `dotnet pack` ships it.
# Usage: bash bench/packaged-runtime.sh <build output folder> <new folder>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$1"
target_dir="$2"
feed="$(mktemp -d)"
trap 'rm -rf "$feed"' EXIT

rm -rf "$target_dir"
cp -r "$source_dir" "$target_dir"
dotnet pack "$here/../runtime/Parallelize" -c Release -o "$feed" -v q -nologo >/dev/null
python3 - "$feed" "$target_dir/Parallelize.dll" <<'PY'
import glob, sys, zipfile
package = [p for p in glob.glob(sys.argv[1] + "/*.nupkg") if not p.endswith(".snupkg")][0]
with zipfile.ZipFile(package) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("runtimes/linux-x64/lib/net10.0/Parallelize.dll"))
PY

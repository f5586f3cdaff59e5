#!/usr/bin/env bash
# Issue 3's pool figures under BenchmarkDotNet (bench/PoolBenchmarks, Release): a warm round trip, the
# tiny-task map, one item per message, and the primes on the pool against the same ranges serially. Its own pilot,
# warm-up and statistics, as a check on bench/compare.sh, which times the same work by hand next to Python.
# Writes the "Pool under BenchmarkDotNet" section of bench/RESULTS.md and prints BenchmarkDotNet's log.
# Usage: bash bench/pool-benchmarks.sh        (about 2 minutes; BenchmarkDotNet's artifacts go to a temporary folder)
exec bash "$(dirname "$0")/benchmarkdotnet.sh" PoolBenchmarks summarize_pool_bdn.py

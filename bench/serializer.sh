#!/usr/bin/env bash
# Issue 4's serializer benchmark: the generated wire serializer against System.Text.Json's source-generated one on
# one order graph (bench/SerializerBench, BenchmarkDotNet, Release), both directions and the bytes each produces.
# Writes the "Serializer vs System.Text.Json" section of bench/RESULTS.md and prints BenchmarkDotNet's log.
# Usage: bash bench/serializer.sh        (about 2 minutes; BenchmarkDotNet's artifacts go to a temporary folder)
exec bash "$(dirname "$0")/benchmarkdotnet.sh" SerializerBench summarize_serializer.py

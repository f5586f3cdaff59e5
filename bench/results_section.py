"""Writes one section of bench/RESULTS.md, the text between its two markers, for the summarize_*.py scripts."""
import json
import sys


def read_run(raw_path, bench, script):
    """The "# " header lines of a suite's output and its one JSON result line for `bench`; exits when there is none."""
    headers, run = [], None
    for line in open(raw_path):
        line = line.strip()
        if line.startswith("# "):
            headers.append(line[2:])
        elif line.startswith('{"bench":"%s"' % bench):
            run = json.loads(line)
    if run is None:
        sys.exit(f"{script}: no result line in the output (did the benchmarks fail?)")
    return headers, run


def write_section(results_path, begin, end, section):
    """Replaces the section between `begin` and `end`; a new section goes before the first one, newest first."""
    text = open(results_path, encoding="utf-8").read()
    if begin in text and end in text:
        start, stop = text.index(begin), text.index(end) + len(end)
        text = text[:start] + section + text[stop:]
    else:
        found = [i for i in (text.find("\n## "), text.find("\n<!-- ")) if i >= 0]
        if found:
            first = min(found)
            text = text[:first + 1] + section + "\n\n" + text[first + 1:]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(results_path, "w", encoding="utf-8").write(text)
    print(section)

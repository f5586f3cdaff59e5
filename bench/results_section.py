"""Writes one section of bench/RESULTS.md, the text between its two markers, for the summarize_*.py scripts."""


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

"""The log service from the OOM story: each function reads a whole log to use a small part of it.

With memlint in VS Code every such read is underlined; the lightbulb (Ctrl+.) offers the streaming fix.
Make a big log to run it on:  python3 generate_log.py   (writes big.log, not committed)
Then:                         python3 logs.py big.log
"""
import re
import sys

SECTION = re.compile(r"^#==\[\s*(.+?)\s*\]={5,}#\s*$")


def last_lines(path, n=1000):
    """The tail of the log, for the status page."""
    with open(path) as f:
        return "".join(f.readlines()[-n:])


def count_section(path, name):
    """How many lines one section (e.g. "errors") has."""
    with open(path, errors="replace") as f:
        content = f.read()
    inside = False
    count = 0
    for line in content.splitlines():
        match = SECTION.match(line)
        if match:
            inside = name.lower() in match.group(1).lower()
        elif inside:
            count += 1
    return count


def is_log_file(path):
    """Check the header before accepting an upload."""
    with open(path, errors="replace") as f:
        return f.read().startswith("#==[ log")


if __name__ == "__main__":
    log = sys.argv[1] if len(sys.argv) > 1 else "big.log"
    print("header ok:", is_log_file(log))
    print("error lines:", count_section(log, "errors"))
    print(last_lines(log, 3), end="")

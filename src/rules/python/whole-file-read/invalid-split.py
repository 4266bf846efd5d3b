"""Whole reads split with split("\n") or split("\r\n"), then looped over or counted: the fixes add a helper once."""
import sys
from pathlib import Path


def status_counts(path):
    # The story's loop: text mode, so an undecodable byte would now raise mid-loop (unsafe).
    counts = {}
    for line in open(path).read().split("\n"):
        counts[line[-3:]] = counts.get(line[-3:], 0) + 1
    return counts


def binary_records(path):
    with open(path, "rb") as f:
        for record in f.read().split(b"\n"):
            sys.stdout.buffer.write(record[:4])


def crlf_records(path):
    with open(path, "rb") as f:
        return [len(record) for record in f.read().split(b"\r\n")]


def lenient_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for line in text.split("\n"):
        print(line)


def latin1_untranslated(path):
    with open(path, encoding="latin-1", newline="") as f:
        for line in f.read().split("\r\n"):
            print(repr(line))


def count_items(path):
    # Counting consumes every item at once: an undecodable byte still raises before anything else runs.
    return len(open(path, encoding="utf-8").read().split("\n"))


def path_bytes(path):
    for chunk in Path(path).read_bytes().split(b"\n"):
        print(chunk.hex())


def unknown_mode(path, mode):
    with open(path, mode) as f:
        return [line for line in f.read().split("\n")]


def mismatched_separator(path):
    # A str separator on bytes raises TypeError whatever the file holds: reported, no fix.
    with open(path, "rb") as f:
        for line in f.read().split("\n"):
            print(line)

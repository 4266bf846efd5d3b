"""Streaming already: nothing to report."""
from collections import deque


def last_lines(path, n=1000):
    with open(path) as f:
        return "".join(deque(f, maxlen=n))


def count_errors(path):
    with open(path) as f:
        return sum(1 for line in f if "ERROR" in line)

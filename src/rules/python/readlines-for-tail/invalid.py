"""Every line read only to keep the last few."""
import collections
from pathlib import Path


def tail_joined(path):
    with open(path) as f:
        return "".join(f.readlines()[-5:])


def tail_list(path, n):
    with open(path) as f:
        return f.readlines()[-n:]


def last_line(path):
    with open(path, "rb") as f:
        return f.readlines()[-1]


def second_to_last(path):
    with open(path) as f:
        return f.readlines()[-2]


def looped(path):
    with open(path) as f:
        for line in f.readlines()[-3:]:
            print(line, end="")


def split_tail(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[-10:]


def split_tail_n(path, count):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[-count:]


def newline_tail(path):
    with open(path) as f:
        text = f.read()
    return text.split("\n")[-2:]


def get_last_n_lines(file_path, n=1000):
    with open(file_path, "r") as f:
        all_lines = f.readlines()
        return "".join(all_lines[-n:])


def last_few(path):
    with open(path) as f:
        lines = f.readlines()
    return lines[-1], lines[-3:]


def path_tail(path):
    return Path(path).read_text(encoding="utf-8").splitlines()[-20:]


def self_limit(self, path):
    with open(path) as f:
        return f.readlines()[-self.limit:]


def changed_n(path, n):
    with open(path) as f:
        lines = f.readlines()
    n = n * 2
    return lines[-n:]


def unknown_mode(path, mode):
    # The mode is not a literal: str or bytes is unknown, so the split text cannot be joined back.
    with open(path, mode) as f:
        return f.read().splitlines()[-3:]


def binary_tail(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")[-4:]


with open("app.log") as log:
    print(log.readlines()[-3:])


def computed_n(path, options):
    # n comes from a call: the guard would call it twice, so only the unsafe fix is offered.
    with open(path) as f:
        return f.readlines()[-options.count():]


def newest_first(path, k):
    # The last k lines, last first: k = None is every line, only a negative k keeps the read.
    with open(path) as f:
        return list(reversed(f.readlines()))[:k]


def newest_three(path):
    import codecs
    with codecs.open(path, encoding="utf-8") as f:
        for line in list(reversed(f.readlines()))[:3]:
            print(line)

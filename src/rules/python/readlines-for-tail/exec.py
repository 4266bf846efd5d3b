# Each case runs before and after the fixes on edge inputs; both runs must print and return the same.
import codecs
import collections
import io
from pathlib import Path


def case_join_literal(path, n):
    with open(path, encoding="utf-8") as f:
        return "".join(f.readlines()[-5:])


def case_list_variable_n(path, n):
    with open(path, encoding="utf-8") as f:
        return f.readlines()[-n:]


def case_last_line(path, n):
    with open(path, "rb") as f:
        return f.readlines()[-1]


def case_loop_over_tail(path, n):
    with open(path, encoding="utf-8") as f:
        for line in f.readlines()[-2:]:
            print(line.rstrip("\n"))


def case_splitlines_tail(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[-3:]


def case_splitlines_tail_n(path, n):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read().splitlines(True)[-n:]


def case_split_newline_variable(path, n):
    with open(path, "rb") as f:
        data = f.read()
    return data.split(b"\n")[-2:]


def case_seed(file_path, n):
    with open(file_path, "r", encoding="utf-8") as f:
        all_lines = f.readlines()
        return "".join(all_lines[-n:])


def case_several_uses(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    return lines[-1:], lines[-3:]


def case_path_tail_n(path, n):
    return Path(path).read_text(encoding="utf-8").splitlines()[-n:]


def case_reversed_tail(path, n):
    with open(path, encoding="utf-8") as f:
        return list(reversed(f.readlines()))[:3]


def case_reversed_tail_n(path, n):
    with open(path, "rb") as f:
        for line in list(reversed(f.readlines()))[:n]:
            print(line)


def case_reversed_tail_none(path, n):
    limit = n or None
    with open(path, encoding="utf-8") as f:
        return list(reversed(f.readlines()))[:limit]


def case_reversed_variable(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    return list(reversed(lines))[:n], n


def case_reversed_split(path, n):
    with open(path, encoding="utf-8") as f:
        return list(reversed(f.read().splitlines()))[:2]


def case_codecs_tail(path, n):
    with codecs.open(path, encoding="utf-8") as f:
        return f.readlines()[-4:]


def case_codecs_splitlines_tail(path, n):
    with codecs.open(path, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()[-n:]


def case_io_open_tail(path, n):
    with io.open(path, encoding="utf-8") as f:
        return "".join(f.readlines()[-2:])


def case_unsafe_attribute_n(path, n):
    class Options:
        limit = n
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    return lines[-Options.limit:]


def case_index_uses(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    return lines[-1], lines[-2]

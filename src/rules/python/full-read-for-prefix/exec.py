# Each case runs before and after the fixes on edge inputs; both runs must print and return the same.
# A text file read only in part is safe only when it always decodes (binary, errors=, Latin-1): otherwise a byte that
# does not decode past the start raised before and does not now (the text cases with strict decoding are unsafe).
import codecs
import io
from pathlib import Path


def case_head_bytes(path, n):
    with open(path, "rb") as f:
        return f.read()[:16]


def case_startswith_text(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read().startswith("first")


def case_startswith_tuple(path, n):
    return open(path, "rb").read().startswith((b"\xef\xbb\xbf", b"line 1"))


def case_several_uses(path, n):
    with open(path, "rb") as f:
        data = f.read()
    return data[:4], data.startswith(b"li"), data[5]


def case_index_text(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read()[2]


def case_first_line(path, n):
    with open(path, encoding="utf-8") as f:
        return f.readlines()[0]


def case_first_lines(path, n):
    with open(path, encoding="utf-8") as f:
        return f.readlines()[:3]


def case_lines_variable(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    return lines[0], lines[:2]


def case_splitlines_first(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[0]


def case_splitlines_some(path, n):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read().splitlines(True)[:4], None


def case_split_variable(path, n):
    with open(path, "rb") as f:
        data = f.read()
    return data.split(b"\n")[:2], data.split(b"\n")[1]


def case_split_first(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")[0]


def case_path_head(path, n):
    return Path(path).read_bytes()[:8]


def case_startswith_errors_replace(path, n):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().startswith("first")


def case_index_latin_1(path, n):
    with open(path, encoding="latin-1") as f:
        return f.read()[2]


def case_first_line_binary(path, n):
    with open(path, "rb") as f:
        return f.readlines()[0]


def case_first_lines_errors_ignore(path, n):
    with io.open(path, encoding="utf-8", errors="ignore") as f:
        lines = f.readlines()
    return lines[0], lines[:2]


def case_splitlines_first_surrogateescape(path, n):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read().splitlines()[0]


def case_splitlines_some_binary(path, n):
    with open(path, "rb") as f:
        return f.read().splitlines(True)[:4]


def case_path_startswith_replace(path, n):
    return Path(path).read_text(encoding="utf-8", errors="replace").startswith("line")


def case_codecs_head(path, n):
    with codecs.open(path, encoding="utf-8", errors="replace") as f:
        return f.read()[:10]


def case_codecs_first_lines(path, n):
    with codecs.open(path, encoding="utf-8", errors="backslashreplace") as f:
        return f.readlines()[:3]


def case_codecs_splitlines_first(path, n):
    with codecs.open(path, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()[:2]


def case_unsafe_startswith_strict(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read().startswith("line")


def case_unsafe_variable_bound(path, n):
    with open(path, encoding="utf-8") as f:
        return f.read()[:n]


def case_unsafe_used_after(path, n):
    with open(path, encoding="utf-8") as f:
        start = f.read()[:5]
        f.seek(0)
        return start, f.readline()


def case_unsafe_startswith_variable(path, n):
    prefix = "line %d" % n
    with open(path, encoding="utf-8") as f:
        return f.read().startswith(prefix)

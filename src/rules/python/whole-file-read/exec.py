# Each case runs before and after the fixes on edge inputs; both runs must print and return the same.
from pathlib import Path


def case_readlines_loop(path, n):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f.readlines():
            out.append(line)
    return out


def case_enumerate_comprehension(path, n):
    with open(path, encoding="utf-8") as f:
        return [(i, line.rstrip("\n")) for i, line in enumerate(f.readlines(), 1) if i <= n]


def case_inline_open(path, n):
    for line in open(path, encoding="utf-8").readlines():
        print(repr(line))


def case_splitlines_loop(path, n):
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            total += len(line)
            print(line)
    return total


def case_binary_keepends(path, n):
    with open(path, "rb") as f:
        return [line for line in f.read().splitlines(keepends=True)]


def case_untranslated_newlines(path, n):
    with open(path, encoding="utf-8", newline="") as f:
        return [line for line in f.read().splitlines()]


def case_path_read_text(path, n):
    upper = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        upper.append(line.upper())
    return upper


def case_variable_in_with(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
        seen = 0
        for line in lines:
            seen += 1
            if seen > n:
                break
    return seen


def case_variable_after_with(path, n):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for line in text.splitlines():
        print(line[:n])


def case_moved_with_assignments(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    counts = {}
    total = 0
    for line in lines:
        counts[len(line)] = counts.get(len(line), 0) + 1
        total += 1
    return counts, total


def case_search(path, n):
    found = "line 1" in open(path, encoding="utf-8").read()
    missing = "é" not in open(path, encoding="utf-8").read()
    return found, missing


def case_search_bytes(path, n):
    with open(path, "rb") as f:
        return b"\r" in f.read()


def case_count_lines(path, n):
    with open(path, encoding="utf-8") as f:
        return len(f.readlines())


def case_count_split_lines(path, n):
    with open(path, "rb") as f:
        return len(f.read().splitlines())


def case_count_newlines(path, n):
    return open(path, encoding="utf-8").read().count("\n")


def case_unsafe_needle(path, n):
    needle = "line %d" % n
    with open(path, encoding="utf-8") as f:
        return needle in f.read()


def case_unsafe_work_between(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
        print("loaded")
        for line in lines:
            print(line.strip())


def case_unsafe_lone_cr(path, n):
    with open(path, encoding="utf-8", newline="\r") as f:
        return [line for line in f.read().splitlines()]


def case_inline_variable(path, n):
    lines = open(path, encoding="utf-8").readlines()
    for line in lines:
        print(len(line))


def case_path_variable(path, n):
    text = Path(path).read_text(encoding="utf-8")
    for line in text.splitlines():
        print(line[::-1])


def case_unsafe_body_uses_file(path, n):
    with open(path, encoding="utf-8") as f:
        for line in f.readlines():
            print(line, f.closed)


def case_unsafe_untyped_path(path, n):
    class Box:
        pass

    box = Box()
    box.path = Path(path)
    return [line for line in box.path.read_text(encoding="utf-8").splitlines()]


def case_unsafe_class_body(path, n):
    class Table:
        rows = [row.upper() for row in Path(path).read_text(encoding="utf-8").splitlines()]

    return Table.rows


def case_split_binary(path, n):
    with open(path, "rb") as f:
        for record in f.read().split(b"\n"):
            print(record)


def case_split_binary_crlf(path, n):
    with open(path, "rb") as f:
        return [(i, record) for i, record in enumerate(f.read().split(b"\r\n")) if i < n]


def case_split_lenient_text(path, n):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for line in text.split("\n"):
        print(line[:n])


def case_split_latin1_newline_modes(path, n):
    # newline="" keeps \r\n and \r; newline="\r" ends lines at \r only: split's items come out the same.
    with open(path, encoding="latin-1", newline="") as f:
        crlf = [line for line in f.read().split("\r\n")]
    with open(path, encoding="latin-1", newline="\r") as f:
        lf = [line for line in f.read().split("\n")]
    return crlf, lf


def case_split_count(path, n):
    return len(open(path, encoding="utf-8").read().split("\n"))


def case_split_path_bytes(path, n):
    for chunk in Path(path).read_bytes().split(b"\n"):
        print(chunk.hex())


def case_unsafe_split_text(path, n):
    counts = {}
    for line in open(path, encoding="utf-8").read().split("\n"):
        counts[line[:1]] = counts.get(line[:1], 0) + 1
        print(repr(line))
    return counts


def _first_words(text):
    out = []
    for line in text.splitlines():
        out.append(line.split(" ")[0] if line else "")
    return out


def _fields(text):
    return [line.count(" ") for line in text.split("\n")]


def _mentions(text, word):
    return word in text


def _occurrences(text, word):
    return text.count(word)


def case_unsafe_content_passed_to_helpers(path, n):
    with open(path, encoding="utf-8") as f:
        content = f.read()
    return _first_words(content), _fields(content), _mentions(content, "line"), _occurrences(content, "e")

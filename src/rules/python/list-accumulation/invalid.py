from typing import List


def _parse_rows(path):
    rows = []
    with open(path) as f:
        for line in f:
            rows.append(line.split(","))
    return rows


def _walk(node):
    found = []
    for child in node.children:
        found.append(child)
        found.extend(_walk(child))
    return found


def _early_returns(path, limit):
    if not path:
        return []
    kept = []  # the lines worth keeping
    with open(path) as f:
        for number, line in enumerate(f):
            if number >= limit:
                return kept
            if line.strip():
                kept.append(line.rstrip("\n"))
    return kept


def _inside_try_finally(lines, log):
    out = list()
    try:
        for line in lines:
            out.append(line.upper())
        return out
    finally:
        log("done")


def _nested_loops(grid):
    cells = []
    for row in grid:
        for cell in row:
            if cell is not None:
                cells.append((row, cell))
            else:
                cells.append(None)
    return cells


def _chunks(f, size):
    chunks = []
    while True:
        chunk = f.read(size)
        if not chunk:
            break
        chunks.append(chunk)
    return chunks


def _annotated(lines) -> List[str]:
    out: List[str] = []
    for line in lines:
        out.append(line.strip())
    return out


def _awkward_arguments(lines):
    out = []
    for line in lines:
        out.append(n := len(line))
        out.append(line +
                   "!")
        out.append(part for part in line.split())
    return out


def _comment_inside_the_call(lines):
    out = []
    for line in lines:
        out.append(
            line  # as is
        )
    return out


def outer(paths):
    def lengths(path):
        sizes = []
        with open(path) as f:
            for line in f:
                sizes.append(len(line))
        return sizes

    return [sum(lengths(p)) for p in paths]


def _process_all(large_dataset, process):
    results = []
    for item in large_dataset:
        results.append(process(item))
    return results


for row in _parse_rows("data.csv"):
    print(row)
print(list(_walk(tree)), [k for k in _early_returns("a", 3)], sorted(_inside_try_finally(["a"], print)))
print(set(_nested_loops([[1]])), b"".join(_chunks(f, 10)), ", ".join(_annotated(["a"])))
print(*_awkward_arguments(["a"]), tuple(_comment_inside_the_call(["a"])))
everything = []
everything.extend(_process_all(range(10), str))

def consumers(lines, n):
    total = sum([len(line) for line in lines])
    counted = sum([1 for line in lines if line.strip()])
    with_start = sum([len(line) for line in lines], 10)
    longest = max([len(line) for line in lines], default=0)
    shortest = min([len(line) for line in lines])
    distinct = set([len(line) for line in lines])
    frozen = frozenset([len(line) % n for line in lines])
    as_tuple = tuple([line.strip() for line in lines])
    ordered = sorted([line.strip() for line in lines], key=len, reverse=True)
    copied = list([line.strip() for line in lines])
    return total, counted, with_start, longest, shortest, distinct, frozen, as_tuple, ordered, copied


def unknown_item_types(lines, start):
    total = sum([line.count("e") for line in lines])
    offset = sum([len(line) for line in lines], start)
    by_key = min([line for line in lines], key=len)
    words = set([line.strip() for line in lines])
    frozen = frozenset([line for line in lines])
    return total, offset, by_key, words, frozen


def stops_early(lines):
    return any([line.startswith("#") for line in lines]), all([len(line) > 0 for line in lines])


def list_copies(lines, data):
    a = sorted(list(lines))
    b = list(sorted(lines))
    c = sum(list(map(len, lines)))
    d = sorted(list(line for line in lines if line))
    e = sorted(list(line for line in lines), key=len)
    f = tuple(list(data.values()))
    g = set(list(data))
    h = max(list(range(len(data))))
    i = sum(list(map(float, data)))
    j = any(list(data))
    return a, b, c, d, e, f, g, h, i, j


def trailing_comma_and_layout(lines):
    total = sum(
        [len(line) for line in lines],
    )
    return total, sorted([
        line.strip()
        for line in lines
    ])


def numeric_items(rows, seen):
    return (
        sum([1 if row else 0 for row in rows]),
        sum([not row for row in rows]),
        sum([row in seen for row in rows]),
        max([-len(row) * 2 + ord(row[0]) for row in rows]),
        sum([int(row) // 2 for row in rows]),
        sum([row < 2 for row in rows]),
        sum([len(row) ** 2 for row in rows]),
    )


def walrus_binds_later(lines):
    longest = max([(last := len(line)) for line in lines])
    return longest, last


def comment_inside(lines):
    return sum(  # the total
        [len(line) for line in lines]
    ), sorted(list(  # keep
        lines))


def in_a_class_body():
    class Report:
        widths = tuple([len(c) for c in COLUMNS])

    return Report


def comment_after_the_comma(lines):
    return sum(
        [len(line) for line in lines],  # per line
    )


def parsed(values, checker):
    # PEP 479: a StopIteration from checker.check() would become RuntimeError in a generator: the fix is unsafe.
    return tuple([checker.check(v) for v in values])


def firsts(iterators):
    return sorted([next(it) for it in iterators])

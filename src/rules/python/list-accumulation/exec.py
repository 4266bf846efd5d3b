# Run before and after fixing: callers iterate each producer once, as a caller of a generator must.


def case_lines(path, n):
    def stripped_lines(path):
        out = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                out.append(line.rstrip("\r\n"))
        return out

    return list(stripped_lines(path))[:n]


def case_recursive_extend(path, n):
    def suffixes(word, depth):
        out = []
        for i in range(min(len(word), 3)):
            out.append(word[i:])
            if depth > 0:
                out.extend(suffixes(word[i + 1:], depth - 1))
        return out

    with open(path, encoding="utf-8") as f:
        first = f.readline()
    return [len(s) for s in suffixes(first, n % 4)]


def case_early_returns(path, n):
    def first_lines(path, limit):
        if limit == 0:
            return []
        kept = []  # non-blank lines only
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    kept.append(line.strip())
                if line.startswith("line 1"):
                    return kept
        return kept

    return tuple(first_lines(path, n))


def case_try_finally(path, n):
    def shouted(path):
        out = []
        f = open(path, encoding="utf-8")
        try:
            for line in f:
                out.append(line.upper())
            return out
        finally:
            f.close()
            print("closed")

    return sorted(shouted(path))[:n]


def case_nested_loops(path, n):
    def long_words(path, size):
        words = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                for word in line.split():
                    if len(word) > size:
                        words.append(word)
                    else:
                        words.append("-")
        return words

    return [w for w in long_words(path, n % 6)][-5:]


def case_while_chunks(path, n):
    def chunks(f, size):
        out = []
        while True:
            chunk = f.read(size)
            if not chunk:
                break
            out.append(chunk)
        return out

    with open(path, encoding="utf-8") as f:
        return sum(map(len, chunks(f, n % 5 + 1)))


def case_annotated(path, n):
    def numbered(path) -> list[str]:
        out: list[str] = []
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f):
                out.append(f"{number}: {line.strip()}")
        return out

    return ", ".join(numbered(path))[: n * 10]


def case_awkward_arguments(path, n):
    def pieces(path):
        out = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                out.append(size := len(line))
                out.append(line.strip() +
                           "!")
        return out

    total = 0
    for piece in pieces(path):
        total += piece if isinstance(piece, int) else len(piece)
    return total + n

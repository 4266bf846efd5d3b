def process_data(data, transform):
    filtered = [x for x in data if x > 0]
    sorted_data = sorted(filtered)
    result = list(map(transform, sorted_data))
    return result


def next_statement_consumers(lines, config):
    lengths = [len(line) for line in lines]
    total = sum(lengths)
    widths = [len(line) for line in lines]
    print("widest", max(widths, default=0))
    kept = [line for line in lines if line]
    copy = list(kept)
    unique = [len(line) for line in lines]
    distinct = set(unique)
    mapped = list(map(len, lines))
    config.total += sum(mapped)
    names = [line.split()[0] for line in lines]
    return sorted(names, key=str.lower), total, copy, distinct


def unsafe_consumers(lines, seen):
    flags = [line in seen for line in lines]
    found = any(flags)
    words = [line.strip() for line in lines]
    return found, set(words)


def not_adjacent(lines, log):
    stripped = [line.strip() for line in lines]
    log.info("stripping done")
    return sorted(stripped)


def not_evaluated_first(lines, log):
    stripped = [line.strip() for line in lines]
    return log.info("sorted"), sorted(stripped)


def conditional_use(lines, wanted):
    stripped = [line.strip() for line in lines]
    if wanted:
        return sorted(stripped)
    return None


def annotated_and_commented(lines):
    sizes: list[int] = [len(line) for line in lines]  # one per line
    return max(sizes)


def first_iterable_of_a_comprehension(lines):
    stripped = [line.strip() for line in lines]
    return [word for word in sorted(stripped) if word]


def producer_is_a_generator_copy(lines):
    stripped = list(line.strip() for line in lines)
    return sorted(stripped)

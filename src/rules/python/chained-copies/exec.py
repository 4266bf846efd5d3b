# Run before and after fixing: every case must return and print the same on every input.


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


# Safe fixes.


def case_sum_of_lengths(path, n):
    with open(path, encoding="utf-8") as f:
        return sum([len(line) for line in f])


def case_count_with_condition(path, n):
    lines = read_lines(path)
    return sum([1 for line in lines if len(line) > n % 7])


def case_sum_with_start(path, n):
    lines = read_lines(path)
    return sum([len(line) % 5 for line in lines], 10)


def case_max_with_default(path, n):
    lines = read_lines(path)
    return max([len(line) * 2 - 3 for line in lines[:n]], default=-1)


def case_min_of_nothing_raises(path, n):
    lines = read_lines(path)
    return min([len(line) for line in lines if len(line) > n])


def case_set_of_numbers(path, n):
    lines = read_lines(path)
    return sorted(set([len(line) // 3 for line in lines[n:]]))


def case_tuple(path, n):
    lines = read_lines(path)
    return tuple([line.strip() for line in lines[:n]])


def case_sorted_with_key(path, n):
    lines = read_lines(path)
    return sorted([line[::-1] for line in lines], key=len, reverse=True)[:n]


def case_list_of_comprehension(path, n):
    lines = read_lines(path)
    return list([line.upper() for line in lines])[-n:]


def case_sorted_of_list(path, n):
    with open(path, encoding="utf-8") as f:
        return sorted(list(f))[:n]


def case_list_of_sorted(path, n):
    lines = read_lines(path)
    return list(sorted(lines, key=len))[:n]


def case_sum_of_list_map(path, n):
    lines = read_lines(path)
    return sum(list(map(len, lines[:n])))


def case_sorted_of_list_of_generator(path, n):
    lines = read_lines(path)
    return sorted(list(line for line in lines if line))[:n]


def case_sorted_of_list_of_generator_with_key(path, n):
    lines = read_lines(path)
    return sorted(list(line for line in lines), key=len)[:n]


def case_chain_into_sorted(path, n):
    lines = read_lines(path)
    filtered = [line for line in lines if line.strip()]
    ordered = sorted(filtered)
    return list(map(str.upper, ordered))[:n]


def case_chain_into_list(path, n):
    lines = read_lines(path)
    kept = [line for line in lines if len(line) > n]
    copy = list(kept)
    return copy


def case_chain_into_set(path, n):
    lines = read_lines(path)
    widths = [len(line) % 4 for line in lines[:n]]
    distinct = set(widths)
    return sorted(distinct)


def case_chain_from_list_map(path, n):
    lines = read_lines(path)
    mapped = list(map(len, lines))
    return n + sum(mapped)


def case_tuple_of_slices(path, n):
    lines = read_lines(path)
    return tuple([line[:n] for line in lines])


def case_sorted_with_builtin_calls(path, n):
    lines = read_lines(path)
    return sorted([str(len(line)) + ",".join(line[:2]) for line in lines if isinstance(line, str)])[:n]


def case_chain_with_builtin_calls(path, n):
    lines = read_lines(path)
    widths = [len(line) * 2 for line in lines if isinstance(line, str)]
    return sum(widths) + n


# StopIteration raised inside the items (by next(), or by the function map() calls) where the fix makes no generator
# of the comprehension: it propagates (or ends map()) the same way before and after.


def _upper_until(limit):
    seen = []

    def upper(line):
        if len(seen) >= limit:
            raise StopIteration
        seen.append(line)
        return len(line)

    return upper


def case_stop_iteration_in_map(path, n):
    lines = read_lines(path)
    return sorted(list(map(_upper_until(n), lines)))


def case_stop_iteration_in_set_comprehension(path, n):
    lines = read_lines(path)
    it = iter(lines)
    return sorted(set([len(next(it)) for _ in range(n % 4)]))


def case_stop_iteration_in_list_copy(path, n):
    lines = read_lines(path)
    it = iter(lines)
    return list([next(it) for _ in range(n % 4)])


# Unsafe fixes (ordinary input only).


def _checked(value, budget):
    # Like a type checker that takes the next value from an iterator: StopIteration once it runs out.
    next(budget)
    return value.upper()


def case_unsafe_next_in_items(path, n):
    lines = read_lines(path)
    it = iter(lines)
    return sorted([next(it) for _ in range(min(n, 3))])


def case_unsafe_user_call(path, n):
    lines = read_lines(path)
    budget = iter(range(n * 10))
    return tuple([_checked(line, budget) for line in lines[:n]])


def case_unsafe_chain_with_next(path, n):
    lines = read_lines(path)
    it = iter(lines)
    firsts = [next(it)[:1] for _ in range(min(n, 2))]
    return sorted(firsts)



def case_any(path, n):
    lines = read_lines(path)
    return any([line.startswith(str(n)) for line in lines])


def case_all(path, n):
    lines = read_lines(path)
    return all([len(line) > n for line in lines])


def case_sum_of_unknown_items(path, n):
    lines = read_lines(path)
    return sum([line.count("x") for line in lines])


def case_min_with_key(path, n):
    lines = read_lines(path)
    return min([line for line in lines], key=len, default="")


def case_set_of_strings(path, n):
    lines = read_lines(path)
    return sorted(set([line[:n] for line in lines]))


def case_set_of_list(path, n):
    lines = read_lines(path)
    return sorted(set(list(lines)))[:n]


def case_walrus(path, n):
    lines = read_lines(path)
    total = sum([(last := len(line)) for line in lines])
    return total, last


def case_chain_not_adjacent(path, n):
    lines = read_lines(path)
    stripped = [line.strip() for line in lines]
    print("stripped", n)
    return sorted(stripped)[:n]


def case_chain_after_other_code(path, n):
    lines = read_lines(path)
    stripped = [line.strip() for line in lines]
    return print("sorting"), sorted(stripped)[:n]

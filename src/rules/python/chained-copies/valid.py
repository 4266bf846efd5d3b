# Nothing here should be reported by chained-copies.
import random
from mylib import helpers


def used_twice(xs):
    squares = [x * x for x in xs]
    return sum(squares), max(squares)


def returned(xs):
    squares = [x * x for x in xs]
    return squares


def mutated(xs):
    squares = [x * x for x in xs]
    squares.append(0)
    return sum(squares)


def read_in_a_loop(xs, rounds):
    squares = [x * x for x in xs]
    for _ in range(rounds):
        print(sum(squares))


def read_in_a_comprehension_body(xs, ys):
    squares = [x * x for x in xs]
    return [sum(squares) + y for y in ys]


def read_later_by_a_lambda(xs):
    squares = [x * x for x in xs]
    return lambda: sum(squares)


def read_by_a_nested_function(xs):
    squares = [x * x for x in xs]

    def total():
        return sum(squares)

    return total()


def inputs_touched_in_between(xs):
    squares = [x * x for x in xs]
    xs.clear()
    return sum(squares)


def reads_locals(xs):
    squares = [x * x for x in xs]
    print(locals())
    return sum(squares)


def sorted_alone(xs):
    return sorted(xs)


def defensive_copy(items):
    snapshot = list(items)
    for item in snapshot:
        items.remove(item)
    return snapshot


def small_literals(a, b):
    return max([a, b]), sum([x * 2 for x in (1, 2, 3)]), sorted(list("abc")), min([a, b], [b, a])


def join_is_fine(words):
    return "".join([w.upper() for w in words]), ", ".join(list(map(str, words)))


def generator_already(xs):
    return sum(x for x in xs), any(x > 0 for x in xs)


async def async_comprehension(xs):
    return sum([await x for x in xs]), sum([x async for x in xs])


def parameter_shadows(xs, sum):
    return sum([x for x in xs])


def local_shadows(xs):
    sorted = helpers.sort
    return sorted([x for x in xs])


def comprehension_variable_shadows(rows):
    return [any([c for c in row]) for row, any in rows]


class Config:
    names = [n.lower() for n in helpers.NAMES]
    ordered = sorted(names)


module_level = [random.random() for _ in range(10)]
module_total = sum(module_level)


def not_a_builtin_signature(xs, ys):
    return sum([x for x in xs], [], 0), sorted([x for x in xs], cmp=None), max(*[xs])


def keyword_iterable(xs):
    return sorted(iterable=[x for x in xs])


def other_method(frame):
    return frame.sum([x for x in frame.cols])


def min(xs):
    return xs[0]


def module_def_shadows(xs):
    return min([x for x in xs])

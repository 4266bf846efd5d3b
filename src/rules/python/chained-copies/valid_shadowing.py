# Imported and assigned names are not the builtins, wherever the binding is.
from numpy import sum as sum
import builtins

max = builtins.max
tuple = list


def imported(xs):
    return sum([x for x in xs])


def assigned_at_module_level(xs):
    return max([x for x in xs]), tuple([x for x in xs])


def walrus(xs):
    if (sorted := getattr(xs, "sorted", None)) is not None:
        return sorted(list(xs))


def loop_target(pairs, xs):
    for set, _ in pairs:
        print(set([x for x in xs]))


def except_alias(xs):
    try:
        pass
    except Exception as any:
        return any([x for x in xs])


def with_alias(xs, manager):
    with manager as all:
        return all([x for x in xs])

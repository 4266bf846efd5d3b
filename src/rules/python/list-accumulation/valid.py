# Nothing here should be reported by list-accumulation.
import functools

__all__ = ["exported"]


def exported(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


def documented(xs):
    """Return a list of the items, doubled."""
    out = []
    for x in xs:
        out.append(x * 2)
    return out


def annotated_public(xs) -> list[int]:
    out = []
    for x in xs:
        out.append(x)
    return out


def _promises_a_sequence(xs) -> "Sequence[int]":
    out = []
    for x in xs:
        out.append(x)
    return out


def _measured(xs):
    out = []
    for x in xs:
        out.append(x)
    print(len(out))
    return out


def _indexed(xs):
    out = []
    for x in xs:
        if out and out[-1] == x:
            continue
        out.append(x)
    return out


def _passed_elsewhere(xs, sink):
    out = []
    for x in xs:
        out.append(x)
    sink(out)
    return out


def _sorted_in_place(xs):
    out = []
    for x in xs:
        out.append(x)
    out.sort()
    return out


def _discards_partial_results(xs):
    out = []
    try:
        for x in xs:
            out.append(int(x))
    except ValueError:
        return []
    return out


def _other_return_value(xs):
    out = []
    for x in xs:
        if x is None:
            return None
        out.append(x)
    return out


def _bare_return(xs):
    out = []
    for x in xs:
        if x is None:
            return
        out.append(x)
    return out


def _does_not_end_with_the_list(xs):
    out = []
    for x in xs:
        out.append(x)
    if out:
        return out


def _no_loop(x):
    out = []
    out.append(x)
    return out


def _append_in_finally(xs):
    out = []
    for x in xs:
        try:
            pass
        finally:
            out.append(x)
    return out


def _bare_except(xs):
    out = []
    for x in xs:
        try:
            out.append(int(x))
        except:
            pass
    return out


def _already_a_generator(xs):
    out = []
    for x in xs:
        out.append(x)
        yield x
    return out


async def _coroutine(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


@functools.lru_cache
def _cached(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


class Table:
    def rows(self):
        out = []
        for r in self.raw:
            out.append(r)
        return out

    def __iter__(self):
        return iter(self.rows())


def _conditional_init(xs, fresh):
    if fresh:
        out = []
    for x in xs:
        out.append(x)
    return out


def _rebound(xs):
    out = []
    for x in xs:
        out.append(x)
    out = out[:10]
    return out


def _augmented(xs):
    out = []
    for x in xs:
        out += [x]
    return out


def _read_by_nested_function(xs):
    out = []
    for x in xs:
        out.append(x)
    peek = lambda: out[0]
    return out


def _stored_by_the_caller(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


def _passed_as_a_callback(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


def _never_called(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


def _measured_by_the_caller(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


def _iterated_twice(xs):
    out = []
    for x in xs:
        out.append(x)
    return out


def _keyword_argument_append(xs):
    out = []
    for x in xs:
        out.append(object=x)
    return out


for r in _measured([1]) + _indexed([1]) + _passed_elsewhere([1], print) + _sorted_in_place([1]):
    print(r)
for r in _discards_partial_results([1]):
    print(_other_return_value(r), _bare_return(r), _does_not_end_with_the_list(r), _no_loop(r))
print(list(_append_in_finally([1])), list(_bare_except([1])), list(_already_a_generator([1])))
print(list(_cached(3)), list(_conditional_init([1], True)), list(_rebound([1])), list(_augmented([1])))
print(list(_read_by_nested_function([1])), list(_keyword_argument_append([1])))
stored = _stored_by_the_caller([1])
print(list(map(_passed_as_a_callback, [[1]])), len(_measured_by_the_caller([1])))
both = [_iterated_twice([1])] * 2
print(sorted(_promises_a_sequence([1])))

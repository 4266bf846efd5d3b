# A star import may bring its own sum(), sorted(), any() (numpy does): nothing is the builtin here.
from numpy import *


def total(xs):
    return sum([x * 2 for x in xs]), sorted(list(xs))

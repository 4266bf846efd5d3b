"""What readlines-for-tail leaves alone."""
import collections


def streamed(path, n):
    with open(path) as f:
        return list(collections.deque(f, maxlen=n))


def guarded(path, n):
    # The shape the fix leaves for n <= 0.
    with open(path) as f:
        return list(collections.deque(f, maxlen=n)) if n > 0 else f.readlines()[-n:]


def whole_slice(path):
    with open(path) as f:
        return f.readlines()[-0:]


def skip_header(path):
    with open(path) as f:
        return f.readlines()[1:]


def tail_and_count(path):
    with open(path) as f:
        lines = f.readlines()
    return len(lines), lines[-5:]


def tail_by_index(path, i):
    with open(path) as f:
        return f.readlines()[-i]


def stepped(path):
    with open(path) as f:
        return f.readlines()[-10::2]


def socket_tail(sock):
    return sock.makefile().readlines()[-5:]


def text_tail(path):
    # The last characters, not lines: a seek from the end would do, but that is another rule's business.
    with open(path) as f:
        return f.read()[-100:]


def reversed_middle(path):
    # Not a tail: a slice that does not start at the first of the reversed lines.
    with open(path) as f:
        return list(reversed(f.readlines()))[1:3]


def reversed_step(path):
    with open(path) as f:
        return list(reversed(f.readlines()))[::2]

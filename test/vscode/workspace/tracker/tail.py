# The OOM story in small: read a whole log to keep its last lines. memlint run places the peak on the readlines line.
import os
import sys
import tempfile

from memlint_checkpoint import checkpoint


def last_lines(path, n):
    with open(path) as f:
        return f.readlines()[-n:]


log = os.path.join(tempfile.mkdtemp(), "big.log")
with open(log, "w") as out:
    for i in range(800_000):
        out.write(f"line {i}: a request the service logged\n")
checkpoint("Log written")
tail = last_lines(log, 2)
checkpoint("Tail read")
os.remove(log)
sys.stdout.write("".join(tail))

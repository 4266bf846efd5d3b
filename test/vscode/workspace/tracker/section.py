# A whole log read into a variable, then split into lines: the peak is on the split, the finding on the read.
import os
import tempfile


def count_lines(path):
    with open(path) as f:
        content = f.read()
    n = 0
    for line in content.splitlines():
        n += 1
    return n


log = os.path.join(tempfile.mkdtemp(), "big.log")
with open(log, "w") as out:
    for i in range(800_000):
        out.write(f"line {i}: a request the service logged\n")
print(count_lines(log))
os.remove(log)

"""Log helpers in the shapes that took a service to a 3 GB peak."""


def last_lines(path, n=1000):
    with open(path) as f:
        return "".join(f.readlines()[-n:])


def count_errors(path):
    with open(path) as f:
        content = f.read()
    count = 0
    for line in content.splitlines():
        if "ERROR" in line:
            count += 1
    return count


def is_gzip(path):
    with open(path, "rb") as f:
        return f.read().startswith(b"\x1f\x8b")

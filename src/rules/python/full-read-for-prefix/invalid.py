"""Whole reads only to look at the start of the file."""
from pathlib import Path


def header(path):
    with open(path, "rb") as f:
        return f.read()[:16]


def shebang(path):
    with open(path) as f:
        return f.read().startswith("#!")


def image_kind(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x89PNG":
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    return None


def first_byte(path):
    return open(path, "rb").read()[0]


def first_line(path):
    with open(path) as f:
        return f.readlines()[0]


def first_lines(path):
    with open(path) as f:
        return f.readlines()[:10]


def title(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[0]


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text.splitlines()[:3]


def csv_header(path):
    with open(path, newline="") as f:
        return f.read().split("\n")[0]


def magic(path):
    return Path(path).read_bytes()[:8]


def head_n(path, n):
    with open(path) as f:
        return f.read()[:n]


def sniff_then_reread(path):
    with open(path) as f:
        start = f.read()[:100]
        f.seek(0)
        return start, f.readline()


def has_prefix(path, prefix):
    with open(path) as f:
        return f.read().startswith(prefix)


def version_lines(path):
    with open(path) as f:
        lines = f.readlines()
    return lines[0].strip(), lines[1].strip()


def header_replaced(path):
    # errors="replace" always decodes: reading only the start is safe.
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().startswith("#==[ log")


def codecs_title(path):
    import codecs
    with codecs.open(path, "r", "latin-1") as f:
        return f.readlines()[0]

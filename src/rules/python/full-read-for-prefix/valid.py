"""What full-read-for-prefix leaves alone."""


def bounded(path):
    with open(path, "rb") as f:
        return f.read(16)


def suffix(path):
    with open(path, "rb") as f:
        return f.read()[-16:]


def rest(path):
    with open(path) as f:
        return f.read()[4:]


def header_and_body(path):
    with open(path) as f:
        lines = f.readlines()
    return lines[0], lines[1:]


def checked_and_kept(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"PK"):
        return data
    return None


def random_access(path, i):
    with open(path) as f:
        lines = f.readlines()
    return lines[i]


def response_head(response):
    return response.read()[:16]


def all_but_last(path):
    with open(path) as f:
        return f.read()[:-1]

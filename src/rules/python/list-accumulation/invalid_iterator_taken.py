class Iterator:
    pass


def _lines(lines) -> list[str]:
    out = []
    for line in lines:
        out.append(line)
    return out


for line in _lines(["a"]):
    print(line)

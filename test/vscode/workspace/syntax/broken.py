def count_errors(path):
    with open(path) as f:
        content = f.read()
    return sum(1 for line in content.splitlines() if "ERROR" in line)


def broken(:
    pass

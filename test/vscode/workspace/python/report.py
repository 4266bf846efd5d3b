"""Fix-all on save: the safe fixes apply, the unsafe ones stay offered."""


def error_lines(path):
    with open(path) as f:
        content = f.read()
    return [line for line in content.splitlines() if "ERROR" in line]


def stripped(path):
    results = []
    with open(path) as f:
        for line in f:
            results.append(line.strip())
    return results


for row in stripped("big.log"):
    print(row)

"""Small questions about a log file, each answered by reading all of it."""


def get_last_n_lines(file_path, n=1000):
    """The last n lines, for the status page."""
    with open(file_path, "r") as f:
        all_lines = f.readlines()
        return "".join(all_lines[-n:])


def is_log(path):
    """Check the header before accepting an upload."""
    with open(path) as f:
        return f.read().startswith("#==[ log")


def count_words(text, word):
    return text.count(word)


def count_errors(path):
    with open(path) as f:
        text = f.read()
    return count_words(text, "ERROR")


def status_counts(path):
    """How many requests ended with each status."""
    counts = {}
    for line in open(path).read().split("\n"):
        status = line.rpartition("status=")[2][:3]
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


def read_lines(path):
    """Every line of the log, without its newline."""
    lines = []
    with open(path) as f:
        for line in f:
            lines.append(line.rstrip("\n"))
    return lines

"""Whole-file reads that are only looped over, searched or counted."""
import json
from pathlib import Path


def loop_readlines(path):
    with open(path) as f:
        for line in f.readlines():
            print(line, end="")


def numbered(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f.readlines(), 1):
            print(number, line.rstrip("\n"))


def stripped(path):
    with open(path) as f:
        return [line.strip() for line in f.readlines() if line.strip()]


def inline_open(path):
    for line in open(path).readlines():
        print(line)


def split_then_loop(path):
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            print(line)


def binary_lines(path):
    with open(path, "rb") as f:
        return [line for line in f.read().splitlines(keepends=True)]


def lone_cr_lines(path):
    # newline="\r": the file's lines end at \r only; re-splitting them is not exactly splitlines().
    with open(path, newline="\r") as f:
        for line in f.read().splitlines():
            print(line)


def path_lines(path):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        print(line)


def untyped_path_lines(config):
    for line in config.path.read_text().splitlines():
        print(line)


def lines_variable(path):
    with open(path) as f:
        lines = f.readlines()
        count = 0
        for line in lines:
            count += 1
    return count


def loop_after_with(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for line in text.splitlines():
        print(line)


def work_in_between(path):
    with open(path) as f:
        lines = f.readlines()
        print("loaded")
        for line in lines:
            print(line)


def loop_in_branch(path, verbose):
    with open(path) as f:
        lines = f.readlines()
    if verbose:
        for line in lines:
            print(line)


def body_uses_file(path):
    with open(path) as f:
        for line in f.readlines():
            print(line, f.name)


def search(path):
    return "ERROR" in open(path).read()


def search_absent(path):
    with open(path, "rb") as f:
        return b"\x00" not in f.read()


def search_variable(path, needle):
    with open(path) as f:
        return needle in f.read()


def count_lines(path):
    with open(path) as f:
        return len(f.readlines())


def count_newlines(path):
    return open(path).read().count("\n")


def split_on_newline(path):
    # Text mode: an undecodable byte would raise partway through the loop, not before it (unsafe).
    with open(path) as f:
        for line in f.read().split("\n"):
            print(line)


with open("settings.ini") as handle:
    for row in handle.readlines():
        json.dumps(row)


def config_dict(filename):
    with open(filename) as f:
        cfglines = f.readlines()
    cfgdict = {}
    # Plain assignments in between move into the block, ahead of the loop.
    for line in cfglines:
        key, _, value = line.strip().partition("=")
        cfgdict[key] = value
    return cfgdict


# Two passes over the lines: each pass could stream the file (no safe fix: the file is read twice).
def two_passes(path):
    with open(path) as f:
        lines = f.readlines()
    for line in lines:
        print(line)
    for line in lines:
        print(line.upper())


def legacy_encoding(path):
    import codecs
    # codecs.open() with an encoding: lines end at every splitlines() break already, so re-splitting them is exact.
    for line in codecs.open(path, encoding="utf-8", errors="replace").read().splitlines():
        print(line)


def copy_binary(path, dst):
    # A copy into a file opened empty for writing: safe (the file always decodes).
    with open(path, "rb") as f, open(dst, "wb") as out:
        out.writelines(f.readlines())


def copy_to_stdout(path):
    import sys
    # sys.stdout may be anything: the copy's fix is unsafe.
    with open(path, "rb") as f:
        sys.stdout.buffer.writelines(f.readlines())


def error_lines(path):
    # Text that may fail to decode, but nobody can see the items computed before a bad byte: safe.
    with open(path, encoding="utf-8") as f:
        return [line for line in f.read().splitlines() if "ERROR" in line]


def replaced(path):
    # errors="replace" always decodes: the loop's fix is safe.
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f.readlines():
            print(line)


# Every line leaves an item in `args` (empty lines aside): memory grows with the file whether it is read whole or
# streamed, so the finding is one level lower.
def arguments(path):
    args = []
    with open(path) as f:
        for line in f.read().splitlines():
            if not line:
                continue
            for arg in line.split():
                args.append(arg)
    return args


# Only the lines that match are kept: the rule's level.
def matching_lines(path):
    found = []
    with open(path) as f:
        for line in f.readlines():
            if "ERROR" in line:
                found.append(line)
    return found

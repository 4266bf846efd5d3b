"""What whole-file-read leaves alone."""
import io
import json
import subprocess
import sys
import urllib.request


def chunked(path):
    with open(path, "rb") as f:
        while chunk := f.read(4096):
            yield chunk


def streamed(path):
    with open(path) as f:
        for line in f:
            print(line)


def parsed(path):
    with open(path) as f:
        return json.load(f)


def used_whole(path):
    with open(path) as f:
        text = f.read()
    return text


def loaded(path):
    with open(path) as f:
        return json.loads(f.read())


def random_access(path):
    with open(path) as f:
        lines = f.readlines()
    return lines[3], lines[7]


def searched_and_kept(path):
    with open(path) as f:
        text = f.read()
    if "x" in text:
        return text
    return None


def lazy_generator(path):
    # Built now, consumed later (maybe after the file is closed): readlines() is what keeps it working.
    with open(path) as f:
        return (line.strip() for line in f.readlines())


def bounded(path):
    with open(path) as f:
        return [line for line in f.readlines(1024)]


def socket_lines(sock):
    for line in sock.makefile().read().splitlines():
        print(line)


def http_lines(url):
    with urllib.request.urlopen(url) as response:
        for line in response.read().splitlines():
            print(line)


def pipe_lines():
    proc = subprocess.Popen(["ls"], stdout=subprocess.PIPE)
    for line in proc.stdout.read().splitlines():
        print(line)


def memory_lines(text):
    for line in io.StringIO(text).read().splitlines():
        print(line)


def stdin_lines():
    for line in sys.stdin.read().splitlines():
        print(line)
    for line in open(0).read().splitlines():
        print(line)


def unknown_object(f):
    # A parameter of unknown type may be a socket file or a response.
    for line in f.readlines():
        print(line)


def rebound(path, other):
    with open(path) as f:
        f = other
        for line in f.readlines():
            print(line)


def resource_text(package):
    import importlib.resources
    for line in importlib.resources.read_text(package, "data.txt").splitlines():
        print(line)


def char_loop(path):
    with open(path) as f:
        for ch in f.read():
            print(ch)


def regex_search(path, pattern):
    import re
    with open(path) as f:
        return re.findall(pattern, f.read())


def split_with_maxsplit(path):
    # Not split into lines: a separator other than "\n" / "\r\n", or a maxsplit.
    with open(path) as f:
        head, _, body = f.read().partition("\n\n")
    for part in open(path).read().split("\n", 1):
        print(part)
    for field in open(path).read().split(","):
        print(field)
    return head, body

# settings: {"strict": true}
import hashlib
import json


def load(path):
    # The content is used whole: fine by default, a hint in strict mode.
    with open(path) as f:
        return json.loads(f.read())


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def template(path):
    with open(path) as f:
        text = f.read()
    return text.format(name="world")


def lines_kept(path):
    with open(path) as f:
        lines = f.readlines()
    return lines


def still_fixable(path):
    # What the default mode reports is reported the same way in strict mode.
    with open(path) as f:
        for line in f.readlines():
            print(line)


def package_words(package):
    # A resource shipped with the package is bounded by construction: a hint in strict mode only, and no fix.
    from importlib import resources
    return [word for word in resources.read_text(package, "words.txt").splitlines() if word]


def package_table(package, name):
    from importlib.resources import files
    for row in files(package).joinpath(name).read_text(errors="replace").splitlines():
        print(row)

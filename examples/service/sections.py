"""Finding the sections of a log: `#==[ name ]=====#` lines."""
import re

SECTION = re.compile(r"^#==\[\s*(.+?)\s*\]={5,}#\s*$")


def find_section_headers(content):
    """The names of the sections, in order, each once."""
    headers = []
    for line in content.split("\n"):
        match = SECTION.match(line)
        if match and match.group(1) not in headers:
            headers.append(match.group(1))
    return headers


def extract_section(content, header):
    """The first three lines of the first section called `header`."""
    inside = False
    first = []
    for line in content.splitlines():
        match = SECTION.match(line)
        if match:
            if inside:
                break
            inside = match.group(1) == header
        elif inside:
            first.append(line)
            if len(first) == 3:
                break
    return first

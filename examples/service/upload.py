"""The log service from the story, as it was before the fix: upload.py handles an upload, sections.py and
logfiles.py hold the helpers. Each function reads a whole log somewhere; memlint finds every one, across files.

    python3 ../generate_log.py 200 big.log      # a 200 MB log (generated, not committed)
    python3 upload.py big.log
"""
import sys

from logfiles import count_errors, get_last_n_lines, is_log, read_lines, status_counts
from sections import extract_section, find_section_headers


def parse_file_content(file_path):
    """Parse a structured text file into sections: the first lines of each."""
    with open(file_path, "r") as f:
        content = f.read()
    sections = {}
    for section_header in find_section_headers(content):
        section_content = extract_section(content, section_header)
        sections[section_header] = section_content
    return sections


def process_uploaded_file(path):
    print("log file:", is_log(path))
    for header, first in parse_file_content(path).items():
        print("section:", header, first)
    print("errors:", count_errors(path))
    print("statuses:", status_counts(path))
    longest = 0
    for line in read_lines(path):
        longest = max(longest, len(line))
    print("longest line:", longest)
    print(get_last_n_lines(path, 3), end="")


if __name__ == "__main__":
    process_uploaded_file(sys.argv[1])

"""The read is here; the helper that splits it lives in sections.py."""
from sections import find_section_headers


def parse_file_content(file_path):
    with open(file_path) as f:
        content = f.read()
    return find_section_headers(content)

def find_section_headers(content):
    found = 0
    for line in content.split("\n"):
        if line.startswith("#==["):
            found += 1
    return found

"""Write a big log file in the shape logs.py and logs.js read: a header, then sections of lines.

    python3 generate_log.py [MEGABYTES] [PATH]     (default: 200 MB to big.log next to this script)

The file is generated, never committed. Lines are deterministic, so runs are comparable.
"""
import os
import sys


def main():
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 200
    path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "big.log")
    target = int(megabytes * 1024 * 1024)
    sections = ["requests", "errors", "requests", "summary"]
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("#==[ log v1 ]=====#\n")
        i = 0
        while written < target:
            name = sections[(i // 10_000) % len(sections)]
            if i % 10_000 == 0:
                out.write(f"#==[ {name} ]=====#\n")
            chunk = "".join(
                f"2026-02-02T10:{(j // 60) % 60:02d}:{j % 60:02d}Z {name[:-1].upper():8} request={j} path=/api/v1/items/{j % 977} status={200 if name != 'errors' else 500} ms={j % 313}\n"
                for j in range(i, i + 1000)
            )
            out.write(chunk)
            written += len(chunk)
            i += 1000
    print(f"wrote {path}: {os.path.getsize(path) / 1024 / 1024:.0f} MB")


if __name__ == "__main__":
    main()

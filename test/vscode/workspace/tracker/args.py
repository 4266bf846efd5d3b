# Writes its arguments, as it received them, to args.json next to this script.
import json
import os
import sys

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "args.json"), "w", encoding="utf-8") as out:
    json.dump(sys.argv[1:], out, ensure_ascii=False)

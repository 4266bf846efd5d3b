# Reads one line from stdin (typed into the run's terminal) and writes it to answer.txt next to this script.
import os

answer = input("name? ")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "answer.txt"), "w", encoding="utf-8") as out:
    out.write(answer)

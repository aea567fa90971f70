"""Step prepare: writes the input the score step reads.

A real pipeline reads from a warehouse or from S3; this one builds a small, fixed table (a seeded
generator, so every run writes the same rows) so the project runs anywhere with nothing but Python.

Where the file goes: $ESTEIRA_WORK_DIR (the step's work directory, under esteira run and in AWS),
else ./data. config.yaml declares input.csv as this step's output, so it is stored when the step
succeeds and handed to the score step.
"""

import csv
import os
import random
import sys
from pathlib import Path


def work_dir() -> Path:
    return Path(os.environ.get("ESTEIRA_WORK_DIR") or "data")


def main() -> int:
    rng = random.Random(42)
    out = work_dir() / "input.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "visits", "days_since_last_visit"])
        for n in range(1, 101):
            writer.writerow([f"C{n:03d}", rng.randint(0, 12), rng.randint(1, 365)])
    print(f"[prepare] ENV={os.environ.get('ENV', 'dev')}: wrote 100 rows to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Step score: reads the prepared input and writes a score per row.

The "model" is a fixed logistic function, so the project needs no training and no third-party
package. A real step loads a registered model from MLflow (MLFLOW_TRACKING_URI is set in the
task's environment).
"""

import csv
import math
import os
import sys
from pathlib import Path


def work_dir() -> Path:
    return Path(os.environ.get("ESTEIRA_WORK_DIR") or "data")


def score(visits: int, days: int) -> float:
    return 1.0 / (1.0 + math.exp(-(0.4 * visits - 0.01 * days)))


def main() -> int:
    source = work_dir() / "input.csv"
    if not source.is_file():
        print(f"[score] {source} not found: run steps/prepare.py first", file=sys.stderr)
        return 1
    with source.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = work_dir() / "scores.csv"
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "score"])
        for row in rows:
            value = score(int(row["visits"]), int(row["days_since_last_visit"]))
            writer.writerow([row["id"], f"{value:.4f}"])
    print(f"[score] ENV={os.environ.get('ENV', 'dev')}: scored {len(rows)} rows into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Step extract_features: writes the features the scoring step reads.

A real pipeline would read rentals from a warehouse; this one builds a small, fixed set of
customers so the example runs anywhere with nothing but Python. The rows are the same on every
run (a seeded generator), so the scores are too.

Where the file goes: $RECSYS_DATA_DIR, else $ESTEIRA_WORK_DIR (the run's work directory under
`esteira run`), else ./data. On AWS each step runs in its own container, so
a real pipeline would point this at shared storage (S3, EFS) instead of the container's disk.
"""

import csv
import os
import random
import sys
from pathlib import Path

CATEGORIES = ["economy", "compact", "suv", "van", "premium"]
FIELDS = [
    "customer_id",
    "favourite_category",
    "rentals_last_year",
    "days_since_last_rental",
    "avg_daily_price",
]


def data_dir() -> Path:
    # ESTEIRA_WORK_DIR is the run's shared work directory under `esteira run`.
    return Path(os.environ.get("RECSYS_DATA_DIR") or os.environ.get("ESTEIRA_WORK_DIR") or "data")


def build_rows(count: int, seed: int = 42) -> list:
    rng = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        rows.append(
            {
                "customer_id": f"C{n:04d}",
                "favourite_category": rng.choice(CATEGORIES),
                "rentals_last_year": rng.randint(0, 12),
                "days_since_last_rental": rng.randint(1, 720),
                "avg_daily_price": round(rng.uniform(80.0, 450.0), 2),
            }
        )
    return rows


def main() -> int:
    env = os.environ.get("ENV", "dev")
    out = data_dir() / "features.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = build_rows(200)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"[extract_features] ENV={env}: wrote {len(rows)} customers to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

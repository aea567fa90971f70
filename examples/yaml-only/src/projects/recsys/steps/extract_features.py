"""Step extract_features: writes the features the scoring step reads.

A real pipeline would read rentals from a warehouse; this one builds a small, fixed set of
customers so the example runs anywhere with nothing but Python. The rows are the same on every
run (a seeded generator), so the scores are too.

Where the file goes: $RECSYS_DATA_DIR, else $ESTEIRA_WORK_DIR (the step's work directory, under
`esteira run` and in AWS), else ./data. config.yaml declares features.csv as this step's output,
so it is stored when the step succeeds and handed to score_model (docs/step-data.md).
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
    # ESTEIRA_WORK_DIR is the step's own work directory, locally and in AWS; the files config.yaml
    # declares as outputs and inputs are stored and fetched there.
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

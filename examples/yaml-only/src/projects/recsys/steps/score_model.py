"""Step score_model: reads the features and writes a rental propensity score per customer.

The "model" is a fixed logistic function of the features, so the example needs no training and
no third-party package. A real step would load a registered model from MLflow
(MLFLOW_TRACKING_URI and MLFLOW_EXPERIMENT_NAME are set in the task's environment).
"""

import csv
import math
import os
import sys
from pathlib import Path

WEIGHTS = {
    "rentals_last_year": 0.35,
    "days_since_last_rental": -0.006,
    "avg_daily_price": -0.004,
}
BIAS = 0.5
CATEGORY_BONUS = {"suv": 0.3, "premium": 0.2}


def data_dir() -> Path:
    # ESTEIRA_WORK_DIR is the step's own work directory, locally and in AWS; the files config.yaml
    # declares as outputs and inputs are stored and fetched there.
    return Path(os.environ.get("RECSYS_DATA_DIR") or os.environ.get("ESTEIRA_WORK_DIR") or "data")


def score(row: dict) -> float:
    z = BIAS + CATEGORY_BONUS.get(row["favourite_category"], 0.0)
    for name, weight in WEIGHTS.items():
        z += weight * float(row[name])
    return 1.0 / (1.0 + math.exp(-z))


def main() -> int:
    env = os.environ.get("ENV", "dev")
    features = data_dir() / "features.csv"
    if not features.is_file():
        print(
            f"[score_model] {features} not found: run steps/extract_features.py first",
            file=sys.stderr,
        )
        return 1
    with features.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    scored = sorted(
        ((row["customer_id"], score(row)) for row in rows), key=lambda item: (-item[1], item[0])
    )
    out = data_dir() / "scores.csv"
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_id", "score"])
        writer.writerows((customer, f"{value:.4f}") for customer, value in scored)
    top = ", ".join(f"{customer} ({value:.2f})" for customer, value in scored[:3])
    print(f"[score_model] ENV={env}: scored {len(scored)} customers into {out}; top 3: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

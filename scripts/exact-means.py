#!/usr/bin/env python3
"""Copies a data folder, making each `rata-rata` indicator's annual target the exact mean of its
quarter targets, so that it gives no `target-tidak-konsisten` warning.

usage: exact-means.py SOURCE_DIR DEST_DIR

../shared/bench/gen.py rounds the mean to two decimals, so a quarter of its indicators are warned
about; comparing a run on both folders shows what those warnings cost. The realisation file is
copied as it is. Prints how many annual targets changed."""
import csv
import shutil
import sys
from decimal import Decimal
from pathlib import Path

source, dest = Path(sys.argv[1]), Path(sys.argv[2])
dest.mkdir(parents=True, exist_ok=True)
shutil.copyfile(source / "realisasi.csv", dest / "realisasi.csv")
changed = 0
with open(source / "target.csv", newline="") as old, open(dest / "target.csv", "w", newline="") as new:
    rows, out = csv.reader(old), csv.writer(new)
    header = next(rows)
    out.writerow(header)
    aggregation, annual = header.index("agregasi"), header.index("target_tahunan")
    quarters = [header.index(f"target_tw{q}") for q in range(1, 5)]
    for row in rows:
        if row[aggregation] == "rata-rata":
            mean = format((sum(Decimal(row[q]) for q in quarters) / 4).normalize(), "f")
            changed += row[annual] != mean
            row[annual] = mean
        out.writerow(row)
print(changed)

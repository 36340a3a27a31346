#!/usr/bin/env python3
"""Generates synthetic target and realisasi exports in lakip's canonical schema, for benchmarks.

usage: generate_data.py OUTDIR AGENCIES INDICATORS_PER_AGENCY [--years N] [--id] [--seed S]
                        [--budget same-row|own-row] [--pemda N]

  --years N   years 2025-N+1 … 2025 (default 1)
  --id        the Indonesian spreadsheet convention: ';' delimiter and decimal comma
  --seed S    random seed (default 7); the same arguments always give the same bytes
  --budget    adds each quarter's realisasi_anggaran: in the realisation's own row (same-row),
              or in a second row of its own (own-row: the same data in twice the rows)
  --pemda N   N Pemda with the same AGENCIES OPD codes and indicator codes each (a national
              shape): kode_pemda and nama_pemda columns first, and a pemda.csv with provinsi

About 2% of quarter realisations are left out (unreported quarters), as in real exports.
"""
import argparse
import csv
import os
import random

HEADER_TARGETS = ["tahun", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
                  "polaritas", "agregasi", "target_tahunan", "target_tw1", "target_tw2", "target_tw3", "target_tw4"]
HEADER_ACTUALS = ["tahun", "kode_opd", "kode_indikator", "triwulan", "realisasi"]
AGGREGATIONS = ["jumlah", "akhir", "rata-rata"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir")
    parser.add_argument("agencies", type=int)
    parser.add_argument("indicators", type=int)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--id", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--budget", choices=["same-row", "own-row"])
    parser.add_argument("--pemda", type=int)
    args = parser.parse_args()
    # Without --pemda: one Pemda and no Pemda columns, the same bytes as before the option.
    pemdas = [None] if args.pemda is None else [
        (f"{11 + p // 99:02d}{p % 99 + 1:02d}", f"Kabupaten Contoh {p + 1}", f"Provinsi {11 + p // 99}")
        for p in range(args.pemda)]

    rnd = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    delimiter = ";" if args.id else ","

    def number(cents):
        """An exact value given in hundredths, in the file's convention, without trailing zeros."""
        whole, fraction = divmod(cents, 100)
        text = str(whole) if fraction == 0 else f"{whole}.{fraction:02d}".rstrip("0")
        return text.replace(".", ",") if args.id else text

    with open(os.path.join(args.outdir, "target.csv"), "w", newline="", encoding="utf-8") as target_file, \
         open(os.path.join(args.outdir, "realisasi.csv"), "w", newline="", encoding="utf-8") as actual_file:
        targets = csv.writer(target_file, delimiter=delimiter, lineterminator="\n")
        actuals = csv.writer(actual_file, delimiter=delimiter, lineterminator="\n")
        pemda_columns = [] if args.pemda is None else ["kode_pemda", "nama_pemda"]
        targets.writerow(pemda_columns + HEADER_TARGETS)
        actuals.writerow(pemda_columns[:1] + HEADER_ACTUALS + (["realisasi_anggaran"] if args.budget else []))
        for year in range(2025 - args.years + 1, 2026):
            for pemda in pemdas:
                target_prefix = [] if pemda is None else [pemda[0], pemda[1]]
                actual_prefix = target_prefix[:1]
                for agency in range(args.agencies):
                    code = f"{1 + agency // 1000}.{agency // 100 % 10:02d}.{agency % 100:02d}.0001"
                    name = f"Perangkat Daerah {agency}, Unit {agency % 9}"
                    for index in range(args.indicators):
                        aggregation = AGGREGATIONS[index % 3]
                        polarity = "negatif" if index % 5 == 0 else "positif"
                        quarters = [rnd.randrange(1_000, 100_000) for _ in range(4)]
                        if aggregation == "jumlah":
                            annual = sum(quarters)
                        elif aggregation == "akhir":
                            quarters.sort()
                            annual = quarters[3]
                        else:
                            quarters[3] += (-sum(quarters)) % 4  # keep the mean exact in hundredths
                            annual = sum(quarters) // 4
                        unit = "orang" if aggregation == "jumlah" else "%"
                        targets.writerow(target_prefix + [year, code, name, f"S{index // 4}", f"Meningkatnya kualitas layanan {index // 4}",
                                          f"IK{index:05d}", f"Persentase capaian indikator {index}", unit, polarity,
                                          aggregation, number(annual)] + [number(q) for q in quarters])
                        for quarter in range(4):
                            if rnd.random() < 0.02:
                                continue
                            row = actual_prefix + [year, code, f"IK{index:05d}", quarter + 1,
                                   number(quarters[quarter] * rnd.randrange(60, 131) // 100)]
                            if args.budget is None:
                                actuals.writerow(row)
                                continue
                            spent = number(rnd.randrange(1_000_000, 500_000_000))
                            if args.budget == "same-row":
                                actuals.writerow(row + [spent])
                            else:
                                actuals.writerow(row + [""])
                                actuals.writerow(row[:len(actual_prefix) + 4] + ["", spent])

    if args.pemda is not None:
        with open(os.path.join(args.outdir, "pemda.csv"), "w", newline="", encoding="utf-8") as pemda_file:
            writer = csv.writer(pemda_file, delimiter=delimiter, lineterminator="\n")
            writer.writerow(["kode_pemda", "nama_pemda", "provinsi"])
            writer.writerows(pemdas)


if __name__ == "__main__":
    main()

"""``zorgnet extract --relaties/--beoordeling`` and ``zorgnet load --beoordeling/--drempel``:
the proposed relations reviewed on the command line before anything is written.

Our own Dutch text (the one of ``test_app_review``); only structure is asserted.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from test_app_review import TEXT, _stored

ROOT = Path(__file__).resolve().parents[1]


def _cli(args, db: Path):
    env = {**os.environ, "ZORGNET_DB": str(db), "PYTHONPATH": str(ROOT)}
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "zorgnet.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_review_csv_decides_what_load_writes(tmp_path):
    text = tmp_path / "zeeland.txt"
    text.write_text(TEXT, encoding="utf-8")
    db, review = tmp_path / "g.lbug", tmp_path / "relaties.csv"
    r = _cli(["extract", str(text), "--relaties", "--beoordeling", str(review)], db)
    assert r.returncode == 0, r.stderr
    with open(review, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 3
    assert all(row["zin"] and 0 <= float(row["kans"]) <= 1 and row["akkoord"] == "ja"
               for row in rows)
    assert sum(1 for line in r.stdout.splitlines() if line.startswith("ja ")) == len(rows)
    # reject the first, retype the second
    rows[0]["akkoord"] = "nee"
    old = rows[1]["relatie"]
    rows[1]["relatie"] = "ACTIVE_IN" if old != "ACTIVE_IN" else "PART_OF"
    with open(review, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    r = _cli(["load", str(text), "--beoordeling", str(review)], db)
    assert r.returncode == 0, r.stderr
    stored = _stored(db)
    assert (rows[0]["van"], rows[0]["relatie"], rows[0]["naar"]) not in stored
    assert (rows[1]["van"], rows[1]["relatie"], rows[1]["naar"]) in stored
    assert (rows[1]["van"], old, rows[1]["naar"]) not in stored
    assert {(x["van"], x["relatie"], x["naar"]) for x in rows[2:]} <= stored


def test_load_with_a_threshold_and_a_bad_review_file(tmp_path):
    text = tmp_path / "zeeland.txt"
    text.write_text(TEXT, encoding="utf-8")
    db, review = tmp_path / "g.lbug", tmp_path / "relaties.csv"
    r = _cli(["extract", str(text), "--beoordeling", str(review), "--drempel", "0.75"], db)
    assert r.returncode == 0, r.stderr
    with open(review, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all((row["akkoord"] == "ja") == (float(row["kans"]) >= 0.75) for row in rows)
    r = _cli(["load", str(text), "--drempel", "0.75"], db)
    assert r.returncode == 0, r.stderr
    assert _stored(db) == {(x["van"], x["relatie"], x["naar"]) for x in rows
                           if x["akkoord"] == "ja"}
    bad = tmp_path / "kapot.csv"
    bad.write_text("iets,anders\n1,2\n", encoding="utf-8")
    r = _cli(["load", str(text), "--beoordeling", str(bad)], tmp_path / "h.lbug")
    assert r.returncode == 2 and "sleutel" in r.stderr and "niets geschreven" in r.stderr

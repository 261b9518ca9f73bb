#!/usr/bin/env python3
"""Compares shiny-usage's CSV files of one host with gen_tree.py's
expected.json, cell by cell, and checks the charts; prints TAP.

  check_outputs.py [--chart-ext png|svg|pdf|none] [--tap-offset K]
                   [--no-plan] OUTDIR LABEL EXPECTED.json

Reads OUTDIR/LABEL/{usage_stats,apps,daily}_DATE.csv (DATE from the JSON).
Prints "ok N - ..." / "not ok N - ..." lines numbered from K+1, with "#"
diagnostics, and a closing plan "1..N" unless --no-plan.  Exit status 0
when every check passed, 1 otherwise, 2 on misuse.  The shell prelude's
tap_ingest renumbers these lines into a test's own stream."""

import sys

sys.dont_write_bytecode = True

import argparse     # noqa: E402
import csv          # noqa: E402
import json         # noqa: E402
import os           # noqa: E402

MAGIC = {"png": (b"\x89PNG\r\n\x1a\n",), "pdf": (b"%PDF-",),
         "svg": (b"<?xml", b"<svg")}
CHARTS = ("usage_stats", "apps", "daily")


class Tap:
    def __init__(self, offset):
        self.n = offset
        self.count = 0
        self.failed = 0

    def ok(self, cond, desc, diag=()):
        self.n += 1
        self.count += 1
        if not cond:
            self.failed += 1
        print("%sok %d - %s" % ("" if cond else "not ", self.n, desc))
        if not cond:
            for line in diag:
                print("#   " + line)
        return cond


def read_csv(path):
    """Rows of the file, or (None, reason)."""
    try:
        with open(path, newline="", encoding="utf-8",
                  errors="surrogateescape") as f:
            return list(csv.reader(f, strict=True)), None
    except OSError as e:
        return None, e.strerror or str(e)
    except csv.Error as e:
        return None, "not valid CSV: %s" % e


def diff_row(got, want, header):
    out = []
    for i in range(max(len(got), len(want))):
        g = got[i] if i < len(got) else "<missing>"
        w = want[i] if i < len(want) else "<missing>"
        if g != w:
            col = header[i] if header and i < len(header) else "column %d" % i
            out.append("%s: got %r want %r" % (col, g, w))
    return out


def check_usage(tap, path, want):
    rows, err = read_csv(path)
    name = os.path.basename(path)
    if not tap.ok(rows is not None, "%s is readable" % name, [str(err)]):
        return
    tap.ok(rows[:1] == [["Metric", "Count"]], "%s header" % name,
           ["got %r want ['Metric', 'Count']" % (rows[:1],)])
    body = rows[1:]
    for i, (metric, value) in enumerate(want):
        got = body[i] if i < len(body) else None
        if got is None:
            tap.ok(False, "usage_stats %s = %r" % (metric, value),
                   ["row %d missing" % (i + 2)])
            continue
        tap.ok(got == [metric, value], "usage_stats %s = %r" % (metric, value),
               ["got %r" % (got,)])
    tap.ok(len(body) == len(want), "usage_stats has %d metric rows"
           % len(want), ["got %d" % len(body)])


def check_table(tap, path, want, what):
    """Header, then each expected row at its position, then the row count,
    then the rows as a set (tells an order problem from a value one)."""
    rows, err = read_csv(path)
    name = os.path.basename(path)
    if not tap.ok(rows is not None, "%s is readable" % name, [str(err)]):
        return
    header = want[0]
    tap.ok(rows[:1] == [header], "%s header" % name,
           ["got %r" % (rows[:1],), "want %r" % (header,)])
    body, exp = rows[1:], want[1:]
    for i, w in enumerate(exp):
        g = body[i] if i < len(body) else []
        d = diff_row(g, w, header)
        if d and g[:1] != w[:1]:
            where = [j + 1 for j, r in enumerate(body) if r[:1] == w[:1]]
            d = ["got row %r" % (g,), "row %r is at row %s" % (
                w[0], ", ".join(map(str, where)) or "none")]
        tap.ok(not d, "%s row %d: %s" % (what, i + 1, " | ".join(w)), d)
    tap.ok(len(body) == len(exp), "%s has %d rows" % (what, len(exp)),
           ["got %d" % len(body)] +
           ["extra row %r" % (r,) for r in body if r not in exp][:10])
    gs = sorted(map(tuple, body))
    ws = sorted(map(tuple, exp))
    tap.ok(gs == ws, "%s rows match in any order" % what,
           ["missing %r" % (r,) for r in ws if r not in gs][:10] +
           ["unexpected %r" % (r,) for r in gs if r not in ws][:10])


def check_chart(tap, path, ext):
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            head = f.read(512)
        size = os.path.getsize(path)
    except OSError as e:
        tap.ok(False, "chart %s exists" % name, [e.strerror or str(e)])
        return
    good = size > 64 and any(head.lstrip().startswith(m) for m in MAGIC[ext])
    if ext == "svg":
        good = good and b"<svg" in head
    tap.ok(good, "chart %s is a non-empty %s" % (name, ext),
           ["%d bytes, starts with %r" % (size, head[:16])])


def run(outdir, label, expected, chart_ext="png", offset=0, plan=True):
    """Runs every check; returns the Tap (count and failures)."""
    tap = Tap(offset)
    with open(expected) as f:
        exp = json.load(f)
    d = os.path.join(outdir, label)
    date = exp["date"]
    check_usage(tap, os.path.join(d, "usage_stats_%s.csv" % date),
                exp["usage_stats"])
    check_table(tap, os.path.join(d, "apps_%s.csv" % date), exp["apps"],
                "apps")
    check_table(tap, os.path.join(d, "daily_%s.csv" % date), exp["daily"],
                "daily")
    if chart_ext != "none":
        for c in CHARTS:
            check_chart(tap, os.path.join(d, "%s_%s.%s" % (c, date, chart_ext)),
                        chart_ext)
    try:
        stray = [e for e in os.listdir(d) if e.startswith(".")]
    except OSError:
        stray = ["<no directory %s>" % d]
    tap.ok(not stray, "no temporary files left in %s" % label,
           ["found %s" % ", ".join(stray)])
    if plan:
        print("1..%d" % tap.n)
    sys.stdout.flush()
    return tap


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("outdir")
    p.add_argument("label")
    p.add_argument("expected")
    p.add_argument("--chart-ext", choices=["png", "svg", "pdf", "none"],
                   default="png")
    p.add_argument("--tap-offset", type=int, default=0)
    p.add_argument("--no-plan", action="store_true")
    o = p.parse_args(argv)
    tap = run(o.outdir, o.label, o.expected, o.chart_ext, o.tap_offset,
              not o.no_plan)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

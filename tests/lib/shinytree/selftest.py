"""gen_tree.py --selftest: catches generator bugs before they become wrong
expectations.  For a matrix of options it generates a tree and checks the
ground truth (truth.py, from events) against a recount of the written files
(recount.py, from bytes); it checks both against hand-counted numbers on a
tiny scenario, checks the format reader against the real Shiny Server
samples, determinism, the CLI, and check_outputs.py.  Prints TAP."""

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from . import formats, model, recount, truth, writer
from .model import App, Copy, Request, Session, Tree

T0 = "2026-12-04T12:00:00Z"
MATRIX = [
    # (format, timezone, now, window, rotations, user_dirs, malformed, scale)
    ("combined", "UTC", T0, 30, False, False, False, 1),
    ("combined", "Europe/Paris", T0, 30, True, True, True, 1),
    ("default", "America/New_York", "2026-11-02T06:59:59Z", 30, True, False, True, 1),
    ("common", "Asia/Kathmandu", "2026-12-04T00:00:00Z", 7, True, True, True, 2),
    ("custom", "Australia/Lord_Howe", "2026-04-06T15:00:00Z", 90, True, True, True, 1),
    ("short", "Europe/Paris", T0, 30, True, True, True, 1),
    ("tiny", "America/New_York", "2026-03-20T12:00:00Z", 30, True, True, True, 1),
    ("dev", "UTC", "2026-12-03T23:59:59Z", 1, True, False, True, 1),
    (None, "Europe/Paris", T0, 30, True, True, True, 1),    # no access log
]


class Tap:
    def __init__(self, verbose):
        self.n, self.failed, self.verbose = 0, 0, verbose

    def ok(self, cond, desc, diag=()):
        self.n += 1
        self.failed += not cond
        print("%sok %d - %s" % ("" if cond else "not ", self.n, desc))
        for line in ([] if cond and not self.verbose else list(diag)[:20]):
            print("#   %s" % line)
        return cond


def opts(root, fmt, tz, now, window, rot, users, bad, scale, seed=7):
    from gen_tree import parse_now     # the CLI's own parser
    return argparse.Namespace(
        root=root, now=parse_now(now), seed=seed, format=fmt or "combined",
        timezone=tz, window_days=window, rotations=rot, user_dirs=users,
        malformed=bad, no_access_log=fmt is None, prefix="", scale=scale)


def diff(a, b):
    out = []
    for k in ("date", "usage_stats", "apps", "daily"):
        x, y = a[k], b[k]
        if x == y:
            continue
        if not isinstance(x, list):
            out.append("%s: truth %r recount %r" % (k, x, y))
            continue
        for i in range(max(len(x), len(y))):
            xi = x[i] if i < len(x) else None
            yi = y[i] if i < len(y) else None
            if xi != yi:
                out.append("%s[%d]: truth %r recount %r" % (k, i, xi, yi))
    return out


def check_tree(tap, tmp, row):
    fmt, tz, now, window, rot, users, bad, scale = row
    label = "%s %s now=%s W=%d%s%s%s" % (
        fmt or "no-access-log", tz, now, window, " rotations" * rot,
        " user_dirs" * users, " malformed" * bad)
    root = os.path.join(tmp, "t%d" % tap.n)
    o = opts(root, fmt, tz, now, window, rot, users, bad, scale)
    tree = model.build(o)
    writer.write(tree, root)
    exp = truth.compute(tree)
    got = recount.recount(root, o)
    flat = {"date": exp["date"], "apps": exp["apps"][1:],
            "daily": exp["daily"][1:],
            "usage_stats": [v for _, v in exp["usage_stats"]]}
    tap.ok(not diff(flat, got), "truth == recount of files: " + label,
           diff(flat, got))
    u = dict(exp["usage_stats"])
    names = [r[0] for r in exp["apps"][1:]]
    want = ["app1 (2 apps)", "deleted-app (no app dir)", "hello"] + (
        ["dash-board (2 apps)", "oldapp (no app dir)", "~bob/group/tool"]
        if users else ["dash-board"])
    sums = all(str(sum(int(r[c]) for r in exp["daily"][1:])) == u[m]
               for c, m in [(1, "Sessions Last Month"), (2, "Visits Last Month"),
                            (4, "Requests Last Month")] if u[m] != "")
    tap.ok(all(n in names for n in want) and sums and
           0 < int(u["Crashed Sessions"]) < int(u["Total Sessions"]) and
           0 < int(u["Sessions Last Month"]) < int(u["Total Sessions"]),
           "expected rows, daily sums and plausible counts: " + label,
           ["missing %s" % n for n in want if n not in names] +
           ["daily sums ok: %s" % sums, repr(u)])
    unknown = {"tiny": [3, 4, 6, 8], "dev": [3, 4, 6, 8], "short": [4, 6, 8],
               None: [3, 4, 5, 6, 7, 8, 10]}.get(fmt, [])
    cells = [v for _, v in exp["usage_stats"]]
    tap.ok([i for i, v in enumerate(cells) if v == ""] == unknown,
           "unknown rows are exactly %s: %s" % (unknown, label), [repr(cells)])
    return o, exp


def hand_check(tap, tmp):
    """Numbers counted by hand on a tiny tree: guards against truth.py and
    recount.py sharing one misreading of the window or visit rules."""
    o = opts(os.path.join(tmp, "hand"), "combined", "UTC", T0, 30, False,
             False, False, 1)
    T, W0 = o.now, o.now - 30 * 86400
    tr = Tree(o)
    tr.site_apps = [App("a", "/a/", "srv/shiny-server/a", {"app.R": b""}),
                    App("g/a", "/g/a/", "srv/shiny-server/g/a", {"app.R": b""}),
                    App("b", "/b/", "srv/shiny-server/b", {"app.R": b""})]
    fields = lambda t: model.local_fields(model.load_zone("UTC"), t)  # noqa
    for i, (app, t, crash) in enumerate([("b", W0, True), ("b", W0 + 1, False),
                                         ("b", T, False), ("b", T + 1, True),
                                         ("a", T, True), ("x", T, False)]):
        tr.sessions.append(Session(model.LOGDIR, app, "shiny", fields(t),
                                   1000 + i, crash, [Copy("", [b"Error: x"]
                                                          if crash else [])]))
    R = lambda a, t, url, app, v=None: Request(  # noqa: E731
        a, t, 0, "GET", url, 200, None, None, "-", "-", app, v)
    tr.requests = [R("10.0.0.1", W0, "/b/", "b"), R("::ffff:10.0.0.1", W0 + 1,
                   "/b", "b"), R("10.0.0.2", T, "/a/", "a"),
                   R("10.0.0.3", T + 1, "/", None),
                   R("10.0.0.4", W0 - 5, "/b/__sockjs__/n=v1/info", "b",
                     ("/b/", "v1")),
                   R("10.0.0.4", W0 + 9, "/b/__sockjs__/n=v1/x", "b",
                     ("/b/", "v1")),
                   R("10.0.0.5", T, "/a/__sockjs__/n=v1/info", "a", ("/a/", "v1")),
                   R("10.0.0.5", T, "/a/__sockjs__/o=v2/info", "a")]
    tr.access_files = [("access.log", 0, list(tr.requests))]
    exp = truth.compute(tr)
    want = ["6", "4", "3", "5", "4", "2", "1", "8", "5", "3", "0"]
    got = [v for _, v in exp["usage_stats"]]
    tap.ok(got == want, "hand-counted usage_stats", ["got %r" % got,
                                                      "want %r" % want])
    rows = [r[:8] for r in exp["apps"][1:]]
    want_rows = [["a (2 apps)", "1", "1", "", "", "", "", "1"],
                 ["b", "4", "2", "1", "0", "2", "4", "2"],
                 ["a", "", "", "1", "1", "2", "3", ""],
                 ["g/a", "", "", "0", "0", "0", "0", ""],
                 ["x (no app dir)", "1", "1", "", "", "", "", "0"]]
    rows.sort(key=lambda r: r[0])
    want_rows.sort(key=lambda r: r[0])
    tap.ok(rows == want_rows, "hand-counted apps rows", [repr(rows)])
    writer.write(tr, o.root)
    got2 = recount.recount(o.root, o)
    tap.ok(got2["usage_stats"] == want, "hand-counted tree recounted from files",
           [repr(got2["usage_stats"])])


def fixtures(tap, here):
    """The format reader against files a real Shiny Server wrote."""
    base = os.path.join(here, "..", "fixtures", "real-shiny-server", "formats",
                        "log-formats")
    if not os.path.isdir(base):
        tap.ok(True, "# SKIP no fixtures at %s" % base)
        return
    for fmt in ("default", "common", "short", "tiny", "dev", "custom"):
        d = os.path.join(base, fmt)
        with open(os.path.join(d, "access.log"), "rb") as f:
            lines = f.read().split(b"\n")[:-1]
        recs = [formats.parse(fmt, ln) for ln in lines]
        ok = [r for r in recs if r]
        addrs = {r[0] for r in ok}
        visits = {r[2] for r in ok if "/__sockjs__/n=" in r[2]}
        crashes = sorted(e.split("-")[0] for e in os.listdir(d)
                         if e.endswith(".log") and e != "access.log" and any(
                             ln.startswith((b"Error in ", b"Error: "))
                             for ln in open(os.path.join(d, e), "rb")))
        n = 39 if fmt == "dev" else 38
        tap.ok(len(ok) == len(lines) == n and len(visits) == 2 and
               crashes == ["broken"] and
               (addrs == {None} if not formats.has_addr(fmt) else len(addrs) == 4),
               "real %s sample: %d lines parse, 2 visits, 1 crash" % (fmt, n),
               ["%d/%d parsed, addrs %r, visits %d, crashes %r" % (
                   len(ok), len(lines), addrs, len(visits), crashes)])


def tree_digest(root):
    h = hashlib.sha256()
    for d, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            h.update(os.path.relpath(p, root).encode())
            if not os.path.islink(p):
                with open(p, "rb") as fh:
                    h.update(fh.read())
    return h.hexdigest()


def cli_and_checker(tap, tmp, here):
    gen = os.path.join(here, "gen_tree.py")
    chk = os.path.join(here, "check_outputs.py")
    args = ["--now", T0, "--seed", "3", "--format", "custom", "--rotations",
            "--user-dirs", "--malformed", "--timezone", "Europe/Paris"]
    for i in (1, 2):
        subprocess.run([sys.executable, gen, "--root", os.path.join(tmp, "c%d" % i),
                        "--expected", os.path.join(tmp, "c%d.json" % i)] + args,
                       check=True)
    same = open(os.path.join(tmp, "c1.json")).read() == \
        open(os.path.join(tmp, "c2.json")).read()
    tap.ok(same and tree_digest(os.path.join(tmp, "c1")) ==
           tree_digest(os.path.join(tmp, "c2")), "same seed, same tree and JSON")
    bad = subprocess.run([sys.executable, gen, "--root", tmp, "--now",
                          "yesterday", "--expected", "x"], capture_output=True)
    tap.ok(bad.returncode == 2, "a bad --now is a usage error")
    with open(os.path.join(tmp, "c1.json")) as f:
        exp = json.load(f)
    out = os.path.join(tmp, "out", "host1")
    os.makedirs(out)
    for kind in ("usage_stats", "apps", "daily"):
        rows = exp[kind] if kind != "usage_stats" else \
            [["Metric", "Count"]] + exp[kind]
        with open(os.path.join(out, "%s_%s.csv" % (kind, exp["date"])), "w",
                  newline="") as f:   # as libcsv writes: every field quoted
            csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n") \
                .writerows(rows)
        with open(os.path.join(out, "%s_%s.png" % (kind, exp["date"])),
                  "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + bytes(200))
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, chk, "--tap-offset", "10", os.path.join(tmp, "out"),
         "host1", os.path.join(tmp, "c1.json")], capture_output=True, text=True)
    r = run()
    lines = r.stdout.splitlines()
    tap.ok(r.returncode == 0 and lines[0].startswith("ok 11 - ") and
           "not ok" not in r.stdout and lines[-1] == "1..%d" % (len(lines) + 9),
           "check_outputs accepts matching files (%d lines)" % len(lines),
           lines[:5] + [r.stderr])
    p = os.path.join(out, "apps_%s.csv" % exp["date"])
    with open(p) as f:
        text = f.read()
    with open(p, "w") as f:
        f.write(text.replace('"2026-', '"2025-', 1))
    os.remove(os.path.join(out, "daily_%s.png" % exp["date"]))
    r = run()
    tap.ok(r.returncode == 1 and r.stdout.count("not ok") == 3,
           "check_outputs flags a changed cell and a missing chart",
           [ln for ln in r.stdout.splitlines() if "not ok" in ln or "#" in ln])


def run(gen_tree_path, verbose=False):
    here = os.path.dirname(gen_tree_path)
    tap = Tap(verbose)
    with tempfile.TemporaryDirectory(prefix="gen-selftest.") as tmp:
        for row in MATRIX:
            check_tree(tap, tmp, row)
        hand_check(tap, tmp)
        fixtures(tap, here)
        cli_and_checker(tap, tmp, here)
    print("1..%d" % tap.n)
    return 1 if tap.failed else 0

#!/usr/bin/env python3
"""Generates a Shiny Server host's files with known ground truth.

  gen_tree.py --root DIR --now 2026-12-04T12:00:00Z --seed 1 \\
      [--format combined|default|common|short|tiny|dev|custom]
      [--timezone IANA] [--window-days 30] [--rotations] [--user-dirs]
      [--malformed] [--no-access-log] [--prefix REMOTE_PREFIX] [--scale N]
      --expected OUT.json
  gen_tree.py --selftest [-v]

DIR is the server's "/" (etc/shiny-server/shiny-server.conf,
srv/shiny-server, var/log/shiny-server, home/<user>/ShinyApps).  With
--prefix, paths written into shiny-server.conf start with it (for runs
without sshd's ChrootDirectory); files still go under DIR.  OUT.json holds
the exact expected cells of usage_stats, apps and daily (see README.md),
computed from the generator's own events, never from the files.  The
output date is the local date of --now in this process's TZ: run it under
the same TZ as shiny-usage.  Python 3 standard library only."""

import sys

sys.dont_write_bytecode = True      # never litter the source tree

import argparse                     # noqa: E402
import json                         # noqa: E402
import os                           # noqa: E402
from datetime import datetime, timezone   # noqa: E402
from zoneinfo import ZoneInfoNotFoundError   # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from shinytree import formats, model, truth, writer   # noqa: E402


def parse_now(s):
    """ISO-8601 with Z or an offset -> Unix seconds."""
    try:
        d = datetime.fromisoformat(s[:-1] + "+00:00" if s.endswith("Z")
                                   else s)
    except ValueError:
        raise argparse.ArgumentTypeError("bad time %r (want e.g. "
                                         "2026-12-04T12:00:00Z)" % s)
    if d.tzinfo is None:
        raise argparse.ArgumentTypeError("time %r needs Z or an offset" % s)
    return int(d.astimezone(timezone.utc).timestamp())


def positive(s):
    v = int(s)
    if v < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return v


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--selftest", action="store_true",
                   help="check the generator against a recount of its files")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--root")
    p.add_argument("--now", type=parse_now)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--format", choices=formats.NAMES, default="combined")
    p.add_argument("--timezone", default="UTC")
    p.add_argument("--window-days", type=positive, default=30)
    p.add_argument("--rotations", action="store_true")
    p.add_argument("--user-dirs", action="store_true")
    p.add_argument("--malformed", action="store_true")
    p.add_argument("--no-access-log", action="store_true")
    p.add_argument("--prefix", default="")
    p.add_argument("--scale", type=positive, default=1)
    p.add_argument("--expected")
    return p


def options(argv):
    """Parsed and checked options (exits with status 2 on misuse)."""
    p = parser()
    o = p.parse_args(argv)
    if o.selftest:
        return o
    for name in ("root", "now", "expected"):
        if getattr(o, name) is None:
            p.error("--%s is required" % name)
    try:
        model.load_zone(o.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        p.error("unknown time zone %r" % o.timezone)
    o.prefix = o.prefix.rstrip("/")
    if o.prefix and not o.prefix.startswith("/"):
        p.error("--prefix must be an absolute path")
    return o


def generate(o):
    """Writes the tree under o.root and returns the expected values."""
    tree = model.build(o)
    writer.write(tree, o.root)
    return truth.compute(tree)


def main(argv):
    o = options(argv)
    if o.selftest:
        from shinytree import selftest
        return selftest.run(os.path.abspath(__file__), o.verbose)
    expected = generate(o)
    tmp = o.expected + ".tmp"
    with open(tmp, "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    os.replace(tmp, o.expected)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

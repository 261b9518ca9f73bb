"""Self-test only: recounts every expected value from the FILES of a
generated tree, by brute force and with code that shares nothing with
truth.py (a directory walk instead of the app list, name parsing instead of
the session events, line parsing instead of the request events).  When the
two agree, the generator wrote what its ground truth claims."""

import calendar
import gzip
import os
import re
import stat
import time
from datetime import date, datetime, timedelta

from . import formats
from .model import load_zone

NAME_RE = re.compile(r"^(.+)-([^-]+)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})"
                     r"-(\d+)\.log(\.\d+|\.\d+\.gz|-\d{8}|-\d{8}\.gz|\.gz)?$")
ACCESS_RE = re.compile(r"^access\.log(\.\d+|\.\d+\.gz|-\d{8}|-\d{8}\.gz)?$")


def _read(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def _lines(data):
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    return parts


def walk_apps(top, name_prefix, url_prefix, in_shinyapps):
    """(name, url, basename) of each app directory under top, by the rule."""
    found = []

    def visit(rel):
        path = os.path.join(top, rel)
        entries = sorted(os.listdir(path))
        files = [e for e in entries
                 if stat.S_ISREG(os.lstat(os.path.join(path, e)).st_mode)]
        is_app = any(f.lower() in ("app.r", "server.r")
                     or f.lower().endswith((".rmd", ".qmd")) or f == "app.py"
                     for f in files)
        if is_app and rel:
            found.append((name_prefix + rel, url_prefix + rel + "/",
                          rel.rsplit("/", 1)[-1]))
            return
        for e in entries:
            if e.startswith(".") or (in_shinyapps and not rel and e == "log"):
                continue
            if stat.S_ISDIR(os.lstat(os.path.join(path, e)).st_mode):
                visit(rel + "/" + e if rel else e)

    if os.path.isdir(top):
        visit("")
    return found


def local_to_utc(zone, y, mo, d, h, mi, s):
    """Wall clock -> Unix time by trying every offset the zone used nearby;
    none fits in a gap, two in an overlap: then the offset in force just
    before the transition applies."""
    naive = calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))
    offs = {int(datetime.fromtimestamp(naive + k * 3600, zone)
                .utcoffset().total_seconds()) for k in range(-48, 49)}
    fits = sorted(naive - o for o in offs
                  if datetime.fromtimestamp(naive - o, zone).replace(
                      tzinfo=None) == datetime(y, mo, d, h, mi, s))
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1:           # overlap: the earlier offset is the one before
        return fits[0]
    before = datetime.fromtimestamp(naive - max(offs) - 1, zone).utcoffset()
    return naive - int(before.total_seconds())


def recount(root, o):
    zone = load_zone(o.timezone)
    T = o.now
    W0 = T - o.window_days * 86400
    inw = lambda t: t is not None and W0 < t <= T  # noqa: E731

    apps = walk_apps(os.path.join(root, "srv/shiny-server"), "", "/", False)
    logdirs = [os.path.join(root, "var/log/shiny-server")]
    if o.user_dirs:
        home = os.path.join(root, "home")
        for user in sorted(os.listdir(home)):
            sa = os.path.join(home, user, "ShinyApps")
            apps += walk_apps(sa, "~%s/" % user, "/%s/" % user, True)
            logdirs.append(os.path.join(sa, "log"))

    logs = {}           # key -> [app, start, crashed]
    for d in logdirs:
        for e in (os.listdir(d) if os.path.isdir(d) else []):
            p = os.path.join(d, e)
            m = NAME_RE.match(e)
            if not stat.S_ISREG(os.lstat(p).st_mode) or not m:
                continue
            y, mo, dd, h, mi, s, port = (int(x) for x in m.groups()[2:9])
            if not (1 <= mo <= 12 and 1 <= dd <= calendar.monthrange(y, mo)[1]
                    and h < 24 and mi < 60 and s <= 60
                    and 1 <= port <= 65535):
                continue
            key = e[:e.index(".log") + 4]
            crash = any(line.startswith((b"Error in ", b"Error: "))
                        for line in _lines(_read(p)))
            ent = logs.setdefault(key, [m.group(1),
                                        local_to_utc(zone, y, mo, dd, h, mi, s),
                                        False])
            ent[2] = ent[2] or crash

    recs, skipped, access = [], 0, False
    ld = os.path.join(root, "var/log/shiny-server")
    for e in sorted(os.listdir(ld)):
        if ACCESS_RE.match(e) and not o.no_access_log:
            access = True
            for line in _lines(_read(os.path.join(ld, e))):
                if line == b"":
                    continue
                r = formats.parse(o.format, line)
                if r is None:
                    skipped += 1
                else:
                    recs.append(r)
    has_a = access and formats.has_addr(o.format)
    has_t = access and formats.has_time(o.format)
    addr = lambda r: r[0] and re.sub(r"^::ffff:(?=\d+\.)", "", r[0])  # noqa

    def owner(path):
        best = None
        for name, url, _ in apps:
            if (path.startswith(url) or path == url[:-1]) and \
                    (best is None or len(url) > len(best[1])):
                best = (name, url)
        return best[0] if best else None

    visits = {}         # (app path, id) -> first time
    for r in recs:
        m = re.match(r"^(.*?)/__sockjs__/n=([^/?]+)/", r[2])
        if m:
            k = (m.group(1) + "/", m.group(2))
            t = r[1] if r[1] is not None else 0
            visits[k] = min(visits.get(k, t), t)
    cell = lambda ok, v: str(v) if ok else ""  # noqa: E731

    usage = [str(len(logs)), str(sum(1 for v in logs.values() if inw(v[1]))),
             str(len(apps)), cell(has_a, len({addr(r) for r in recs})),
             cell(has_a and has_t, len({addr(r) for r in recs if inw(r[1])})),
             cell(access, len(visits)),
             cell(has_t, sum(1 for t in visits.values() if inw(t))),
             cell(access, len(recs)),
             cell(has_t, sum(1 for r in recs if inw(r[1]))),
             str(sum(1 for v in logs.values() if v[2])), cell(access, skipped)]

    rows = []
    for name, url, base in apps:
        mine = [r for r in recs if owner(r[2].split("?")[0]) == name]
        vis = [t for k, t in visits.items() if owner(k[0]) == name]
        same = [a for a in apps if a[2] == base]
        sl = [v for v in logs.values() if v[0] == base] if len(same) == 1 \
            else None
        times = ([r[1] for r in mine] if has_t else []) + \
            ([v[1] for v in sl] if sl else [])
        rows.append([name] + (["", ""] if sl is None else
                              [str(len(sl)), str(sum(inw(v[1]) for v in sl))])
                    + [cell(access, len(vis)),
                       cell(has_t, sum(1 for t in vis if inw(t))),
                       cell(has_a, len({addr(r) for r in mine})),
                       cell(access, len(mine)),
                       "" if sl is None else str(sum(v[2] for v in sl)),
                       time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(
                           max(times))) if times else ""])
    for base in sorted({v[0] for v in logs.values()}):
        n = sum(1 for a in apps if a[2] == base)
        if n != 1:
            sl = [v for v in logs.values() if v[0] == base]
            rows.append([base + (" (%d apps)" % n if n else " (no app dir)"),
                         str(len(sl)), str(sum(inw(v[1]) for v in sl)),
                         "", "", "", "", str(sum(v[2] for v in sl)),
                         time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                       time.gmtime(max(v[1] for v in sl)))])
    # Selection sort on the documented order, unlike truth.py's key sort.
    def before(a, b):
        for i in (3, 6, 1):
            x = int(a[i]) if a[i] else -1
            y = int(b[i]) if b[i] else -1
            if x != y:
                return x > y
        return a[0].encode() < b[0].encode()
    ordered = []
    while rows:
        best = rows[0]
        for r in rows[1:]:
            if before(r, best):
                best = r
        rows.remove(best)
        ordered.append(best)

    zd = lambda t: datetime.fromtimestamp(t, zone).date()  # noqa: E731
    daily = []
    d = zd(W0 + 1)
    while d <= zd(T):
        day_recs = [r for r in recs if has_t and inw(r[1]) and zd(r[1]) == d]
        daily.append([d.isoformat(),
                      str(sum(1 for v in logs.values()
                              if inw(v[1]) and zd(v[1]) == d)),
                      cell(has_t, sum(1 for t in visits.values()
                                      if inw(t) and zd(t) == d)),
                      cell(has_a and has_t, len({addr(r) for r in day_recs})),
                      cell(has_t, len(day_recs))])
        d = d + timedelta(days=1)
    y, mo, dd = time.localtime(T)[:3]
    return {"date": date(y, mo, dd).isoformat(),
            "usage_stats": usage, "apps": ordered, "daily": daily}

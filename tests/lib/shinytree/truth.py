"""Ground truth: the expected CSV cells, computed from a Tree's own event
lists (never from the files written), following the lead's metric
semantics literally.  Every value is the exact string the CSV must hold;
"" is an unknown value."""

import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from . import formats
from .model import DAY, load_zone

STAT_NAMES = ["Total Sessions", "Sessions Last Month", "Total Apps",
              "Unique IPs", "Unique IPs Last Month", "Visits",
              "Visits Last Month", "Requests", "Requests Last Month",
              "Crashed Sessions", "Skipped Lines"]
APPS_HEADER = ["app", "session_logs", "session_logs_last_month", "visits",
               "visits_last_month", "unique_ips", "requests",
               "crashed_sessions", "last_seen"]
DAILY_HEADER = ["date", "session_logs", "visits", "unique_ips", "requests"]


def session_start(tree, s):
    """Unix time of a session log's name: wall clock in the host zone; in a
    DST gap or overlap the offset in force just before applies (fold=0)."""
    zone = load_zone(tree.opts.timezone)
    return int(datetime(*s.local, tzinfo=zone, fold=0).timestamp())


def iso_utc(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def output_date(t):
    """The workstation-local date of T (the TZ of this process)."""
    return time.strftime("%Y-%m-%d", time.localtime(t))


def norm_addr(a):
    return a[7:] if a.startswith("::ffff:") and "." in a else a


def _cell(known, v):
    return str(v) if known else ""


def _num(cell):
    return int(cell) if cell != "" else -1


def compute(tree):
    o = tree.opts
    zone = load_zone(o.timezone)
    T, W0 = o.now, o.now - o.window_days * DAY
    inw = lambda t: W0 < t <= T  # noqa: E731
    zdate = lambda t: datetime.fromtimestamp(t, zone).date()  # noqa: E731

    apps = tree.site_apps + (tree.user_apps if o.user_dirs else [])
    served = {a.name for a in apps}
    sessions = [s for s in tree.sessions if o.user_dirs or not s.user_dir]
    keys = [s.key for s in sessions]
    assert len(set(keys)) == len(keys), "duplicate session-log names"
    start = {s.key: session_start(tree, s) for s in sessions}

    access = not o.no_access_log
    known_addr = access and formats.has_addr(o.format)
    known_time = access and formats.has_time(o.format)
    reqs = tree.requests if access else []
    app_of = lambda r: r.app if r.app in served else None  # noqa: E731

    first, visit_app = {}, {}
    for r in reqs:
        if r.visit is not None:
            first[r.visit] = min(first.get(r.visit, r.t), r.t)
            visit_app[r.visit] = app_of(r)

    stats = [
        len(sessions),
        sum(1 for k in keys if inw(start[k])),
        len(apps),
        _cell(known_addr, len({norm_addr(r.addr) for r in reqs})),
        _cell(known_addr and known_time,
              len({norm_addr(r.addr) for r in reqs if inw(r.t)})),
        _cell(access, len(first)),
        _cell(known_time, sum(1 for t in first.values() if inw(t))),
        _cell(access, len(reqs)),
        _cell(known_time, sum(1 for r in reqs if inw(r.t))),
        sum(1 for s in sessions if s.crashed),
        _cell(access, len(tree.malformed)),
    ]
    usage = [[n, str(v)] for n, v in zip(STAT_NAMES, stats)]

    by_base = defaultdict(list)
    for a in apps:
        by_base[a.base].append(a)
    logs_of = defaultdict(list)
    for s in sessions:
        logs_of[s.app].append(s)

    def session_cells(logs):
        return [str(len(logs)), str(sum(1 for s in logs if inw(start[s.key]))),
                str(sum(1 for s in logs if s.crashed))]

    reqs_of, visits_of = defaultdict(list), defaultdict(list)
    for r in reqs:
        reqs_of[app_of(r)].append(r)
    for v in first:
        visits_of[visit_app[v]].append(v)
    rows = []
    for a in apps:
        mine, visits = reqs_of[a.name], visits_of[a.name]
        times = [r.t for r in mine] if known_time else []
        if len(by_base[a.base]) == 1:
            sc = session_cells(logs_of[a.base])
            times += [start[s.key] for s in logs_of[a.base]]
        else:
            sc = ["", "", ""]
        rows.append([a.name, sc[0], sc[1], _cell(access, len(visits)),
                     _cell(known_time, sum(1 for v in visits if inw(first[v]))),
                     _cell(known_addr, len({norm_addr(r.addr) for r in mine})),
                     _cell(access, len(mine)), sc[2],
                     iso_utc(max(times)) if times else ""])
    for base, logs in logs_of.items():
        n = len(by_base.get(base, []))
        if n == 1:
            continue
        sc = session_cells(logs)
        rows.append(["%s (%d apps)" % (base, n) if n else
                     "%s (no app dir)" % base, sc[0], sc[1], "", "", "", "",
                     sc[2], iso_utc(max(start[s.key] for s in logs))])
    rows.sort(key=lambda r: (-_num(r[3]), -_num(r[6]), -_num(r[1]),
                             r[0].encode()))

    sess_day = Counter(zdate(start[k]) for k in keys if inw(start[k]))
    visit_day = Counter(zdate(t) for t in first.values() if inw(t))
    req_day = Counter(zdate(r.t) for r in reqs if inw(r.t))
    ip_day = defaultdict(set)
    for r in reqs:
        if inw(r.t):
            ip_day[zdate(r.t)].add(norm_addr(r.addr))
    daily, d = [], zdate(W0 + 1)
    while d <= zdate(T):
        daily.append([d.isoformat(), str(sess_day[d]),
                      _cell(known_time, visit_day[d]),
                      _cell(known_addr and known_time, len(ip_day[d])),
                      _cell(known_time, req_day[d])])
        d += timedelta(days=1)

    return {
        "date": output_date(T),
        "usage_stats": usage,
        "apps": [APPS_HEADER] + rows,
        "daily": [DAILY_HEADER] + daily,
        "meta": {
            "now": iso_utc(T), "window_start": iso_utc(W0),
            "window_days": o.window_days, "timezone": o.timezone,
            "format": None if o.no_access_log else o.format,
            "user_dirs": o.user_dirs, "rotations": o.rotations,
            "malformed": o.malformed, "seed": o.seed, "scale": o.scale,
            "prefix": o.prefix or "",
            "access_files": [n for n, _, _ in tree.access_files],
            "session_files": sum(len(s.copies) for s in tree.sessions),
        },
    }

"""The scenario: everything a generated Shiny Server host holds, as plain
in-memory event lists (apps, session logs, requests, malformed lines).

writer.py turns a Tree into files and truth.py into expected values; the
truth never reads a file back.  Each event says what it is meant to be
(a request's app, a line's visit, a log's crash) so the ground truth is
bookkeeping, and the self-test's recount from the files (recount.py) is a
second, independent derivation."""

import ipaddress
import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY = 86400
SITE = "srv/shiny-server"
LOGDIR = "var/log/shiny-server"


@dataclass
class App:
    name: str           # row name: "hello", "nested/group/app1", "~alice/myapp"
    url: str            # URL prefix: "/hello/", "/alice/myapp/"
    fsdir: str          # directory under the root
    files: dict         # relative file name -> bytes

    @property
    def base(self):
        return self.fsdir.rsplit("/", 1)[-1]


@dataclass
class Copy:
    suffix: str         # "" (live), ".1", ".2.gz", "-YYYYMMDD", "-YYYYMMDD.gz", ".gz"
    lines: list         # bytes, without newlines


@dataclass
class Session:
    logdir: str         # under the root
    app: str            # app directory basename (may hold '-')
    user: str
    local: tuple        # (Y, M, D, h, m, s) wall clock in the host zone
    port: int
    crashed: bool       # meant to hold an "Error in "/"Error: " line
    copies: list
    user_dir: bool = False  # in ~user/ShinyApps/log: counted only with user_dirs

    @property
    def key(self):
        y, mo, d, h, mi, s = self.local
        return "%s-%s-%04d%02d%02d-%02d%02d%02d-%d.log" % (
            self.app, self.user, y, mo, d, h, mi, s, self.port)


@dataclass
class Request:
    addr: str           # as written ("::ffff:203.0.113.7", "2001:db8::1")
    t: int              # Unix seconds (UTC)
    ms: int
    method: str
    url: str
    status: int
    length: object      # int or None ("-")
    rt: object          # float ms or None ("-")
    referrer: str
    ua: str
    app: object         # name of the app it is meant for, or None
    visit: object       # (app path, id) for "n=<id>" lines, else None
    version: str = "1.1"


@dataclass
class Tree:
    opts: object
    site_apps: list = field(default_factory=list)
    user_apps: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    malformed: list = field(default_factory=list)   # bytes lines to skip
    files: dict = field(default_factory=dict)       # other files: path -> bytes
    dirs: list = field(default_factory=list)        # extra (empty) dirs
    symlinks: dict = field(default_factory=dict)    # path -> target
    access_files: list = field(default_factory=list)  # (name, members, items)


R_APP = (b'library(shiny)\nui <- fluidPage(titlePanel("%s"))\n'
         b'server <- function(input, output, session) {}\n'
         b'shinyApp(ui, server)\n')
UI_R = b'fluidPage(sliderInput("n", "n", 1, 100, 50), plotOutput("p"))\n'
SERVER_R = b'function(input, output) output$p <- renderPlot(hist(rnorm(input$n)))\n'
RMD = b'---\ntitle: "Report"\nruntime: shiny\n---\n\n```{r}\nnumericInput("n", "n", 5)\n```\n'
QMD = b'---\ntitle: "Doc"\nserver: shiny\n---\n'
PY = b'from shiny import App, ui\napp = App(ui.page_fluid("hi"), None)\n'

SITE_APPS = [
    ("hello", {"app.R": R_APP % b"hello"}),
    ("dash-board", {"app.R": R_APP % b"dash"}),
    ("nested/group/app1", {"app.R": R_APP % b"g1"}),
    ("nested/other/app1", {"app.R": R_APP % b"o1"}),
    ("ui_server", {"ui.R": UI_R, "server.R": SERVER_R}),
    ("report", {"index.Rmd": RMD, "data.csv": b"x,y\n1,2\n"}),
    ("quarto-doc", {"doc.qmd": QMD}),
    ("py-app", {"app.py": PY, "requirements.txt": b"shiny\n"}),
    ("CaseApp", {"APP.R": R_APP % b"case"}),
    ("legacy", {"Server.r": SERVER_R, "UI.r": UI_R}),
    ("slides", {"Talk.RMD": RMD}),
    ("Zeta", {"app.R": R_APP % b"zeta"}),     # no traffic: ties sort by strcmp
    ("my-shiny-app", {"app.R": R_APP % b"mine"}),
    # Subdirectories of an app belong to it, even one that looks like an app.
    ("deep", {"server.R": SERVER_R, "ui.R": UI_R, "www/style.css": b"p{}\n",
              "modules/inner/app.R": R_APP % b"inner",
              "data/raw/x.csv": b"1\n"}),
]
SITE_OTHER_FILES = {
    "index.html": b"<html><body>Shiny Server</body></html>\n",
    "static/index.html": b"<html>static</html>\n",
    "static/notes.txt": b"static notes, 23 bytes\n",
    "static/data.bin": bytes(range(256)) * 4,
    ".hidden/app.R": R_APP % b"hidden",
    "notapp/app.R.txt": b"not an app\n",
    "notapp/myapp.R": b"# helper script\n",
    "notapp/server.R.orig": SERVER_R,
    "notapp/README.md": b"# notes\n",
}
SITE_DIRS = ["empty", "notapp/slides.Rmd"]   # a directory named .Rmd is no document
# user -> [(app dir under ShinyApps, files)]; None: no ShinyApps at all
USER_APPS = {
    "alice": [("myapp", {"app.R": R_APP % b"alice"}),
              ("dash-board", {"app.R": R_APP % b"alice dash"}),
              (".secret", {"app.R": R_APP % b"secret"})],
    "bob": [("stats", {"ui.R": UI_R, "server.R": SERVER_R}),
            ("group/tool", {"app.R": R_APP % b"tool"})],
    "carol": None,
    "dave": [],
}
SITE_SESSIONS = [("hello", 6), ("dash-board", 4), ("app1", 4), ("ui_server", 3),
                 ("report", 2), ("quarto-doc", 1), ("py-app", 2), ("CaseApp", 1),
                 ("deep", 2), ("my-shiny-app", 2), ("legacy", 1),
                 ("deleted-app", 2)]
USER_SESSIONS = [("alice", "myapp", 3), ("alice", "dash-board", 2),
                 ("bob", "stats", 2), ("bob", "tool", 2), ("bob", "oldapp", 1)]
# Patterns of rotated copies, oldest first; "" is the live file.
ROTATIONS = [[".1", ""], [".1"], [".2.gz"], [".2.gz", ""], ["-D"], ["-D.gz"],
             ["-D.gz", ""], [".gz"], ["-D", ".2.gz", ".1"]]
ASSETS = ["jquery-3.6.0/jquery.min.js", "shiny-css-1.7.4/shiny.min.css",
          "shiny-javascript-1.7.4/shiny.min.js",
          "bootstrap-3.4.1/css/bootstrap.min.css",
          "bootstrap-3.4.1/js/bootstrap.min.js", "__assets__/shiny-server.css",
          "__assets__/sockjs.min.js", "__assets__/shiny-server-client.min.js"]
CHROME = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
          "Gecko) HeadlessChrome/156.0.0.0 Safari/537.36")
AGENTS = [CHROME, CHROME, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) "
          "Gecko/20100101 Firefox/128.0", "curl/7.88.1",
          'evil "quoted" agent', "-",
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"]
REF_HOST = "http://shiny.example.org:3838"


def load_zone(name):
    """The IANA zone; UTC still works on a system without tzdata."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        if name in ("UTC", "Etc/UTC"):
            return timezone.utc
        raise


def local_fields(zone, t):
    d = datetime.fromtimestamp(t, zone)
    return (d.year, d.month, d.day, d.hour, d.minute, d.second)


def dst_edges(zone, start, end):
    """Wall-clock times inside each gap or overlap of zone in [start, end]:
    names that cannot be read back without the 'offset in force just
    before' rule."""
    out = []
    t = start
    while t < end:
        a = datetime.fromtimestamp(t, zone).utcoffset()
        b = datetime.fromtimestamp(t + 3600, zone).utcoffset()
        if a != b:
            lo, hi = t, t + 3600        # find the transition instant
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if datetime.fromtimestamp(mid, zone).utcoffset() == a:
                    lo = mid
                else:
                    hi = mid
            before, after = int(a.total_seconds()), int(b.total_seconds())
            naive = datetime(1970, 1, 1) + timedelta(
                seconds=hi + min(before, after) + abs(after - before) // 2)
            out.append((naive.year, naive.month, naive.day, naive.hour,
                        naive.minute, naive.second))
        t += 3600
    return out


class Builder:
    def __init__(self, opts):
        self.o = opts
        self.rng = random.Random(opts.seed)
        self.zone = load_zone(opts.timezone)
        self.T = opts.now
        self.W0 = opts.now - opts.window_days * DAY
        self.tree = Tree(opts)
        self.names = set()
        self.ids = set()
        self.crash_forced = False

    # --- apps -----------------------------------------------------------
    def apps(self):
        tr = self.tree
        apps = list(SITE_APPS)
        for i in range(6 * (self.o.scale - 1)):
            apps.append(("gen/g%02d/app%04d" % (i // 50, i),
                         {"app.R": R_APP % b"gen"}))
        for rel, files in apps:
            tr.site_apps.append(App(rel, "/" + rel + "/", SITE + "/" + rel,
                                    dict(files)))
        for path, data in SITE_OTHER_FILES.items():
            tr.files[SITE + "/" + path] = data
        tr.dirs += [SITE + "/" + d for d in SITE_DIRS]
        tr.symlinks[SITE + "/hello-link"] = "hello"
        for user, apps in USER_APPS.items():
            home = "home/" + user
            tr.files[home + "/.profile"] = b"# ~/.profile\n"
            if apps is None:
                continue
            tr.dirs.append(home + "/ShinyApps")
            for rel, files in apps:
                a = App("~%s/%s" % (user, rel), "/%s/%s/" % (user, rel),
                        "%s/ShinyApps/%s" % (home, rel), dict(files))
                if rel.startswith("."):
                    for f, data in files.items():
                        tr.files[a.fsdir + "/" + f] = data
                else:
                    tr.user_apps.append(a)

    # --- session logs ---------------------------------------------------
    def port(self, app, user, local):
        """A worker port that makes the log name unique."""
        while True:
            p = self.rng.randint(1024, 65535)
            if (app, user, local, p) not in self.names:
                self.names.add((app, user, local, p))
                return p

    def session_lines(self, kind, app, port):
        rng = self.rng
        lines = [b"su: ignoring --preserve-environment, it's mutually "
                 b"exclusive with --login"]
        if kind == "crash" and rng.random() < 0.5:      # dies at start-up
            return lines + [
                app.encode() + b": about to fail",
                b"Error in ..stacktraceon..({ : ",
                b"  " + app.encode() + b": deliberate startup error",
                b"Calls: runApp ... func -> sourceUTF8 -> eval -> eval -> "
                b"..stacktraceon..", b"Execution halted"]
        lines += [b"", b"Listening on http://127.0.0.1:%d" % port]
        if kind in ("warning", "crash"):
            lines += [b"Warning: Error in renderPlot: object 'x' not found",
                      b"  75: <Anonymous>", b"Errors in input: 2",
                      app.encode() + b": Error in upstream data, retrying",
                      b"Warning in server(...) : a warning"]
        if kind == "crash":
            lines += [rng.choice([
                b"Error: cannot allocate vector of size 8.0 Gb",
                b"Error in match.arg(type) : 'arg' should be one of "
                b"\xe2\x80\x9cline\xe2\x80\x9d"]), b"Execution halted"]
        elif kind == "terminated":
            lines += [b"", b"Terminated"]
        else:
            lines += [b"", b"", b"Execution halted"]
        return lines

    def add_session(self, app, user, local, kind=None, logdir=LOGDIR,
                    user_dir=False, lines=None, crashed=None):
        rng = self.rng
        if kind is None:
            kind = rng.choices(["idle", "warning", "crash", "terminated"],
                               [5, 2, 2, 1])[0]
        port = self.port(app, user, local)
        if lines is None:
            lines = self.session_lines(kind, app, port)
        if crashed is None:
            crashed = kind == "crash"
        pattern = [""]
        if self.o.rotations and rng.random() < 0.45:
            pattern = rng.choice(ROTATIONS)
        if crashed and self.o.rotations and not self.crash_forced:
            pattern = [".1", ""]        # the crash only in the rotated copy
        day = datetime(*local[:3]) + timedelta(days=1)
        stamp = "-%04d%02d%02d" % (day.year, day.month, day.day)
        cuts = sorted(rng.randint(0, len(lines)) for _ in pattern[1:])
        if crashed and pattern == [".1", ""] and not self.crash_forced:
            cuts, self.crash_forced = [len(lines)], True
        copies, prev = [], 0
        for suffix, cut in zip(pattern, cuts + [len(lines)]):
            copies.append(Copy(suffix.replace("-D", stamp), lines[prev:cut]))
            prev = cut
        self.tree.sessions.append(Session(logdir, app, user, local, port,
                                          crashed, copies, user_dir))

    def sessions(self):
        rng, T, W0, z = self.rng, self.T, self.W0, self.zone
        span = (T - 85 * DAY, T - 60)
        for app, n in SITE_SESSIONS:
            for _ in range(n * self.o.scale):
                self.add_session(app, "shiny",
                                 local_fields(z, rng.randint(*span)))
        for user, app, n in USER_SESSIONS:
            for _ in range(n * self.o.scale):
                self.add_session(app, user, local_fields(z, rng.randint(*span)),
                                 logdir="home/%s/ShinyApps/log" % user,
                                 user_dir=True)
        # Window edges: T-W is out, T-W+1 and T are in, T+1 is out.
        self.add_session("hello", "shiny", local_fields(z, W0), "idle")
        self.add_session("hello", "shiny", local_fields(z, T), "crash")
        self.add_session("dash-board", "shiny", local_fields(z, W0 + 1), "idle")
        self.add_session("ui_server", "shiny", local_fields(z, T + 1), "idle")
        # Names in a DST gap or overlap, each under its own basename so its
        # "(no app dir)" row shows the instant in last_seen.
        for i, local in enumerate(dst_edges(z, T - 85 * DAY, T)):
            self.add_session("tz-edge%d" % (i + 1), "shiny", local)
        self.tree.files[LOGDIR + "/shiny-server.log"] = (
            b"[2026-12-04T15:21:20.868] [INFO] shiny-server - Shiny Server "
            b"v1.5.24.0 (Node.js v20.20.2)\n")
        self.tree.files[LOGDIR + "/random.txt"] = b"not a session log\n"
        self.tree.files[LOGDIR + "/archive/README"] = b"old logs went here\n"
        if self.o.malformed:
            self.malformed_sessions()

    def malformed_sessions(self):
        rng, z = self.rng, self.zone
        for name in ["hello-shiny-20261304-101010-4000.log",    # month 13
                     "hello-shiny-20260230-101010-4001.log",    # 30 February
                     "hello-shiny-20261204-241010-4002.log",    # hour 24
                     "hello-shiny-20261204-101010-0.log",       # port 0
                     "hello-shiny-20261204-101010-70000.log",   # port > 65535
                     "hello-shiny-2026124-101010-4003.log",     # 7-digit date
                     "hello-shiny-20261204-101010-4004.txt",
                     "hello-shiny-20261204-101010-4005.log.bak",
                     "hello-shiny-20261204-1010x0-4006.log",
                     ".log"]:
            self.tree.files[LOGDIR + "/" + name] = (
                b"Error in x : a crash in a file that is no session log\n")
        when = lambda: local_fields(z, rng.randint(self.W0, self.T))  # noqa
        garbage = bytes(rng.choice(range(128, 256)) for _ in range(3000))
        self.add_session("hello", "shiny", when(),
                         lines=[garbage[:1000], garbage[1000:]], crashed=False)
        self.add_session("dash-board", "shiny", when(), lines=[], crashed=False)
        self.add_session("py-app", "shiny", when(), crashed=True, lines=[
            b"su: ignoring --preserve-environment", b"x" * 1000000,
            b"Error in eval(expr) : after a 1 MB line", b"Execution halted"])

    # --- access log -----------------------------------------------------
    def new_id(self):
        while True:
            v = "".join(self.rng.choice(string.ascii_letters + string.digits)
                        for _ in range(18))
            if v not in self.ids:
                self.ids.add(v)
                return v

    def req(self, addr, t, url, app, method="GET", status=200, length=None,
            rt="r", ref="-", ua=None, visit=None, ms=None, version="1.1"):
        rng = self.rng
        if ms is None:
            ms = rng.randint(0, 999)
        if t in (self.W0, self.T):
            ms = 0          # a fraction would make the edge ambiguous
        if rt == "r":
            rt = round(rng.uniform(0.3, 40.0), 3)
        self.tree.requests.append(Request(
            addr, t, ms, method, url, status, length, rt, ref,
            ua if ua is not None else rng.choice(AGENTS), app, visit,
            version))

    def browse(self, client, url, app, t0, visit=True, xhr=False,
               reconnect=False, vid=None):
        """One browser session: redirect, page, assets, the SockJS info
        request that marks a visit, maybe a fallback transport and a
        reconnect."""
        rng = self.rng
        addr = lambda: rng.choice(client)  # noqa: E731
        ua = rng.choice([CHROME, AGENTS[2]])
        ref = REF_HOST + url
        self.req(addr(), t0, url[:-1], app, status=301, ref="-", ua=ua)
        self.req(addr(), t0 + 1, url, app, ref="-", ua=ua,
                 rt=round(rng.uniform(500, 800), 3))
        for a in rng.sample(ASSETS, rng.randint(2, len(ASSETS))):
            self.req(addr(), t0 + 1, url + a, app, ref=ref, ua=ua)
        if visit:
            vid = vid or self.new_id()
            self.req(addr(), t0 + 2, "%s__sockjs__/n=%s/info?t=%d" % (
                url, vid, (t0 + 2) * 1000 + rng.randint(0, 999)), app, rt=None,
                ref=ref, ua=ua, visit=(url, vid))
            if xhr:
                self.req(addr(), t0 + 3, "%s__sockjs__/n=%s/%03d/%s/xhr_send"
                         % (url, vid, rng.randint(0, 999), self.new_id()[:8]),
                         app, method="POST", status=204, rt=None, ref=ref,
                         ua=ua, visit=(url, vid))
            if reconnect:
                self.req(addr(), t0 + 90, "%s__sockjs__/o=%s/info?t=%d" % (
                    url, vid, (t0 + 90) * 1000), app, rt=None, ref=ref, ua=ua)
        self.req(addr(), t0 + 2, "/favicon.ico", None, status=404, ref=ref,
                 ua=ua)

    def clients(self, n):
        """Clients as lists of the address forms they appear under: the same
        IPv4 client may show up plain and as ::ffff: (one address)."""
        rng, out = self.rng, [["127.0.0.1"], ["::1"]]
        for i in range(n):
            v4 = ("%s.%d" % (rng.choice(["203.0.113", "198.51.100", "192.0.2"]),
                             i % 200 + 1) if i < 200 else
                  "10.%d.%d.%d" % (i >> 16 & 255, i >> 8 & 255, i & 255))
            kind = rng.choice(["v4", "mapped", "both", "both", "v6"])
            if kind == "v6":      # canonical text, as Node.js logs it
                out.append([str(ipaddress.IPv6Address(
                    (0x20010db8 << 96) | (i + 1)))])
            elif kind == "both":
                out.append([v4, "::ffff:" + v4])
            else:
                out.append([v4 if kind == "v4" else "::ffff:" + v4])
        return out

    def access(self):
        if self.o.no_access_log:
            return
        rng, T, W0 = self.rng, self.T, self.W0
        tr = self.tree
        n = len(SITE_APPS)
        targets = [(a.url, a.name) for a in tr.site_apps[:n] + tr.user_apps
                   if a.name not in ("slides", "Zeta")]
        gen = [(a.url, a.name) for a in tr.site_apps[n:]]
        clients = self.clients(25 * self.o.scale)
        for _ in range(40 * self.o.scale):
            url, app = rng.choice(targets + gen[:40 * self.o.scale])
            self.browse(rng.choice(clients), url, app,
                        rng.randint(T - 90 * DAY, T - 100),
                        visit=rng.random() < 0.85, xhr=rng.random() < 0.2,
                        reconnect=rng.random() < 0.1)
        misc = [("GET", "/", None, 200, None), ("GET", "/favicon.ico", None, 404, None),
                ("HEAD", "/static/notes.txt", None, 200, 23),
                ("GET", "/static/data.bin", None, 206, 100),
                ("GET", "/.env", None, 403, None), ("GET", "/missing", None, 404, None),
                ("GET", "/hello?x=1", "hello", 301, None),
                ("GET", "/hello-world/", None, 404, None),   # not under /hello/
                ("GET", "/caseapp/", None, 404, None),       # prefixes are case-sensitive
                ("GET", "/CaseApp/", "CaseApp", 200, 1515),
                ("GET", "/nested/", None, 200, 812),         # directory index
                ("GET", "/deep/data/raw/x.csv", "deep", 200, 2),
                ("POST", "/py-app/upload", "py-app", 200, 17),
                ("DELETE", "/hello/session/abc", "hello", 404, None),
                ("OPTIONS", "/report/", "report", 204, None),
                ("GET", "/report/?q=" + "a" * 4000, "report", 200, None)]
        for _ in range(max(1, len(misc) * self.o.scale // 2)):
            for m, url, app, st, ln in rng.sample(misc, 3):
                self.req(rng.choice(rng.choice(clients)),
                         rng.randint(T - 90 * DAY, T), url, app, m, st, ln,
                         version=rng.choice(["1.1", "1.1", "1.0"]))
        for m, url, app, st, ln in misc:            # each at least once
            self.req(rng.choice(rng.choice(clients)), rng.randint(W0, T), url,
                     app, m, st, ln, ua='evil "quoted" agent',
                     ref="http://example.invalid/ref?x=1")
        self.access_edges()
        self.layout()

    def access_edges(self):
        rng, T, W0 = self.rng, self.T, self.W0
        inw = lambda: rng.randint(W0 + 60, T - 600)  # noqa: E731
        self.req("192.0.2.250", W0, "/hello/", "hello")        # out, edge
        self.req("::ffff:192.0.2.251", T, "/hello/", "hello")  # in, edge
        self.req("192.0.2.252", T + 1, "/dash-board/", "dash-board")  # after T
        self.req("198.51.100.254", T - 60 * DAY, "/hello/", "hello")  # only old
        self.req("2001:db8::dead", T + 3600, "/", None)
        vid = self.new_id()
        self.req("192.0.2.253", W0, "/ui_server/__sockjs__/n=%s/info?t=1" % vid,
                 "ui_server", rt=None, visit=("/ui_server/", vid))  # out
        vid = self.new_id()
        self.req("192.0.2.253", T, "/py-app/__sockjs__/n=%s/info?t=2" % vid,
                 "py-app", rt=None, visit=("/py-app/", vid))        # in
        # First seen before the window, seen again inside it: not in W.
        vid = self.new_id()
        self.req("203.0.113.200", W0 - 5, "/report/__sockjs__/n=%s/info?t=3"
                 % vid, "report", rt=None, visit=("/report/", vid))
        self.req("203.0.113.200", W0 + 10, "/report/__sockjs__/n=%s/1/x/"
                 "xhr_streaming" % vid, "report", "POST", rt=None,
                 visit=("/report/", vid))
        vid = self.new_id()     # one id on two apps: two visits
        self.browse(["203.0.113.201"], "/hello/", "hello", inw(), vid=vid)
        self.browse(["203.0.113.201"], "/dash-board/", "dash-board", inw(),
                    vid=vid)
        for url, app in [("/nested/group/app1/", "nested/group/app1"),
                         ("/nested/other/app1/", "nested/other/app1"),
                         ("/deleted-app/", None), ("/alice/myapp/", "~alice/myapp"),
                         ("/bob/group/tool/", "~bob/group/tool")]:
            self.browse(["::ffff:198.51.100.77", "198.51.100.77"], url, app,
                        inw(), xhr=True, reconnect=True)
        self.req("192.0.2.9", inw(), "/hello/__sockjs__/o=%s/info?t=4"
                 % self.new_id(), "hello", rt=None)   # reconnect, never new

    def malformed_lines(self):
        fmt, rng = self.o.format, self.rng
        junk = bytes(rng.choice(list(range(0, 9)) + list(range(14, 27)) +
                                list(range(128, 256))) for _ in range(300))
        out = [junk[:150], junk[150:], b"A" * (1 << 20), b"GET"]
        if fmt in ("combined", "default", "common", "custom"):
            out += [b"203.0.113.9 - - [04/Dec/2026:15:2",
                    b'203.0.113.9 - - [04/Dec/2026:15:21:23 +0000] "GET /hel',
                    b"GET /hello/ 200 - - 1.000 ms"]    # a tiny line
            out.append(
                b'203.0.113.9 - - [2026-13-45T25:61:00.000Z] "GET / HTTP/1.1" '
                b'200 - 1.000 ms "-" "curl/7.88.1"' if fmt == "custom" else
                b'203.0.113.9 - - [04/Foo/2026:25:61:00 +0000] "GET / HTTP/1.1" '
                b'200 -' + (b' "-" "curl/7.88.1"' if fmt != "common" else b""))
        elif fmt == "short":
            out += [b"203.0.113.9 - GET /hel", b"203.0.113.9 -"]
        elif fmt == "tiny":
            out += [b"GET /hel"]
        elif fmt == "dev":
            out += [b"\x1b[0mGET /hel"]
        return out

    def layout(self):
        """Splits the requests, oldest first, over the access log and its
        rotated siblings, and sprinkles the malformed lines in."""
        rng, tr = self.rng, self.tree
        items = sorted(tr.requests, key=lambda r: (r.t, r.ms))
        if self.o.rotations:
            n = len(items)
            cut = [0, n // 6, n // 3, n // 2, 3 * n // 4, n]
            day = lambda i: datetime.fromtimestamp(  # noqa: E731
                items[min(cut[i], n - 1)].t, timezone.utc).strftime("%Y%m%d")
            names = [("access.log-%s.gz" % day(1), 1),
                     ("access.log-%s" % day(2), 0),
                     ("access.log.2.gz", 2),      # two gzip members
                     ("access.log.1", 0), ("access.log", 0)]
            files = [(nm, mem, items[cut[i]:cut[i + 1]])
                     for i, (nm, mem) in enumerate(names)]
        else:
            files = [("access.log", 0, items)]
        if self.o.malformed:
            tr.malformed = self.malformed_lines()
            for line in tr.malformed + [b"", b""]:
                lst = rng.choice(files)[2]
                lst.insert(rng.randint(1, max(1, len(lst))), line)
        tr.access_files = files


def build(opts):
    b = Builder(opts)
    b.apps()
    b.sessions()
    b.access()
    return b.tree

"""Morgan access-log formats as Shiny Server writes them.

Each format renders a Request (shinytree.model) into the exact bytes of one
line, following the real samples in tests/fixtures/real-shiny-server.  The
regular expressions here are the self-test's independent reader: they were
checked against those real files, so a generated line they accept has the
real line's shape."""

import calendar
import re
import time

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# The custom format of the real sample (formats/etc/shiny-server-custom.conf).
CUSTOM_SPEC = (':remote-addr - :remote-user [:date[iso]] ":method :url '
               'HTTP/:http-version" :status :res[content-length] '
               ':response-time ms ":referrer" ":user-agent"')

# name -> (has address, has time)
CAPS = {
    "combined": (True, True), "default": (True, True),
    "common": (True, True), "custom": (True, True),
    "short": (True, False), "tiny": (False, False), "dev": (False, False),
}
NAMES = sorted(CAPS)


def has_addr(fmt):
    return CAPS[fmt][0]


def has_time(fmt):
    return CAPS[fmt][1]


def conf_word(fmt):
    """The format as written in the access_log directive."""
    if fmt == "custom":
        return "'" + CUSTOM_SPEC + "'"
    return fmt


def _clf(sec):
    tm = time.gmtime(sec)
    return "%02d/%s/%04d:%02d:%02d:%02d +0000" % (
        tm.tm_mday, MONTHS[tm.tm_mon - 1], tm.tm_year,
        tm.tm_hour, tm.tm_min, tm.tm_sec)


def _iso(sec, ms):
    tm = time.gmtime(sec)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
        tm.tm_year, tm.tm_mon, tm.tm_mday,
        tm.tm_hour, tm.tm_min, tm.tm_sec, ms)


def _dash(v):
    return "-" if v is None else str(v)


def _rt(v):
    return "-" if v is None else "%.3f" % v


def _dev_colour(status):
    if status >= 500:
        return 31
    if status >= 400:
        return 33
    if status >= 300:
        return 36
    return 32


def render(fmt, r):
    """One line (bytes, no newline) for Request r in format fmt."""
    req = '"%s %s HTTP/%s"' % (r.method, r.url, r.version)
    if fmt in ("combined", "default", "common"):
        s = '%s - - [%s] %s %d %s' % (r.addr, _clf(r.t), req, r.status,
                                      _dash(r.length))
        if fmt != "common":
            s += ' "%s" "%s"' % (r.referrer, r.ua)
    elif fmt == "custom":
        s = '%s - - [%s] %s %d %s %s ms "%s" "%s"' % (
            r.addr, _iso(r.t, r.ms), req, r.status, _dash(r.length),
            _rt(r.rt), r.referrer, r.ua)
    elif fmt == "short":
        s = '%s - %s %s HTTP/%s %d %s - %s ms' % (
            r.addr, r.method, r.url, r.version, r.status, _dash(r.length),
            _rt(r.rt))
    elif fmt == "tiny":
        s = '%s %s %d %s - %s ms' % (r.method, r.url, r.status,
                                     _dash(r.length), _rt(r.rt))
    elif fmt == "dev":
        s = '\x1b[0m%s %s \x1b[%dm%d\x1b[0m %s ms - %s\x1b[0m' % (
            r.method, r.url, _dev_colour(r.status), r.status, _rt(r.rt),
            _dash(r.length))
    else:
        raise ValueError("unknown format %r" % fmt)
    return s.encode("utf-8")


# --- independent reader (self-test only) --------------------------------

_CLF = r'\[(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000\]'
_ISO = r'\[(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z\]'
_REQ = r'"([A-Z]+) (\S+) HTTP/\d\.\d"'
_LEN = r'(?:\d+|-)'
_RT = r'(?:\d+\.\d{3}|-)'
_RE = {
    "combined": re.compile(r'^(\S+) - \S+ ' + _CLF + ' ' + _REQ + r' \d{3} '
                           + _LEN + r' "[^"]*" ".*"$'),
    "common": re.compile(r'^(\S+) - \S+ ' + _CLF + ' ' + _REQ + r' \d{3} '
                         + _LEN + '$'),
    "custom": re.compile(r'^(\S+) - \S+ ' + _ISO + ' ' + _REQ + r' \d{3} '
                         + _LEN + ' ' + _RT + r' ms "[^"]*" ".*"$'),
    "short": re.compile(r'^(\S+) \S+ ([A-Z]+) (\S+) HTTP/\d\.\d \d{3} '
                        + _LEN + ' - ' + _RT + ' ms$'),
    "tiny": re.compile(r'^([A-Z]+) (\S+) \d{3} ' + _LEN + ' - ' + _RT
                       + ' ms$'),
    "dev": re.compile(r'^([A-Z]+) (\S+) \d{3} ' + _RT + ' ms - ' + _LEN
                      + '$'),
}
_RE["default"] = _RE["combined"]
_ANSI = re.compile(rb'\x1b\[[0-9;]*m')


def parse(fmt, line):
    """(addr or None, unix seconds or None, url) for a line, or None when
    the line does not match fmt.  Written separately from render()."""
    if fmt == "dev":
        line = _ANSI.sub(b"", line)
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    m = _RE[fmt].match(s)
    if m is None:
        return None
    g = m.groups()
    if fmt in ("tiny", "dev"):
        return (None, None, g[1])
    if fmt == "short":
        return (g[0], None, g[2])
    if fmt == "custom":
        y, mo, d, hh, mi, ss = (int(x) for x in g[1:7])
    else:
        if g[2] not in MONTHS:
            return None
        d, mo, y = int(g[1]), MONTHS.index(g[2]) + 1, int(g[3])
        hh, mi, ss = int(g[4]), int(g[5]), int(g[6])
    if not (1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]
            and hh < 24 and mi < 60 and ss < 61):
        return None
    t = calendar.timegm((y, mo, d, hh, mi, ss, 0, 0, 0))
    return (g[0], t, g[-1])

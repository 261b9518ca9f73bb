/*
 * Time zones read from TZif files (RFC 8536) and evaluated here, so any
 * thread can convert times in any zone: setenv("TZ") + tzset() would be
 * process-wide and racy. Times after the last transition follow the
 * POSIX TZ rule in the file's footer, as glibc does.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tz.h"
#include "xmalloc.h"

#define TZ_DIR		"/usr/share/zoneinfo"
#define TZ_FILE_MAX	(1024 * 1024)	/* real files are under 10 KiB */
#define TZ_NAME_MAX	255
#define TZ_FOOTER_MAX	256
#define TZ_HEADER_LEN	44
/* RFC 8536: a UT offset lies in [-89999, 93599]. */
#define OFFSET_MIN	(-89999)
#define OFFSET_MAX	93599
/* Beyond about +-3 million years, rule arithmetic is clamped so that no
 * intermediate value can overflow whatever the input. */
#define TIME_LIMIT	((int64_t)100000000000000)

enum rule_kind { RULE_JULIAN, RULE_ZERO_BASED, RULE_MONTH };

struct rule_date {
	enum rule_kind	kind;
	int		n;		/* Jn: 1-365; n: 0-365 */
	int		month, week, wday;	/* Mm.w.d */
	int32_t		time;		/* local seconds after midnight */
};

/* A POSIX TZ string: "STDoffset[DST[offset][,start[/time],end[/time]]]". */
struct rule {
	int32_t		std_off;	/* seconds east of UTC */
	int32_t		dst_off;
	bool		has_dst;
	struct rule_date start, end;
};

struct tz {
	int64_t		*trans;		/* transition times, ascending */
	uint8_t		*trans_type;	/* type in force from trans[i] */
	size_t		 ntrans;
	int32_t		*type_off;	/* UT offset of each type */
	size_t		 ntypes;
	bool		 has_rule;	/* footer rule for times after the table */
	struct rule	 rule;
};

struct tzif_header {
	int		version;	/* 0, '2', '3', ... */
	uint32_t	isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

int64_t
tz_days_from_civil(int year, int month, int day)
{
	int64_t y = year, m = month, era, yoe, doy, doe;

	/* Months outside 1-12 roll into neighbouring years. */
	if (m < 1 || m > 12) {
		int64_t q = (m - 1) >= 0 ? (m - 1) / 12 : -((12 - m) / 12);

		y += q;
		m -= q * 12;
	}
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
tz_civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y > INT_MAX)
		y = INT_MAX;
	else if (y < INT_MIN)
		y = INT_MIN;
	*year = (int)y;
	*month = (int)m;
	*day = (int)d;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int mdays[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/* ---- POSIX TZ rules ---------------------------------------------------- */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A zone abbreviation: three or more letters, or <...> quoted with signs
 * and digits allowed. Returns the end, or NULL. */
static const char *
parse_abbr(const char *p)
{
	const char *start;

	if (*p == '<') {
		start = ++p;
		while (is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-')
			p++;
		if (*p != '>' || p - start < 3)
			return NULL;
		return p + 1;
	}
	start = p;
	while (is_alpha(*p))
		p++;
	return p - start < 3 ? NULL : p;
}

/* One to three digits in [min, max]. Returns the end, or NULL. */
static const char *
parse_num(const char *p, int min, int max, int *out)
{
	int v = 0, n = 0;

	while (is_digit(*p) && n < 3) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || is_digit(*p) || v < min || v > max)
		return NULL;
	*out = v;
	return p;
}

/* [+-]hh[:mm[:ss]] with hh <= maxh. Returns the end, or NULL. */
static const char *
parse_hms(const char *p, int maxh, int32_t *out)
{
	int sign = 1, h, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if ((p = parse_num(p, 0, maxh, &h)) == NULL)
		return NULL;
	if (*p == ':') {
		if ((p = parse_num(p + 1, 0, 59, &m)) == NULL)
			return NULL;
		if (*p == ':' && (p = parse_num(p + 1, 0, 59, &s)) == NULL)
			return NULL;
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

/* Jn, n or Mm.w.d, then an optional /time (RFC 8536 allows -167..167 h). */
static const char *
parse_rule_date(const char *p, struct rule_date *d)
{
	memset(d, 0, sizeof *d);
	if (*p == 'J') {
		d->kind = RULE_JULIAN;
		p = parse_num(p + 1, 1, 365, &d->n);
	} else if (*p == 'M') {
		d->kind = RULE_MONTH;
		if ((p = parse_num(p + 1, 1, 12, &d->month)) == NULL ||
		    *p != '.' ||
		    (p = parse_num(p + 1, 1, 5, &d->week)) == NULL ||
		    *p != '.')
			return NULL;
		p = parse_num(p + 1, 0, 6, &d->wday);
	} else {
		d->kind = RULE_ZERO_BASED;
		p = parse_num(p, 0, 365, &d->n);
	}
	if (p == NULL)
		return NULL;
	d->time = 7200;
	if (*p == '/')
		p = parse_hms(p + 1, 167, &d->time);
	return p;
}

static bool
offset_valid(int32_t off)
{
	return off >= OFFSET_MIN && off <= OFFSET_MAX;
}

/* Parses a whole POSIX TZ string. Returns 0, or -1 when it is not one. */
static int
parse_rule(const char *s, struct rule *r)
{
	const char *p = s;
	int32_t off;

	memset(r, 0, sizeof *r);
	if ((p = parse_abbr(p)) == NULL || (p = parse_hms(p, 24, &off)) == NULL)
		return -1;
	r->std_off = -off;	/* POSIX counts hours west */
	if (*p == '\0')
		return offset_valid(r->std_off) ? 0 : -1;
	if ((p = parse_abbr(p)) == NULL)
		return -1;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (*p != '\0' && *p != ',') {
		if ((p = parse_hms(p, 24, &off)) == NULL)
			return -1;
		r->dst_off = -off;
	}
	if (!offset_valid(r->std_off) || !offset_valid(r->dst_off))
		return -1;
	if (*p == '\0') {
		/* No rule given: the US rules, as glibc assumes. */
		r->start = (struct rule_date){ RULE_MONTH, 0, 3, 2, 0, 7200 };
		r->end = (struct rule_date){ RULE_MONTH, 0, 11, 1, 0, 7200 };
		return 0;
	}
	if (*p != ',' || (p = parse_rule_date(p + 1, &r->start)) == NULL ||
	    *p != ',' || (p = parse_rule_date(p + 1, &r->end)) == NULL)
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* Days since the epoch of a rule date in year y. */
static int64_t
rule_day(const struct rule_date *d, int64_t y)
{
	int64_t jan1 = tz_days_from_civil((int)y, 1, 1), first, day;
	int wd, mdays;

	switch (d->kind) {
	case RULE_JULIAN:	/* Feb 29 is never counted */
		return jan1 + d->n - 1 + (is_leap(y) && d->n >= 60);
	case RULE_ZERO_BASED:
		return jan1 + d->n;
	case RULE_MONTH:
		break;
	}
	first = tz_days_from_civil((int)y, d->month, 1);
	wd = (int)(((first + 4) % 7 + 7) % 7);	/* 1970-01-01 was a Thursday */
	day = first + (d->wday - wd + 7) % 7 + (int64_t)(d->week - 1) * 7;
	mdays = days_in_month(y, d->month);
	while (day >= first + mdays)	/* week 5 means "the last" */
		day -= 7;
	return day;
}

/* Offset of a rule at t, and the next instant it may change (the per-year
 * evaluation can only change at the year's two changes or at Jan 1 UTC). */
static int32_t
rule_offset(const struct rule *r, int64_t t, int64_t *next)
{
	int64_t start, end, jan1_next, c[3];
	int y, m, d;
	bool dst;

	*next = INT64_MAX;
	if (!r->has_dst)
		return r->std_off;
	if (t > TIME_LIMIT)
		t = TIME_LIMIT;
	else if (t < -TIME_LIMIT)
		t = -TIME_LIMIT;
	/* The year is the UTC year of t, as glibc's __tz_compute uses. */
	tz_civil_from_days(floor_div(t, 86400), &y, &m, &d);
	start = rule_day(&r->start, y) * 86400 + r->start.time - r->std_off;
	end = rule_day(&r->end, y) * 86400 + r->end.time - r->dst_off;
	jan1_next = tz_days_from_civil(y + 1, 1, 1) * 86400;
	if (start <= end)
		dst = t >= start && t < end;
	else
		dst = t < end || t >= start;
	c[0] = start;
	c[1] = end;
	c[2] = jan1_next;
	for (size_t i = 0; i < 3; i++) {
		if (c[i] > t && c[i] < *next)
			*next = c[i];
	}
	if (*next >= TIME_LIMIT)
		*next = INT64_MAX;
	return dst ? r->dst_off : r->std_off;
}

int32_t
tz_offset_at(const struct tz *tz, int64_t t, int64_t *next_change)
{
	int64_t dummy;
	size_t n = tz->ntrans, lo, hi;

	if (next_change == NULL)
		next_change = &dummy;
	*next_change = INT64_MAX;
	if (n > 0 && t < tz->trans[n - 1]) {
		/* First transition after t. */
		lo = 0;
		hi = n - 1;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (tz->trans[mid] > t)
				hi = mid;
			else
				lo = mid + 1;
		}
		*next_change = tz->trans[lo];
		if (lo == 0)
			return tz->type_off[0];
		return tz->type_off[tz->trans_type[lo - 1]];
	}
	if (tz->has_rule)
		return rule_offset(&tz->rule, t, next_change);
	return tz->type_off[n > 0 ? tz->trans_type[n - 1] : 0];
}

void
tz_utc_to_local(const struct tz *tz, int64_t t, struct tz_civil *out)
{
	int64_t local, days, secs;
	int32_t off;

	if (t > TIME_LIMIT)
		t = TIME_LIMIT;
	else if (t < -TIME_LIMIT)
		t = -TIME_LIMIT;
	off = tz_offset_at(tz, t, NULL);
	local = t + off;
	days = floor_div(local, 86400);
	secs = local - days * 86400;
	tz_civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int)(secs / 3600);
	out->minute = (int)(secs / 60 % 60);
	out->second = (int)(secs % 60);
	out->utc_offset = off;
}

/*
 * Walks the offset periods around L (local seconds) and returns the first
 * instant whose local time is L; in a gap, L read with the offset of the
 * period just before the gap.
 */
int64_t
tz_local_to_utc(const struct tz *tz, int year, int month, int day, int hour,
    int minute, int second)
{
	int64_t local, t, hi, next, fallback;
	int32_t off;

	local = tz_days_from_civil(year, month, day) * 86400 +
	    (int64_t)hour * 3600 + (int64_t)minute * 60 + second;
	/* Offsets stay within +-26 h: a solution lies within 2 days. */
	t = local - 2 * 86400;
	hi = local + 2 * 86400;
	off = tz_offset_at(tz, t, &next);
	fallback = local - off;
	for (;;) {
		/* This period covers [t, next) with offset off. */
		if (local - off >= t && local - off < next)
			return local - off;
		if (local - off >= next)
			fallback = local - off;	/* the period ended before L */
		if (next == INT64_MAX || next > hi)
			break;
		t = next;
		off = tz_offset_at(tz, t, &next);
	}
	return fallback;
}

/* ---- TZif ---------------------------------------------------------------- */

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
get_i64(const unsigned char *p)
{
	uint64_t v = (uint64_t)get_u32(p) << 32 | get_u32(p + 4);

	return v > INT64_MAX ? -(int64_t)(~v) - 1 : (int64_t)v;
}

static int32_t
get_i32(const unsigned char *p)
{
	uint32_t v = get_u32(p);

	return v > INT32_MAX ? -(int32_t)(~v) - 1 : (int32_t)v;
}

static int
parse_header(const unsigned char *p, size_t len, struct tzif_header *h)
{
	if (len < TZ_HEADER_LEN || memcmp(p, "TZif", 4) != 0)
		return -1;
	h->version = p[4];
	if (h->version != 0 && (h->version < '2' || h->version > '9'))
		return -1;
	h->isutcnt = get_u32(p + 20);
	h->isstdcnt = get_u32(p + 24);
	h->leapcnt = get_u32(p + 28);
	h->timecnt = get_u32(p + 32);
	h->typecnt = get_u32(p + 36);
	h->charcnt = get_u32(p + 40);
	return 0;
}

/* Size of the data block after a header; cannot overflow 64 bits. */
static uint64_t
block_size(const struct tzif_header *h, unsigned timesize)
{
	return (uint64_t)h->timecnt * timesize + h->timecnt +
	    (uint64_t)h->typecnt * 6 + h->charcnt +
	    (uint64_t)h->leapcnt * (timesize + 4) + h->isstdcnt + h->isutcnt;
}

static struct tz *
fail(struct tz *tz, char **cause, const char *why)
{
	tz_free(tz);
	*cause = xstrdup(why);
	return NULL;
}

/* Reads one data block (times of timesize bytes) into a new zone. */
static struct tz *
parse_block(const unsigned char *p, const struct tzif_header *h,
    unsigned timesize, char **cause)
{
	struct tz *tz;
	const unsigned char *idx, *types;

	if (h->typecnt == 0 || h->typecnt > 256)
		return fail(NULL, cause, "bad number of local time types");
	if (h->leapcnt != 0)
		return fail(NULL, cause, "leap-second (\"right/\") zones are "
		    "not supported");
	if ((h->isstdcnt != 0 && h->isstdcnt != h->typecnt) ||
	    (h->isutcnt != 0 && h->isutcnt != h->typecnt))
		return fail(NULL, cause, "inconsistent indicator counts");
	tz = xcalloc(1, sizeof *tz);
	tz->ntrans = h->timecnt;
	tz->ntypes = h->typecnt;
	tz->trans = xreallocarray(NULL, tz->ntrans, sizeof *tz->trans);
	tz->trans_type = xmalloc(tz->ntrans);
	tz->type_off = xreallocarray(NULL, tz->ntypes, sizeof *tz->type_off);
	idx = p + (size_t)h->timecnt * timesize;
	types = idx + h->timecnt;
	for (size_t i = 0; i < tz->ntrans; i++) {
		const unsigned char *q = p + i * timesize;

		tz->trans[i] = timesize == 8 ? get_i64(q) : get_i32(q);
		if (i > 0 && tz->trans[i] <= tz->trans[i - 1])
			return fail(tz, cause, "transitions out of order");
		if (idx[i] >= h->typecnt)
			return fail(tz, cause, "bad local time type index");
		tz->trans_type[i] = idx[i];
	}
	for (size_t i = 0; i < tz->ntypes; i++) {
		const unsigned char *q = types + i * 6;

		tz->type_off[i] = get_i32(q);
		if (!offset_valid(tz->type_off[i]) || q[4] > 1 ||
		    (h->charcnt > 0 && q[5] >= h->charcnt))
			return fail(tz, cause, "bad local time type");
	}
	return tz;
}

struct tz *
tz_from_bytes(const unsigned char *buf, size_t len, char **cause)
{
	struct tzif_header h1, h2;
	struct tz *tz;
	uint64_t size1, size2;
	const unsigned char *p, *nl;
	char footer[TZ_FOOTER_MAX + 1];
	size_t rest, flen;

	if (parse_header(buf, len, &h1) != 0)
		return fail(NULL, cause, "not a TZif file");
	size1 = block_size(&h1, 4);
	if (size1 > len - TZ_HEADER_LEN)
		return fail(NULL, cause, "truncated TZif file");
	if (h1.version == 0)
		return parse_block(buf + TZ_HEADER_LEN, &h1, 4, cause);

	/* Version 2+: a second header and 64-bit block, then the footer. */
	p = buf + TZ_HEADER_LEN + size1;
	rest = len - TZ_HEADER_LEN - (size_t)size1;
	if (parse_header(p, rest, &h2) != 0)
		return fail(NULL, cause, "bad second TZif header");
	size2 = block_size(&h2, 8);
	if (size2 > rest - TZ_HEADER_LEN)
		return fail(NULL, cause, "truncated TZif file");
	if ((tz = parse_block(p + TZ_HEADER_LEN, &h2, 8, cause)) == NULL)
		return NULL;
	p += TZ_HEADER_LEN + size2;
	rest -= TZ_HEADER_LEN + (size_t)size2;
	if (rest < 2 || p[0] != '\n')
		return fail(tz, cause, "missing TZif footer");
	if ((nl = memchr(p + 1, '\n', rest - 1)) == NULL)
		return fail(tz, cause, "unterminated TZif footer");
	flen = (size_t)(nl - (p + 1));
	if (flen > TZ_FOOTER_MAX || memchr(p + 1, '\0', flen) != NULL)
		return fail(tz, cause, "bad TZif footer");
	memcpy(footer, p + 1, flen);
	footer[flen] = '\0';
	if (flen > 0) {
		if (parse_rule(footer, &tz->rule) != 0)
			return fail(tz, cause, "bad TZ string in TZif footer");
		tz->has_rule = true;
	}
	return tz;
}

/* A zone made of one POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3"), as $TZ
 * may hold. Returns NULL when s is not one. */
static struct tz *
tz_from_posix(const char *s)
{
	struct tz *tz;
	struct rule r;

	if (strlen(s) > TZ_FOOTER_MAX || parse_rule(s, &r) != 0)
		return NULL;
	tz = xcalloc(1, sizeof *tz);
	tz->ntypes = 1;
	tz->type_off = xmalloc(sizeof *tz->type_off);
	tz->type_off[0] = r.std_off;
	tz->rule = r;
	tz->has_rule = true;
	return tz;
}

struct tz *
tz_utc(void)
{
	struct tz *tz = xcalloc(1, sizeof *tz);

	tz->ntypes = 1;
	tz->type_off = xcalloc(1, sizeof *tz->type_off);
	return tz;
}

void
tz_free(struct tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->trans);
	free(tz->trans_type);
	free(tz->type_off);
	free(tz);
}

/* IANA names use only these characters; '.' is excluded, so ".." cannot
 * climb out of the zoneinfo directory. */
static bool
tz_name_valid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > TZ_NAME_MAX || name[0] == '/')
		return false;
	for (const char *p = name; *p != '\0'; p++) {
		if (!is_alpha(*p) && !is_digit(*p) && *p != '/' && *p != '_' &&
		    *p != '+' && *p != '-')
			return false;
	}
	return strstr(name, "..") == NULL;
}

/* Reads and parses one TZif file. Returns the zone, or NULL with *cause;
 * *missing tells a file that does not exist from a bad one. */
static struct tz *
load_file(const char *path, bool *missing, char **cause)
{
	struct stat sb;
	unsigned char *buf;
	size_t got = 0;
	ssize_t n = 0;
	struct tz *tz;
	char *why = NULL;
	int fd;

	*missing = false;
	memset(&sb, 0, sizeof sb);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*missing = errno == ENOENT || errno == ENOTDIR;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > TZ_FILE_MAX) {
		/* A directory ("Europe") is no zone at all. */
		*missing = S_ISDIR(sb.st_mode);
		*cause = xasprintf("%s: not a time zone file", path);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size + 1) {
		n = read(fd, buf + got, (size_t)sb.st_size + 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (n == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(buf);
		close(fd);
		return NULL;
	}
	close(fd);
	tz = tz_from_bytes(buf, got, &why);
	free(buf);
	if (tz == NULL) {
		*cause = xasprintf("%s: %s", path, why);
		free(why);
	}
	return tz;
}

/* The workstation's zone: $TZ as glibc reads it, else /etc/localtime,
 * else UTC. */
static struct tz *
load_default(char **cause)
{
	const char *env = getenv("TZ");
	struct tz *tz;
	bool missing;
	char *path;

	if (env != NULL) {
		if (*env == ':')
			env++;
		if (*env == '\0')
			return tz_utc();
		if (*env == '/')
			return load_file(env, &missing, cause);
		if (tz_name_valid(env)) {
			path = xasprintf("%s/%s", TZ_DIR, env);
			tz = load_file(path, &missing, cause);
			free(path);
			if (tz != NULL || !missing)
				return tz;
			free(*cause);
			*cause = NULL;
		}
		if ((tz = tz_from_posix(env)) != NULL)
			return tz;
		*cause = xasprintf("TZ=\"%s\" is neither a known time zone "
		    "nor a POSIX TZ string", env);
		return NULL;
	}
	tz = load_file("/etc/localtime", &missing, cause);
	if (tz == NULL && missing) {
		free(*cause);
		*cause = NULL;
		return tz_utc();
	}
	return tz;
}

struct tz *
tz_load(const char *name, char **cause)
{
	struct tz *tz;
	char *path, *why = NULL;
	bool missing;

	if (name == NULL)
		return load_default(cause);
	if (!tz_name_valid(name)) {
		*cause = xasprintf("invalid time zone name \"%s\"", name);
		return NULL;
	}
	path = xasprintf("%s/%s", TZ_DIR, name);
	tz = load_file(path, &missing, &why);
	free(path);
	if (tz == NULL) {
		if (missing)
			*cause = xasprintf("unknown time zone \"%s\"", name);
		else
			*cause = xasprintf("time zone \"%s\": %s", name, why);
		free(why);
	}
	return tz;
}

/* ---- ISO 8601 ------------------------------------------------------------ */

/* Exactly n digits. Returns the end, or NULL. */
static const char *
fixed_digits(const char *p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return NULL;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return p + n;
}

int
tz_parse_iso8601(const char *s, const struct tz *zone, int64_t *out)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, oh, om = 0, sign;
	int64_t days, local;

	if ((p = fixed_digits(p, 4, &y)) == NULL || *p++ != '-' ||
	    (p = fixed_digits(p, 2, &mo)) == NULL || *p++ != '-' ||
	    (p = fixed_digits(p, 2, &d)) == NULL)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	if (*p == '\0')
		goto local_time;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	if ((p = fixed_digits(p + 1, 2, &h)) == NULL || *p++ != ':' ||
	    (p = fixed_digits(p, 2, &mi)) == NULL)
		return -1;
	if (*p == ':') {
		if ((p = fixed_digits(p + 1, 2, &sec)) == NULL)
			return -1;
		if (*p == '.' || *p == ',') {	/* fraction: dropped */
			if (!is_digit(*++p))
				return -1;
			while (is_digit(*p))
				p++;
		}
	}
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	if (*p == '\0')
		goto local_time;
	days = tz_days_from_civil(y, mo, d);
	local = days * 86400 + h * 3600 + mi * 60 + sec;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		*out = local;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p == '+' ? 1 : -1;
	if ((p = fixed_digits(p + 1, 2, &oh)) == NULL)
		return -1;
	if (*p == ':' && (p = fixed_digits(p + 1, 2, &om)) == NULL)
		return -1;
	if (is_digit(*p) && (p = fixed_digits(p, 2, &om)) == NULL)
		return -1;
	if (*p != '\0' || oh > 23 || om > 59)
		return -1;
	/* "+01:00" is one hour ahead of UTC. */
	*out = local - sign * (oh * 3600 + om * 60);
	return 0;

local_time:
	if (zone == NULL)
		*out = tz_days_from_civil(y, mo, d) * 86400 + h * 3600 +
		    mi * 60 + sec;
	else
		*out = tz_local_to_utc(zone, y, mo, d, h, mi, sec);
	return 0;
}

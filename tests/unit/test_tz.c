/* tz: TZif loading and conversions, checked against glibc (TZ + localtime_r
 * here in the test only), gap/overlap rules, bad names, corrupt files and
 * ISO-8601 parsing. */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "tz.h"

#define T1970	((int64_t)0)
#define T2061	((int64_t)2871763200)	/* 2061-01-01T00:00:00Z */

/* ---- glibc comparison ---------------------------------------------------- */

static void
use_glibc_zone(const char *spec)
{
	setenv("TZ", spec, 1);
	tzset();
}

/* Returns true when our conversion of t matches glibc's; describes the
 * first mismatch in why. */
static bool
same_as_glibc(const struct tz *z, int64_t t, char *why, size_t whylen)
{
	struct tm tm;
	struct tz_civil c;
	time_t tt = (time_t)t;

	localtime_r(&tt, &tm);
	tz_utc_to_local(z, t, &c);
	if (c.year == tm.tm_year + 1900 && c.month == tm.tm_mon + 1 &&
	    c.day == tm.tm_mday && c.hour == tm.tm_hour &&
	    c.minute == tm.tm_min && c.second == tm.tm_sec &&
	    c.utc_offset == tm.tm_gmtoff)
		return true;
	snprintf(why, whylen, "t=%jd: ours %04d-%02d-%02d %02d:%02d:%02d %+d, "
	    "glibc %04d-%02d-%02d %02d:%02d:%02d %+ld", (intmax_t)t,
	    c.year, c.month, c.day, c.hour, c.minute, c.second, c.utc_offset,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, tm.tm_gmtoff);
	return false;
}

static bool
same_civil(const struct tm *a, const struct tm *b)
{
	return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon &&
	    a->tm_mday == b->tm_mday && a->tm_hour == b->tm_hour &&
	    a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

/* local -> UTC of glibc's local time at t must give the earliest instant
 * showing that local time (the offset before an overlap). */
static bool
local_roundtrip(const struct tz *z, int64_t t, char *why, size_t whylen)
{
	struct tm tm, other;
	int64_t want = t, got;

	time_t tt = (time_t)t;
	localtime_r(&tt, &tm);
	for (int64_t d = 1800; d <= 7200; d += 1800) {
		time_t earlier = (time_t)(t - d);

		localtime_r(&earlier, &other);
		if (same_civil(&tm, &other))
			want = t - d;
	}
	got = tz_local_to_utc(z, tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (got == want)
		return true;
	snprintf(why, whylen, "local of t=%jd: got %jd, want %jd",
	    (intmax_t)t, (intmax_t)got, (intmax_t)want);
	return false;
}

/* Samples 1970..2060, then every change instant our zone reports (and the
 * seconds around it), against glibc with TZ=spec. */
static void
compare_zone(const char *label, const struct tz *z, const char *spec,
    int64_t from, int64_t to)
{
	char why[256] = "", rwhy[256] = "";
	int bad = 0, rbad = 0, samples = 0, changes = 0;
	int64_t t, next;

	use_glibc_zone(spec);
	for (t = from; t < to; t += 3 * 86400 + 3607) {
		samples++;
		if (!same_as_glibc(z, t, bad ? rwhy : why, sizeof why))
			bad++;
		if (!local_roundtrip(z, t, rwhy, sizeof rwhy))
			rbad++;
	}
	for (t = from; t < to; t = next) {
		tz_offset_at(z, t, &next);
		if (next == INT64_MAX)
			break;
		changes++;
		for (int64_t d = -1; d <= 1; d++) {
			if (!same_as_glibc(z, next + d, bad ? rwhy : why,
			    sizeof why))
				bad++;
		}
		if (!local_roundtrip(z, next - 1, rwhy, sizeof rwhy) ||
		    !local_roundtrip(z, next, rwhy, sizeof rwhy))
			rbad++;
	}
	is_int(bad, 0, "%s: UTC->local equals glibc (%d samples, %d change "
	    "instants)", label, samples, changes);
	if (bad)
		printf("#   %s\n", why);
	is_int(rbad, 0, "%s: local->UTC gives the earliest matching instant",
	    label);
	if (rbad)
		printf("#   %s\n", rwhy);
	unsetenv("TZ");
	tzset();
}

static void
test_real_zones(void)
{
	static const char *const zones[] = {
		"Europe/Paris", "America/New_York", "Australia/Lord_Howe",
		"Asia/Kolkata", "UTC", "Pacific/Auckland", "America/Sao_Paulo",
	};
	char *cause = NULL;

	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		struct tz *z = tz_load(zones[i], &cause);
		char spec[64];

		ok(z != NULL, "load %s", zones[i]);
		if (z == NULL) {
			printf("#   %s\n", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		snprintf(spec, sizeof spec, ":%s", zones[i]);
		compare_zone(zones[i], z, spec, T1970, T2061);
		tz_free(z);
	}
}

/* ---- hand-made TZif files ------------------------------------------------ */

struct buf {
	unsigned char	*p;
	size_t		 n;
};

static void
put(struct buf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	b->p = realloc(b->p, b->n + len);
	if (b->p == NULL)
		abort();
	memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char q[4] = { v >> 24, v >> 16, v >> 8, v };

	put(b, q, 4);
}

static void
put64(struct buf *b, int64_t v)
{
	put32(b, (uint32_t)((uint64_t)v >> 32));
	put32(b, (uint32_t)v);
}

static void
put_header(struct buf *b, char version, uint32_t timecnt, uint32_t typecnt)
{
	static const unsigned char zero[15];

	put(b, "TZif", 4);
	put(b, &version, 1);
	put(b, zero, 15);
	put32(b, 0);		/* isutcnt */
	put32(b, 0);		/* isstdcnt */
	put32(b, 0);		/* leapcnt */
	put32(b, timecnt);
	put32(b, typecnt);
	put32(b, 4);		/* charcnt: "XXX\0" */
}

/* A v2 file: an empty v1 block, the given 64-bit data and footer (NULL:
 * no footer lines at all). */
static struct buf
make_tzif(const char *footer, size_t ntrans, const int64_t *trans,
    const uint8_t *idx, size_t ntypes, const int32_t *offs)
{
	struct buf b = { NULL, 0 };
	unsigned char type[6] = { 0 };

	put_header(&b, '2', 0, 1);
	put(&b, type, 6);
	put(&b, "XXX", 4);
	put_header(&b, '2', (uint32_t)ntrans, (uint32_t)ntypes);
	for (size_t i = 0; i < ntrans; i++)
		put64(&b, trans[i]);
	put(&b, idx, ntrans);
	for (size_t i = 0; i < ntypes; i++) {
		uint32_t u = (uint32_t)offs[i];

		type[0] = (unsigned char)(u >> 24);
		type[1] = (unsigned char)(u >> 16);
		type[2] = (unsigned char)(u >> 8);
		type[3] = (unsigned char)u;
		type[4] = i > 0;
		put(&b, type, 6);
	}
	put(&b, "XXX", 4);
	if (footer != NULL) {
		put(&b, "\n", 1);
		put(&b, footer, strlen(footer));
		put(&b, "\n", 1);
	}
	return b;
}

/* Footer rules (every POSIX date form, RFC 8536 v3 hours) against glibc
 * reading the same string from TZ. */
static void
test_footer_rules(void)
{
	static const char *const rules[] = {
		"EST5EDT,M3.2.0,M11.1.0",
		"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
		"CET-1CEST,M3.5.0,M10.5.0/3",
		"<XXX>3<YYY>,J60/2,J300/2",
		"<XXX>3<YYY>,59/2,299/2",
		"<XXX>3<YYY>,J1/0,J365/23",
		"<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
		"EST5EDT4,0/0,J365/25",
		"<-01>1<+00>-0:30,M3.5.0/1:30:15,M10.5.0/3",
		"IST-5:30",
		"NZST-12NZDT,M9.5.0,M4.1.0/3",
	};
	int32_t off = 0;

	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		struct buf b = make_tzif(rules[i], 0, NULL, NULL, 1, &off);
		char *cause = NULL;
		struct tz *z = tz_from_bytes(b.p, b.n, &cause);

		ok(z != NULL, "footer \"%s\" parses", rules[i]);
		/* From 1970-01-03: glibc evaluates rules for years before
		 * 1970 as if they were 1970. */
		if (z != NULL)
			compare_zone(rules[i], z, rules[i], T1970 + 2 * 86400,
			    T2061);
		else {
			printf("#   %s\n", cause);
			free(cause);
		}
		tz_free(z);
		free(b.p);
	}
}

/* The table is used up to its last transition, the footer after it. */
static void
test_table_then_footer(void)
{
	int64_t trans[] = { 1000000000, 1100000000 };
	uint8_t idx[] = { 1, 2 };
	int32_t offs[] = { 3600, 7200, -18000 };
	struct buf b = make_tzif("<AAA>-4", 2, trans, idx, 3, offs);
	char *cause = NULL;
	struct tz *z = tz_from_bytes(b.p, b.n, &cause);
	int64_t next;

	ok(z != NULL, "table + footer parses");
	if (z != NULL) {
		is_int(tz_offset_at(z, 0, &next), 3600, "type 0 before the first "
		    "transition");
		is_int(next, 1000000000, "next change is the first transition");
		is_int(tz_offset_at(z, 1000000000, NULL), 7200,
		    "type of the first transition from its instant");
		is_int(tz_offset_at(z, 1099999999, NULL), 7200,
		    "until just before the second");
		is_int(tz_offset_at(z, 1100000000, &next), 4 * 3600,
		    "footer from the last transition on");
		ok(next == INT64_MAX, "footer without DST never changes");
	}
	tz_free(z);
	free(b.p);

	/* No footer line at all in a v2 file is truncation. */
	b = make_tzif(NULL, 2, trans, idx, 3, offs);
	z = tz_from_bytes(b.p, b.n, &cause);
	ok(z == NULL && cause != NULL, "v2 without footer is refused");
	free(cause);
	cause = NULL;
	free(b.p);

	/* An empty footer: the last transition's type stays. */
	b = make_tzif("", 2, trans, idx, 3, offs);
	z = tz_from_bytes(b.p, b.n, &cause);
	ok(z != NULL, "empty footer parses");
	if (z != NULL)
		is_int(tz_offset_at(z, 2000000000, NULL), -18000,
		    "empty footer: last type after the table");
	tz_free(z);
	free(b.p);
}

static void
expect_refused(const char *what, const unsigned char *p, size_t n)
{
	char *cause = NULL;
	struct tz *z = tz_from_bytes(p, n, &cause);

	ok(z == NULL && cause != NULL, "refused: %s (%s)", what,
	    cause ? cause : "no cause");
	tz_free(z);
	free(cause);
}

static void
test_corrupt(void)
{
	int64_t trans[] = { 1000000000, 1100000000 };
	uint8_t idx[] = { 1, 0 }, badidx[] = { 1, 5 };
	int64_t backwards[] = { 1100000000, 1000000000 };
	int32_t offs[] = { 3600, 7200 }, huge[] = { 3600, 100000 };
	static const char *const footers[] = {
		"CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0",
		"CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0",
		"CET-1CEST,J0,J365", "CET-1CEST,366,J365", "CE-1",
		"CET-1CEST,M3.5.0,M10.5.0/200", "CET-1CEST,M3.5.0,M10.5.0x",
		"<CE-1", "CET-30", "CET-1CEST-30,M3.5.0,M10.5.0", "1CET",
	};
	struct buf b;

	b = make_tzif("CET-1", 2, trans, badidx, 2, offs);
	expect_refused("type index out of range", b.p, b.n);
	free(b.p);
	b = make_tzif("CET-1", 2, backwards, idx, 2, offs);
	expect_refused("transitions out of order", b.p, b.n);
	free(b.p);
	b = make_tzif("CET-1", 2, trans, idx, 2, huge);
	expect_refused("offset beyond 26 hours", b.p, b.n);
	free(b.p);
	b = make_tzif("CET-1", 2, trans, idx, 0, offs);
	expect_refused("no local time types", b.p, b.n);
	free(b.p);
	for (size_t i = 0; i < sizeof footers / sizeof footers[0]; i++) {
		b = make_tzif(footers[i], 2, trans, idx, 2, offs);
		expect_refused(footers[i], b.p, b.n);
		free(b.p);
	}

	b = make_tzif("CET-1", 2, trans, idx, 2, offs);
	b.p[4] = 'x';
	expect_refused("unknown version", b.p, b.n);
	b.p[4] = '2';
	b.p[0] = 'X';
	expect_refused("bad magic", b.p, b.n);
	b.p[0] = 'T';
	/* One leap-second record (12 bytes after the abbreviations). */
	b.p[44 + 6 + 4 + 31] = 1;	/* second header's leapcnt */
	{
		size_t at = 54 + 44 + 2 * 8 + 2 + 2 * 6 + 4;
		char *cause = NULL;
		struct tz *z;

		b.p = realloc(b.p, b.n + 12);
		memmove(b.p + at + 12, b.p + at, b.n - at);
		memset(b.p + at, 0, 12);
		b.n += 12;
		z = tz_from_bytes(b.p, b.n, &cause);
		ok(z == NULL && cause != NULL && strstr(cause, "leap") != NULL,
		    "refused: leap seconds (%s)", cause ? cause : "no cause");
		tz_free(z);
		free(cause);
	}
	free(b.p);
	expect_refused("empty input", (const unsigned char *)"", 0);
}

/* Every truncation of a real file is refused; random damage and random
 * bytes never crash, and whatever parses converts without trouble. */
static void
test_fuzz(void)
{
	FILE *fp = fopen("/usr/share/zoneinfo/Europe/Paris", "rb");
	unsigned char real[65536], buf[65536];
	size_t len = 0, accepted = 0, parsed = 0, nocause = 0;
	unsigned seed = 12345;

	ok(fp != NULL, "open Europe/Paris for fuzzing");
	if (fp == NULL)
		return;
	len = fread(real, 1, sizeof real, fp);
	fclose(fp);
	for (size_t n = 0; n < len; n++) {
		char *cause = NULL;
		struct tz *z = tz_from_bytes(real, n, &cause);

		if (z != NULL)
			accepted++;
		tz_free(z);
		free(cause);
	}
	is_int(accepted, 0, "all %zu truncations of Europe/Paris are refused",
	    len);

	for (int iter = 0; iter < 6000; iter++) {
		size_t n;
		char *cause = NULL;
		struct tz *z;

		if (iter % 2 == 0) {
			/* A damaged real file. */
			memcpy(buf, real, len);
			n = len;
			for (int k = rand_r(&seed) % 8 + 1; k > 0; k--)
				buf[rand_r(&seed) % len] = (unsigned char)rand_r(&seed);
			if (rand_r(&seed) % 4 == 0)
				n = (size_t)rand_r(&seed) % len;
		} else {
			/* Random bytes behind a plausible header. */
			n = (size_t)rand_r(&seed) % 400;
			for (size_t i = 0; i < n; i++)
				buf[i] = (unsigned char)rand_r(&seed);
			if (n >= 44 && rand_r(&seed) % 5 != 0) {
				memcpy(buf, "TZif", 4);
				buf[4] = "\0\0" "23"[rand_r(&seed) % 4];
				for (int f = 20; f < 44; f += 4) {
					memset(buf + f, 0, 3);
					buf[f + 3] = (unsigned char)(rand_r(&seed) % 6);
				}
			}
		}
		z = tz_from_bytes(buf, n, &cause);
		if (z != NULL) {
			struct tz_civil c;

			parsed++;
			tz_utc_to_local(z, (int64_t)rand_r(&seed) * 100000, &c);
			tz_utc_to_local(z, INT64_MAX, &c);
			tz_utc_to_local(z, INT64_MIN, &c);
			(void)tz_local_to_utc(z, 2026, 3, 29, 2, 30, 0);
			(void)tz_local_to_utc(z, INT_MAX, INT_MAX, INT_MAX,
			    INT_MAX, INT_MAX, INT_MAX);
			(void)tz_local_to_utc(z, INT_MIN, INT_MIN, INT_MIN,
			    INT_MIN, INT_MIN, INT_MIN);
		} else if (cause == NULL)
			nocause++;
		tz_free(z);
		free(cause);
	}
	is_int(nocause, 0, "6000 fuzzed inputs: every refusal has a cause "
	    "(%zu parsed)", parsed);
}

/* ---- gaps, overlaps, names ----------------------------------------------- */

static void
check_local(const char *zone, int y, int mo, int d, int h, int mi,
    int64_t want, const char *what)
{
	char *cause = NULL;
	struct tz *z = tz_load(zone, &cause);

	if (z == NULL) {
		ok(0, "%s: load %s: %s", what, zone, cause);
		free(cause);
		return;
	}
	is_int(tz_local_to_utc(z, y, mo, d, h, mi, 0), want, "%s %s "
	    "%04d-%02d-%02d %02d:%02d", zone, what, y, mo, d, h, mi);
	tz_free(z);
}

static void
test_gaps_overlaps(void)
{
	/* Expected values from Python's zoneinfo with fold=0. */
	check_local("Europe/Paris", 2026, 3, 29, 2, 30, 1774747800, "gap");
	check_local("Europe/Paris", 2026, 10, 25, 2, 30, 1792888200, "overlap");
	check_local("America/New_York", 2026, 3, 8, 2, 30, 1772955000, "gap");
	check_local("America/New_York", 2026, 11, 1, 1, 30, 1793511000,
	    "overlap");
	check_local("Australia/Lord_Howe", 2026, 10, 4, 2, 15, 1791042300,
	    "30-minute gap");
	check_local("Australia/Lord_Howe", 2026, 4, 5, 1, 45, 1775313900,
	    "30-minute overlap");
	check_local("Pacific/Auckland", 2026, 9, 27, 2, 30, 1790433000, "gap");
	check_local("Pacific/Auckland", 2026, 4, 5, 2, 30, 1775309400,
	    "overlap");
	check_local("Europe/Paris", 2050, 3, 27, 2, 30, 2531957400,
	    "footer gap");
	check_local("Europe/Paris", 2050, 10, 30, 2, 30, 2550702600,
	    "footer overlap");
	check_local("America/New_York", 2055, 11, 7, 1, 30, 2709178200,
	    "footer overlap");
	/* Out-of-range fields roll over: 2026-01-32 is 2026-02-01. */
	check_local("UTC", 2026, 1, 32, 0, 0, 1769904000, "day rollover");
	check_local("UTC", 2026, 13, 1, 0, 0, 1798761600, "month rollover");
	check_local("UTC", 2026, 0, 1, 0, 0, 1764547200, "month 0");
}

static void
test_names(void)
{
	static const char *const bad[] = {
		"../etc/passwd", "/etc/localtime", "Europe/../../etc/shadow",
		"Europe/Paris\n", "", "Europe/Paris ", "Europe/./Paris", "..",
		"Europe\\Paris", "Europe/Nowhere", "Europe", "Nowhere",
		"Europe/Paris/", "$HOME",
	};
	char longname[400];
	char *cause = NULL;
	struct tz *z;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		z = tz_load(bad[i], &cause);
		ok(z == NULL && cause != NULL, "tz_load refuses bad name %zu",
		    i);
		tz_free(z);
		free(cause);
		cause = NULL;
	}
	memset(longname, 'A', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	z = tz_load(longname, &cause);
	ok(z == NULL && cause != NULL, "tz_load refuses a 399-byte name");
	free(cause);
	cause = NULL;

	z = tz_load("Etc/GMT+5", &cause);
	ok(z != NULL, "Etc/GMT+5 ('+' allowed) loads");
	if (z != NULL)
		is_int(tz_offset_at(z, 0, NULL), -5 * 3600, "Etc/GMT+5 is UTC-5");
	tz_free(z);
}

static int32_t
default_offset_at(const char *tzenv, int64_t t, bool *loaded)
{
	char *cause = NULL;
	struct tz *z;
	int32_t off = 0;

	if (tzenv != NULL)
		setenv("TZ", tzenv, 1);
	else
		unsetenv("TZ");
	z = tz_load(NULL, &cause);
	*loaded = z != NULL;
	if (z != NULL)
		off = tz_offset_at(z, t, NULL);
	tz_free(z);
	free(cause);
	unsetenv("TZ");
	return off;
}

static void
test_default_zone(void)
{
	int64_t july2030 = 1909224000, jan2030 = 1893456000;
	bool loaded;
	int32_t off;

	off = default_offset_at(":Europe/Paris", july2030, &loaded);
	ok(loaded && off == 7200, "TZ=:Europe/Paris (got %d)", off);
	off = default_offset_at("Asia/Kolkata", jan2030, &loaded);
	ok(loaded && off == 19800, "TZ=Asia/Kolkata (got %d)", off);
	off = default_offset_at("/usr/share/zoneinfo/America/New_York",
	    july2030, &loaded);
	ok(loaded && off == -4 * 3600, "TZ=<path> (got %d)", off);
	off = default_offset_at("", july2030, &loaded);
	ok(loaded && off == 0, "TZ= (empty) is UTC");
	off = default_offset_at("CET-1CEST,M3.5.0,M10.5.0/3", july2030,
	    &loaded);
	ok(loaded && off == 7200, "TZ=<POSIX string> (got %d)", off);
	off = default_offset_at("Nowhere/Zone", july2030, &loaded);
	ok(!loaded, "TZ=Nowhere/Zone is an error");
	off = default_offset_at("/nonexistent/zone", july2030, &loaded);
	ok(!loaded, "TZ=/nonexistent/zone is an error");
	off = default_offset_at(NULL, july2030, &loaded);
	ok(loaded, "no TZ: /etc/localtime or UTC loads");
}

/* ---- civil helpers and ISO-8601 ------------------------------------------ */

static void
test_civil(void)
{
	int bad = 0, y, m, d;

	is_int(tz_days_from_civil(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(tz_days_from_civil(1969, 12, 31), -1, "1969-12-31 is day -1");
	is_int(tz_days_from_civil(2000, 2, 29), 11016, "2000-02-29");
	is_int(tz_days_from_civil(2026, 12, 3), 20790, "2026-12-03");
	is_int(tz_days_from_civil(1600, 3, 1), -135080, "1600-03-01");
	for (int64_t day = -1000000; day <= 1000000; day += 13) {
		tz_civil_from_days(day, &y, &m, &d);
		if (tz_days_from_civil(y, m, d) != day || m < 1 || m > 12 ||
		    d < 1 || d > 31)
			bad++;
	}
	is_int(bad, 0, "days <-> civil round trip over +-2700 years");
	tz_civil_from_days(20790, &y, &m, &d);
	ok(y == 2026 && m == 12 && d == 3, "day 20790 is 2026-12-03");
}

static void
iso_ok(const char *s, const struct tz *zone, int64_t want)
{
	int64_t got = -12345;
	int rc = tz_parse_iso8601(s, zone, &got);

	ok(rc == 0 && got == want, "parse \"%s\" = %jd (rc %d, got %jd)", s,
	    (intmax_t)want, rc, (intmax_t)got);
}

static void
test_iso(void)
{
	static const char *const bad[] = {
		"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-04-31", "2026-01-01T24:00:00",
		"2026-01-01T23:60", "2026-01-01T23:59:60",
		"2026-01-01T12:00:00Zjunk", "2026-01-01x", "2026-01-01T12",
		"2026-1-01", "26-01-01", "2026-01-01T12:00:00+",
		"2026-01-01T12:00:00+1", "2026-01-01T12:00:00+01:",
		"2026-01-01T12:00:00+24:00", "2026-01-01T12:00:00+01:60",
		"2026-01-01T12:00:00.", "", " 2026-01-01", "2026-01-01T12:00:00 ",
		"2026-01-01T12:00:00+01:00:00", "2026-01-01Z", "2026-01-01T",
		"2026-01-01T1:00", "2026/01/01", "+2026-01-01", "2026-01-01T12:00Z ",
		"2026-01-01T12:00:00+0100x", "2026-01-01TT12:00",
	};
	char *cause = NULL;
	struct tz *paris = tz_load("Europe/Paris", &cause);
	int64_t out;

	iso_ok("2026-03-01", NULL, 1772323200);
	iso_ok("2026-03-01T12:34:56Z", NULL, 1772368496);
	iso_ok("2026-03-01t12:34:56z", NULL, 1772368496);
	iso_ok("2026-03-01 12:34Z", NULL, 1772368440);
	iso_ok("2026-03-01T12:34:56.789+01:00", NULL, 1772364896);
	iso_ok("2026-03-01T12:34:56,5-0530", NULL, 1772388296);
	iso_ok("2026-03-01T12:34:56+05", NULL, 1772350496);
	iso_ok("2026-03-01T12:34:56", NULL, 1772368496);
	iso_ok("2024-02-29T00:00:00Z", NULL, 1709164800);
	iso_ok("1970-01-01T00:00:00Z", NULL, 0);
	if (paris != NULL) {
		iso_ok("2026-07-01T12:00:00", paris, 1782900000);
		iso_ok("2026-07-01", paris, 1782856800);
		iso_ok("2026-07-01T12:00:00Z", paris, 1782907200);
		iso_ok("2026-03-29T02:30:00", paris, 1774747800);
	}
	tz_free(paris);
	free(cause);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(tz_parse_iso8601(bad[i], NULL, &out) == -1,
		    "refuse \"%s\"", bad[i]);
}

int
main(void)
{
	test_civil();
	test_iso();
	test_names();
	test_default_zone();
	test_gaps_overlaps();
	test_table_then_footer();
	test_corrupt();
	test_footer_rules();
	test_real_zones();
	test_fuzz();
	return done_testing();
}

/* metrics: hand-built hosts with every stats, app and daily row asserted
 * against the rules of the design (window edges, visits by first sight,
 * rotated copies, ambiguous basenames, unknown metrics, time zones). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "metrics.h"
#include "report.h"
#include "tap.h"
#include "tz.h"

#define UNK	INT64_MIN
#define DAY	((int64_t)86400)
#define T	((int64_t)1796385600)	/* 2026-12-04T12:00:00Z */
#define W0	(T - 30 * DAY)		/* 2026-11-04T12:00:00Z, not in W */

static void
req(struct metrics *m, const char *addr, int64_t t, const char *url)
{
	struct access_record rec;

	memset(&rec, 0, sizeof rec);
	rec.addr = addr;
	rec.addr_len = addr ? strlen(addr) : 0;
	rec.time = t;
	rec.method = "GET";
	rec.method_len = 3;
	rec.url = url;
	rec.url_len = strlen(url);
	rec.status = 200;
	metrics_add_request(m, &rec);
}

/* stamp is "YYYYMMDD-HHMMSS"; suffix is a rotation suffix or "". */
static void
sess(struct metrics *m, const char *app, const char *user, const char *stamp,
    int port, const char *suffix, bool crashed)
{
	struct sessionlog_name n;

	memset(&n, 0, sizeof n);
	snprintf(n.app, sizeof n.app, "%s", app);
	snprintf(n.user, sizeof n.user, "%s", user);
	if (sscanf(stamp, "%4d%2d%2d-%2d%2d%2d", &n.year, &n.month, &n.day,
	    &n.hour, &n.minute, &n.second) != 6)
		abort();
	n.port = port;
	snprintf(n.base, sizeof n.base, "%s-%s-%s-%d.log", app, user, stamp,
	    port);
	n.rotation = *suffix == '\0' ? 0 : 1;
	n.gz = strstr(suffix, ".gz") != NULL;
	metrics_add_session_log(m, &n, crashed);
}

static void
is_count(struct count c, int64_t want, const char *row, const char *what)
{
	if (want == UNK) {
		ok(!c.known, "%s: %s is unknown", row, what);
		if (c.known)
			printf("#   got %jd\n", (intmax_t)c.value);
		return;
	}
	ok(c.known && c.value == want, "%s: %s = %jd", row, what,
	    (intmax_t)want);
	if (!c.known || c.value != want)
		printf("#   got %s%jd\n", c.known ? "" : "unknown ",
		    (intmax_t)c.value);
}

static void
check_stats(const struct host_report *r, const int64_t want[STAT_COUNT],
    const char *label)
{
	for (int i = 0; i < STAT_COUNT; i++)
		is_count(r->stats[i], want[i], label, report_stat_name(i));
}

static const struct app_row *
find_row(const struct host_report *r, const char *name)
{
	for (size_t i = 0; i < r->napps; i++) {
		if (strcmp(r->apps[i].name, name) == 0)
			return &r->apps[i];
	}
	return NULL;
}

/* want: session_logs, session_logs_last_month, visits, visits_last_month,
 * unique_ips, requests, crashed_sessions, last_seen. */
static void
check_row(const struct host_report *r, const char *name, int64_t s,
    int64_t slm, int64_t v, int64_t vlm, int64_t ips, int64_t reqs,
    int64_t crashed, int64_t last_seen)
{
	const struct app_row *row = find_row(r, name);

	ok(row != NULL, "row \"%s\" exists", name);
	if (row == NULL)
		return;
	is_count(row->session_logs, s, name, "session_logs");
	is_count(row->session_logs_last_month, slm, name,
	    "session_logs_last_month");
	is_count(row->visits, v, name, "visits");
	is_count(row->visits_last_month, vlm, name, "visits_last_month");
	is_count(row->unique_ips, ips, name, "unique_ips");
	is_count(row->requests, reqs, name, "requests");
	is_count(row->crashed_sessions, crashed, name, "crashed_sessions");
	is_int(row->last_seen, last_seen, "%s: last_seen", name);
}

static bool
has_warning(const struct host_report *r, const char *start)
{
	for (size_t i = 0; i < r->warnings.n; i++) {
		if (strncmp(r->warnings.v[i], start, strlen(start)) == 0)
			return true;
	}
	return false;
}

static int64_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	return tz_days_from_civil(y, mo, d) * DAY + h * 3600 + mi * 60 + s;
}

/* The daily rows: count, first and last date, and that their sums equal
 * the Last Month rows. */
static void
check_days(const struct host_report *r, size_t n, const char *first,
    const char *last, const char *label)
{
	int64_t sums[4] = { 0, 0, 0, 0 };
	char d1[16], d2[16];

	is_int(r->ndays, n, "%s: %zu daily rows", label, n);
	if (r->ndays == 0)
		return;
	snprintf(d1, sizeof d1, "%04d-%02d-%02d", r->days[0].year,
	    r->days[0].month, r->days[0].day);
	snprintf(d2, sizeof d2, "%04d-%02d-%02d", r->days[r->ndays - 1].year,
	    r->days[r->ndays - 1].month, r->days[r->ndays - 1].day);
	is_str(d1, first, "%s: first daily row", label);
	is_str(d2, last, "%s: last daily row", label);
	for (size_t i = 0; i < r->ndays; i++) {
		sums[0] += r->days[i].session_logs.value;
		sums[1] += r->days[i].visits.value;
		sums[2] += r->days[i].requests.value;
	}
	is_int(sums[0], r->stats[STAT_SESSIONS_LAST_MONTH].value,
	    "%s: daily session_logs sum to Sessions Last Month", label);
	if (r->stats[STAT_VISITS_LAST_MONTH].known)
		is_int(sums[1], r->stats[STAT_VISITS_LAST_MONTH].value,
		    "%s: daily visits sum to Visits Last Month", label);
	if (r->stats[STAT_REQUESTS_LAST_MONTH].known)
		is_int(sums[2], r->stats[STAT_REQUESTS_LAST_MONTH].value,
		    "%s: daily requests sum to Requests Last Month", label);
}

/* The daily row for y-mo-d: want session_logs, visits, unique_ips,
 * requests. */
static void
check_day(const struct host_report *r, int y, int mo, int d, int64_t s,
    int64_t v, int64_t ips, int64_t reqs)
{
	char label[32];

	snprintf(label, sizeof label, "day %04d-%02d-%02d", y, mo, d);
	for (size_t i = 0; i < r->ndays; i++) {
		const struct daily_row *row = &r->days[i];

		if (row->year != y || row->month != mo || row->day != d)
			continue;
		is_count(row->session_logs, s, label, "session_logs");
		is_count(row->visits, v, label, "visits");
		is_count(row->unique_ips, ips, label, "unique_ips");
		is_count(row->requests, reqs, label, "requests");
		return;
	}
	ok(0, "%s exists", label);
}

static struct metrics *
main_host(const struct tz *zone)
{
	struct metrics *m = metrics_new(T, 30, zone);

	metrics_add_app(m, "hello", "/hello/");
	metrics_add_app(m, "dash-board", "/dash-board/");
	metrics_add_app(m, "nested/group/app1", "/nested/group/app1/");
	metrics_add_app(m, "nested/other/app1", "/nested/other/app1/");
	metrics_add_app(m, "noisy", "/noisy/");
	metrics_add_app(m, "apps", "/apps/");
	metrics_add_app(m, "apps/inner", "/apps/inner/");
	metrics_add_app(m, "~alice/myapp", "/alice/myapp/");

	sess(m, "hello", "shiny", "20261201-101010", 1111, "", false);
	sess(m, "hello", "shiny", "20261201-101010", 1111, ".1", true);
	sess(m, "app1", "shiny", "20261125-080000", 2222, "", false);
	sess(m, "app1", "shiny", "20261001-080000", 2223, ".2.gz", false);
	sess(m, "ghost", "shiny", "20260101-000000", 3333, "", true);
	sess(m, "dash-board", "shiny", "20261104-120000", 4444, "", false);
	sess(m, "dash-board", "shiny", "20261204-120000", 4445, "", false);
	sess(m, "myapp", "alice", "20261203-000000", 5555, "", false);
	sess(m, "inner", "shiny", "20261130-000000", 6666, "-20261201.gz",
	    false);

	metrics_begin_access_file(m, true, true);
	req(m, "203.0.113.7", T, "/hello/");
	req(m, "203.0.113.7", W0, "/hello");
	req(m, "203.0.113.8", W0 + 1, "/hello/__sockjs__/n=abc/info?t=1");
	req(m, "203.0.113.9", T - 40 * DAY, "/hello/__sockjs__/n=abc/xhr_send");
	req(m, "198.51.100.1", T - DAY, "/noisy/__sockjs__/n=v1/info");
	req(m, "198.51.100.1", T + 100, "/noisy/__sockjs__/n=v1/info");
	req(m, "198.51.100.1", T - DAY + 10, "/noisy/__sockjs__/o=v1/xhr");
	req(m, "198.51.100.2", T - 2 * DAY, "/favicon.ico");
	req(m, "198.51.100.2", T - 2 * DAY, "/");
	req(m, "2001:db8::1", T - 3 * DAY, "/nested/group/app1/");
	req(m, "2001:db8::1", T - 3 * DAY, "/nested/other/app1/session/x?y=/z");
	req(m, "203.0.113.7", T - 3 * DAY, "/apps/inner/x");
	req(m, "203.0.113.7", T - 3 * DAY, "/apps/other");
	req(m, "203.0.113.7", T - 3 * DAY, "/apps");
	req(m, "203.0.113.7", T - 3 * DAY, "/hellox");
	req(m, "203.0.113.10", T + 1, "/hello/");
	req(m, "203.0.113.7", T - 3 * DAY, "/alice/myapp/__sockjs__/n=q/info");
	req(m, "203.0.113.7", T - 3 * DAY, "/__sockjs__/n=root/info");
	req(m, "203.0.113.7", T - 3 * DAY, "/noisy/__sockjs__/n=abc/info");
	metrics_add_skipped_lines(m, 2);
	return m;
}

static void
test_main_host(void)
{
	static const int64_t want[STAT_COUNT] = {
		8, 5, 8, 7, 5, 5, 4, 19, 15, 2, 2 };
	static const char *const order[] = {
		"noisy", "hello", "~alice/myapp", "apps", "apps/inner",
		"nested/group/app1", "nested/other/app1", "dash-board",
		"app1 (2 apps)", "ghost (no app dir)",
	};
	struct metrics *m = main_host(NULL);
	struct host_report r;

	report_init(&r, "main", NULL, T, 30);
	metrics_report(m, &r);
	check_stats(&r, want, "main");

	check_row(&r, "hello", 1, 1, 1, 0, 4, 5, 1, T + 1);
	check_row(&r, "dash-board", 2, 1, 0, 0, 0, 0, 0, T);
	check_row(&r, "nested/group/app1", UNK, UNK, 0, 0, 1, 1, UNK,
	    T - 3 * DAY);
	check_row(&r, "nested/other/app1", UNK, UNK, 0, 0, 1, 1, UNK,
	    T - 3 * DAY);
	check_row(&r, "noisy", 0, 0, 2, 2, 2, 4, 0, T + 100);
	check_row(&r, "apps", 0, 0, 0, 0, 1, 2, 0, T - 3 * DAY);
	check_row(&r, "apps/inner", 1, 1, 0, 0, 1, 1, 0, T - 3 * DAY);
	check_row(&r, "~alice/myapp", 1, 1, 1, 1, 1, 1, 0,
	    utc(2026, 12, 3, 0, 0, 0));
	check_row(&r, "app1 (2 apps)", 2, 1, UNK, UNK, UNK, UNK, 0,
	    utc(2026, 11, 25, 8, 0, 0));
	check_row(&r, "ghost (no app dir)", 1, 0, UNK, UNK, UNK, UNK, 1,
	    utc(2026, 1, 1, 0, 0, 0));

	is_int(r.napps, 10, "main: 8 apps + 2 extra rows");
	for (size_t i = 0; i < r.napps && i < 10; i++)
		is_str(r.apps[i].name, order[i], "main: row %zu", i);

	check_days(&r, 31, "2026-11-04", "2026-12-04", "main");
	check_day(&r, 2026, 11, 4, 0, 0, 1, 1);
	check_day(&r, 2026, 11, 25, 1, 0, 0, 0);
	check_day(&r, 2026, 11, 30, 1, 0, 0, 0);
	check_day(&r, 2026, 12, 1, 1, 3, 2, 9);
	check_day(&r, 2026, 12, 2, 0, 0, 1, 2);
	check_day(&r, 2026, 12, 3, 1, 1, 1, 2);
	check_day(&r, 2026, 12, 4, 1, 0, 1, 1);
	check_day(&r, 2026, 11, 15, 0, 0, 0, 0);

	ok(!has_warning(&r, "every client address is loopback"),
	    "main: no loopback warning");
	ok(!has_warning(&r, "no session logs found"),
	    "main: no preserve_logs warning");
	report_free(&r);
	metrics_free(m);
}

/* No access log; a tiny-like file (no address, no time); a short-like
 * file (no time); lines that all failed. */
static void
test_unknowns(void)
{
	static const int64_t none[STAT_COUNT] = {
		1, 1, 1, UNK, UNK, UNK, UNK, UNK, UNK, 0, UNK };
	static const int64_t tiny[STAT_COUNT] = {
		1, 1, 1, UNK, UNK, 2, UNK, 3, UNK, 0, 1 };
	static const int64_t mixed[STAT_COUNT] = {
		0, 0, 1, 2, UNK, 1, UNK, 3, UNK, 0, 0 };
	static const int64_t skipped[STAT_COUNT] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3 };
	struct host_report r;
	struct metrics *m;

	m = metrics_new(T, 30, NULL);
	metrics_add_app(m, "hello", "/hello/");
	sess(m, "hello", "shiny", "20261201-101010", 1111, "", false);
	report_init(&r, "none", NULL, T, 30);
	metrics_report(m, &r);
	check_stats(&r, none, "no access log");
	check_row(&r, "hello", 1, 1, UNK, UNK, UNK, UNK, 0,
	    utc(2026, 12, 1, 10, 10, 10));
	check_days(&r, 31, "2026-11-04", "2026-12-04", "no access log");
	check_day(&r, 2026, 12, 1, 1, UNK, UNK, UNK);
	report_free(&r);

	/* The same host with a tiny access log. */
	metrics_begin_access_file(m, false, false);
	req(m, NULL, -1, "/hello/__sockjs__/n=a/info");
	req(m, NULL, -1, "/hello/__sockjs__/n=b/info");
	req(m, NULL, -1, "/");
	metrics_add_skipped_lines(m, 1);
	report_init(&r, "tiny", NULL, T, 30);
	metrics_report(m, &r);
	check_stats(&r, tiny, "tiny");
	check_row(&r, "hello", 1, 1, 2, UNK, UNK, 2, 0,
	    utc(2026, 12, 1, 10, 10, 10));
	check_day(&r, 2026, 12, 1, 1, UNK, UNK, UNK);
	report_free(&r);
	metrics_free(m);

	/* combined + short: addresses known, times not. */
	m = metrics_new(T, 30, NULL);
	metrics_add_app(m, "hello", "/hello/");
	metrics_begin_access_file(m, true, true);
	req(m, "10.0.0.1", T - DAY, "/hello/__sockjs__/n=a/info");
	metrics_begin_access_file(m, true, false);
	req(m, "10.0.0.2", -1, "/hello/");
	req(m, "10.0.0.1", -1, "/hello/");
	report_init(&r, "mixed", NULL, T, 30);
	metrics_report(m, &r);
	check_stats(&r, mixed, "combined + short");
	check_row(&r, "hello", 0, 0, 1, UNK, 2, 3, 0, T - DAY);
	check_day(&r, 2026, 12, 3, 0, UNK, UNK, UNK);
	ok(has_warning(&r, "no session logs found: is preserve_logs on"),
	    "no sessions: preserve_logs warning");
	report_free(&r);
	metrics_free(m);

	/* An access file was read but no line parsed. */
	m = metrics_new(T, 30, NULL);
	metrics_add_skipped_lines(m, 3);
	report_init(&r, "skipped", NULL, T, 30);
	metrics_report(m, &r);
	check_stats(&r, skipped, "all lines skipped");
	is_int(r.napps, 0, "no apps, no rows");
	report_free(&r);
	metrics_free(m);
}

/* A session whose name says 23:00 on 2026-11-04: in W read as UTC
 * (23:00Z > 12:00Z), out of W read in Auckland (10:00Z). */
static void
test_zones(void)
{
	char *cause = NULL;
	struct tz *akl = tz_load("Pacific/Auckland", &cause);
	struct tz *paris = tz_load("Europe/Paris", &cause);
	struct host_report r;
	struct metrics *m;

	ok(akl != NULL && paris != NULL, "zones load");
	if (akl == NULL || paris == NULL) {
		free(cause);
		tz_free(akl);
		tz_free(paris);
		return;
	}
	for (int z = 0; z < 2; z++) {
		m = metrics_new(T, 30, z ? akl : NULL);
		metrics_add_app(m, "hello", "/hello/");
		sess(m, "hello", "shiny", "20261104-230000", 1, "", false);
		report_init(&r, "zone", NULL, T, 30);
		metrics_report(m, &r);
		is_count(r.stats[STAT_SESSIONS_LAST_MONTH], z ? 0 : 1,
		    z ? "Pacific/Auckland" : "UTC", "Sessions Last Month");
		is_int(r.apps[0].last_seen, z ? 1793786400 : 1793833200,
		    "%s: session start", z ? "Pacific/Auckland" : "UTC");
		if (z)
			check_days(&r, 31, "2026-11-05", "2026-12-05",
			    "Pacific/Auckland");
		else
			check_day(&r, 2026, 11, 4, 1, UNK, UNK, UNK);
		report_free(&r);
		metrics_free(m);
	}

	/* Paris across the end of DST: days follow the local date. */
	m = metrics_new(1793534400, 10, paris);	/* 2026-11-01T12:00Z */
	metrics_begin_access_file(m, true, true);
	req(m, "10.0.0.1", 1792881000, "/");	/* 10-25 00:30 CEST */
	req(m, "10.0.0.1", 1792967400, "/");	/* 10-25 23:30 CET */
	req(m, "10.0.0.2", 1792971000, "/");	/* 10-26 00:30 CET */
	sess(m, "x", "shiny", "20261025-023000", 1, "", false);	/* overlap */
	report_init(&r, "paris", NULL, 1793534400, 10);
	metrics_report(m, &r);
	check_days(&r, 11, "2026-10-22", "2026-11-01", "Europe/Paris");
	check_day(&r, 2026, 10, 25, 1, 0, 1, 2);
	check_day(&r, 2026, 10, 26, 0, 0, 1, 1);
	is_int(r.apps[0].last_seen, utc(2026, 10, 25, 0, 30, 0),
	    "Paris overlap: the earlier 02:30 (CEST)");
	report_free(&r);
	metrics_free(m);
	tz_free(akl);
	tz_free(paris);
}

static void
test_loopback(void)
{
	struct host_report r;
	struct metrics *m = metrics_new(T, 30, NULL);
	const char *lo = "every client address is loopback: a reverse proxy";

	sess(m, "hello", "shiny", "20261201-101010", 1111, "", false);
	report_init(&r, "lo", NULL, T, 30);
	metrics_report(m, &r);
	ok(!has_warning(&r, lo), "no address: no loopback warning");
	report_free(&r);

	metrics_begin_access_file(m, true, true);
	req(m, "127.0.0.1", T, "/");
	req(m, "127.5.6.7", T, "/");
	req(m, "::1", T, "/");
	report_init(&r, "lo", NULL, T, 30);
	metrics_report(m, &r);
	ok(has_warning(&r, lo), "127/8 and ::1 only: loopback warning");
	is_count(r.stats[STAT_UNIQUE_IPS], 3, "loopback", "Unique IPs");
	report_free(&r);

	req(m, "128.0.0.1", T, "/");
	report_init(&r, "lo", NULL, T, 30);
	metrics_report(m, &r);
	ok(!has_warning(&r, lo), "one real client: no loopback warning");
	report_free(&r);
	metrics_free(m);
}

/* Ties: visits, then requests, then session logs, then name. */
static void
test_order(void)
{
	/* x/amb and y/amb have unknown session columns (-1); the combined
	 * row's visits are unknown (-1), so it sorts last. */
	static const char *const order[] = {
		"v2", "v1r3", "v1r2s1", "v1r2s0a", "v1r2s0b", "v0", "x/amb",
		"y/amb", "amb (2 apps)",
	};
	struct host_report r;
	struct metrics *m = metrics_new(T, 30, NULL);

	metrics_add_app(m, "v0", "/v0/");
	metrics_add_app(m, "v1r2s0b", "/b/");
	metrics_add_app(m, "v1r2s0a", "/a/");
	metrics_add_app(m, "v1r2s1", "/s/");
	metrics_add_app(m, "v1r3", "/r3/");
	metrics_add_app(m, "v2", "/v2/");
	metrics_add_app(m, "x/amb", "/x/amb/");
	metrics_add_app(m, "y/amb", "/y/amb/");
	sess(m, "v1r2s1", "shiny", "20261201-000000", 1, "", false);
	metrics_begin_access_file(m, true, true);
	req(m, "10.0.0.1", T, "/v2/__sockjs__/n=1/x");
	req(m, "10.0.0.1", T, "/v2/__sockjs__/n=2/x");
	req(m, "10.0.0.1", T, "/r3/__sockjs__/n=1/x");
	req(m, "10.0.0.1", T, "/r3/");
	req(m, "10.0.0.1", T, "/r3/");
	for (int i = 0; i < 3; i++) {
		const char *p[] = { "/a/", "/b/", "/s/" };
		char url[64];

		snprintf(url, sizeof url, "%s__sockjs__/n=1/x", p[i]);
		req(m, "10.0.0.1", T, url);
		req(m, "10.0.0.1", T, p[i]);
	}
	req(m, "10.0.0.1", T, "/v0/");
	req(m, "10.0.0.1", T, "/v0/");
	req(m, "10.0.0.1", T, "/v0/");
	req(m, "10.0.0.1", T, "/v0/");
	report_init(&r, "order", NULL, T, 30);
	metrics_report(m, &r);
	is_int(r.napps, 9, "order: 8 apps + 1 combined row");
	for (size_t i = 0; i < r.napps && i < 9; i++)
		is_str(r.apps[i].name, order[i], "order: row %zu", i);
	report_free(&r);
	metrics_free(m);
}

/* A million requests: the hot path must stay fast. The rate is printed,
 * not asserted. */
static void
test_speed(void)
{
	struct metrics *m = metrics_new(T, 30, NULL);
	struct host_report r;
	struct timespec t0, t1;
	char addr[64], url[128];
	double secs;
	int n = 1000000;

	for (int i = 0; i < 50; i++) {
		char name[32], prefix[40];

		snprintf(name, sizeof name, "group%d/app%d", i % 5, i);
		snprintf(prefix, sizeof prefix, "/%s/", name);
		metrics_add_app(m, name, prefix);
	}
	metrics_begin_access_file(m, true, true);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < n; i++) {
		int app = i % 53;	/* 3 of 53 unattributed */

		snprintf(addr, sizeof addr, "10.%d.%d.%d", i % 7, i % 97,
		    i % 251);
		if (i % 50 == 0)
			snprintf(url, sizeof url, "/group%d/app%d/__sockjs__/"
			    "n=%d/info?t=%d", app % 5, app, i / 50, i);
		else
			snprintf(url, sizeof url, "/group%d/app%d/shared/x.js?v=%d",
			    app % 5, app, i);
		req(m, addr, T - (int64_t)(i % 40) * DAY - i % 86400, url);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# %d requests in %.3f s: %.0f requests/s (including "
	    "formatting)\n", n, secs, n / secs);
	report_init(&r, "speed", NULL, T, 30);
	metrics_report(m, &r);
	is_count(r.stats[STAT_REQUESTS], n, "speed", "Requests");
	is_count(r.stats[STAT_VISITS], n / 50, "speed", "Visits");
	is_count(r.stats[STAT_UNIQUE_IPS], 7 * 97 * 251, "speed",
	    "Unique IPs (7*97*251 by CRT)");
	report_free(&r);
	metrics_free(m);
}

int
main(void)
{
	test_main_host();
	test_unknowns();
	test_zones();
	test_loopback();
	test_order();
	test_speed();
	return done_testing();
}

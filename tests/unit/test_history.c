/*
 * history.csv and summary_DATE.csv: merging a run into what is on disk
 * (in order, replacing the run's own rows, keeping the others), unknown
 * cells, files that cannot be read being refused and left untouched, and
 * both written by output_host and output_summary with their charts.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "out_chart.h"
#include "out_csv.h"
#include "output.h"
#include "report.h"
#include "summary.h"
#include "xmalloc.h"

#include "tap.h"

#define HEADER	"date,total_sessions,sessions_last_month,total_apps," \
		"unique_ips,unique_ips_last_month,visits,visits_last_month," \
		"requests,requests_last_month,crashed_sessions,skipped_lines\n"
#define SHEADER	"host,hostname,status,error,total_sessions," \
		"sessions_last_month,total_apps,unique_ips_last_month," \
		"visits_last_month,requests_last_month,crashed_sessions\n"

static char *
slurp(const char *path)
{
	FILE *fp;
	char *buf;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	buf = xmalloc(1 << 16);
	n = fread(buf, 1, (1 << 16) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return (buf);
}

static void
spew(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return (remove(path));
}

/* Stats base, base+1, ...; the ones in unknown_mask unknown. */
static void
make_stats(struct count stats[STAT_COUNT], int64_t base, unsigned unknown)
{
	for (int i = 0; i < STAT_COUNT; i++) {
		stats[i].value = (unknown & (1u << i)) ? 0 : base + i;
		stats[i].known = !(unknown & (1u << i));
	}
}

/* Reads path, adds date with stats, writes it back. Returns 0 or -1. */
static int
history_update(const char *path, const char *date, int64_t base,
    unsigned unknown, char **cause)
{
	struct history h;
	struct count stats[STAT_COUNT];
	int rc;

	make_stats(stats, base, unknown);
	if (history_read(path, &h, cause) != 0)
		return (-1);
	rc = history_set(&h, date, stats, cause);
	if (rc == 0)
		rc = history_write(path, &h, cause);
	history_free(&h);
	return (rc);
}

static void
test_history_merge(const char *dir)
{
	char *path, *cause = NULL, *text;
	struct history h;
	unsigned access_unknown = (1u << STAT_UNIQUE_IPS) |
	    (1u << STAT_UNIQUE_IPS_LAST_MONTH) | (1u << STAT_VISITS) |
	    (1u << STAT_VISITS_LAST_MONTH) | (1u << STAT_REQUESTS) |
	    (1u << STAT_REQUESTS_LAST_MONTH) | (1u << STAT_SKIPPED_LINES);

	path = xasprintf("%s/history.csv", dir);
	ok(history_read(path, &h, &cause) == 0 && h.n == 0,
	    "a missing history is empty");
	history_free(&h);

	ok(history_update(path, "2026-12-04", 10, 0, &cause) == 0,
	    "first row written");
	text = slurp(path);
	is_str(text, HEADER "2026-12-04,10,11,12,13,14,15,16,17,18,19,20\n",
	    "header and one row, counts in stat order");
	free(text);

	ok(history_update(path, "2026-12-06", 30, access_unknown, &cause) == 0,
	    "a later date");
	ok(history_update(path, "2026-11-30", 0, 0, &cause) == 0,
	    "an earlier date (a backfill)");
	text = slurp(path);
	is_str(text, HEADER
	    "2026-11-30,0,1,2,3,4,5,6,7,8,9,10\n"
	    "2026-12-04,10,11,12,13,14,15,16,17,18,19,20\n"
	    "2026-12-06,30,31,32,,,,,,,39,\n",
	    "rows sorted by date; unknown counts are empty cells, known "
	    "zero is 0");
	free(text);

	ok(history_update(path, "2026-12-04", 100, 0, &cause) == 0,
	    "the same date again");
	text = slurp(path);
	is_str(text, HEADER
	    "2026-11-30,0,1,2,3,4,5,6,7,8,9,10\n"
	    "2026-12-04,100,101,102,103,104,105,106,107,108,109,110\n"
	    "2026-12-06,30,31,32,,,,,,,39,\n",
	    "a re-run the same day replaces that row and keeps the others");
	free(text);

	/* Read back: unknown stays unknown, not 0. */
	ok(history_read(path, &h, &cause) == 0, "read back");
	is_int(h.n, 3, "three rows");
	if (h.n == 3) {
		is_str(h.rows[2].date, "2026-12-06", "last date");
		ok(!h.rows[2].stats[STAT_UNIQUE_IPS].known,
		    "an empty cell reads as unknown");
		ok(h.rows[0].stats[STAT_TOTAL_SESSIONS].known &&
		    h.rows[0].stats[STAT_TOTAL_SESSIONS].value == 0,
		    "0 reads as a known 0");
		is_int(h.rows[1].stats[STAT_SKIPPED_LINES].value, 110,
		    "last column read");
	}
	history_free(&h);

	cause = NULL;
	is_int(history_set(&h, "2026-02-30", NULL, &cause), -1,
	    "an impossible date is refused");
	free(cause);
	cause = NULL;
	is_int(history_set(&h, "../x", NULL, &cause), -1,
	    "a non-date is refused");
	free(cause);
	history_free(&h);
	free(path);
}

static void
test_history_unsorted(const char *dir)
{
	char *path, *cause = NULL, *text;

	path = xasprintf("%s/unsorted.csv", dir);
	/* Hand-edited: rows out of order, CRLF, an editor's BOM. */
	spew(path, "\xef\xbb\xbf" "date,total_sessions,sessions_last_month,"
	    "total_apps,unique_ips,unique_ips_last_month,visits,"
	    "visits_last_month,requests,requests_last_month,crashed_sessions,"
	    "skipped_lines\r\n"
	    "2025-06-01,1,1,1,1,1,1,1,1,1,1,1\r\n"
	    "2024-02-29,2,2,2,2,2,2,2,2,2,2,2\r\n");
	ok(history_update(path, "2025-01-01", 0, 0, &cause) == 0,
	    "a hand-edited but valid history is merged: %s",
	    cause ? cause : "ok");
	text = slurp(path);
	is_str(text, HEADER
	    "2024-02-29,2,2,2,2,2,2,2,2,2,2,2\n"
	    "2025-01-01,0,1,2,3,4,5,6,7,8,9,10\n"
	    "2025-06-01,1,1,1,1,1,1,1,1,1,1,1\n",
	    "its rows come out sorted, the new one in place");
	free(text);
	free(path);
}

static void
test_history_malformed(const char *dir)
{
	static const struct {
		const char	*what, *text;
	} bad[] = {
		{ "another header", "Metric,Count\nTotal Sessions,3\n" },
		{ "a short row", HEADER "2026-12-01,1,2,3\n" },
		{ "a long row", HEADER "2026-12-01,1,2,3,4,5,6,7,8,9,10,11,"
		    "12\n" },
		{ "a bad date", HEADER "2026-13-01,1,2,3,4,5,6,7,8,9,10,11\n" },
		{ "a negative count", HEADER "2026-12-01,1,-2,3,4,5,6,7,8,9,10,"
		    "11\n" },
		{ "a word for a count", HEADER "2026-12-01,1,2,three,4,5,6,7,8,"
		    "9,10,11\n" },
		{ "a sign in a count", HEADER "2026-12-01,1,2,+3,4,5,6,7,8,9,"
		    "10,11\n" },
		{ "a date twice", HEADER "2026-12-01,1,2,3,4,5,6,7,8,9,10,11\n"
		    "2026-12-01,1,2,3,4,5,6,7,8,9,10,11\n" },
		{ "an unclosed quote", HEADER "\"2026-12-01,1,2,3,4,5,6,7,8,9,"
		    "10,11\n" },
		{ "binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" },
		{ "a count too big", HEADER "2026-12-01,1,2,3,4,5,6,7,8,9,10,"
		    "99999999999999999999999\n" },
	};
	char *path, *cause, *text;
	struct stat st;

	path = xasprintf("%s/bad-history.csv", dir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		spew(path, bad[i].text);
		cause = NULL;
		is_int(history_update(path, "2026-12-04", 1, 0, &cause), -1,
		    "%s: refused", bad[i].what);
		ok(cause != NULL && strstr(cause, path) != NULL &&
		    strstr(cause, "not replaced") != NULL,
		    "%s: the error names the file: %s", bad[i].what,
		    cause ? cause : "(none)");
		free(cause);
		text = slurp(path);
		ok(text != NULL && strncmp(text, bad[i].text,
		    strlen(bad[i].text)) == 0, "%s: the file is untouched",
		    bad[i].what);
		free(text);
	}

	/* A directory in its place is refused too, and left alone. */
	remove(path);
	mkdir(path, 0755);
	cause = NULL;
	is_int(history_update(path, "2026-12-04", 1, 0, &cause), -1,
	    "a directory named history.csv is refused");
	free(cause);
	ok(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "and left in place");
	rmdir(path);

	/* An empty file holds no history to lose. */
	spew(path, "");
	cause = NULL;
	ok(history_update(path, "2026-12-04", 1, 0, &cause) == 0,
	    "an empty file is an empty history");
	free(cause);
	free(path);
}

/* A report as collect_host leaves it. */
static void
make_report(struct host_report *r, const char *label, const char *hostname,
    int64_t base, const char *error)
{
	report_init(r, label, hostname, 0, 30);
	if (error != NULL) {
		report_fail(r, error);
		return;
	}
	make_stats(r->stats, base, 0);
}

static void
test_summary_merge(const char *dir)
{
	struct summary run = { 0 }, all;
	struct host_report r;
	char *path, *cause = NULL, *text;

	path = xasprintf("%s/summary_2026-12-04.csv", dir);
	make_report(&r, "web2", "web2.example.org", 100, NULL);
	summary_add_report(&run, &r);
	report_free(&r);
	make_report(&r, "dead", "10.0.0.9", 0,
	    "connect to 10.0.0.9 port 22:\nconnection refused");
	summary_add_report(&run, &r);
	report_free(&r);
	make_report(&r, "web1", "web1", 10, NULL);
	r.stats[STAT_UNIQUE_IPS_LAST_MONTH].known = false;
	summary_add_report(&run, &r);
	report_free(&r);
	is_int(summary_failed(&run), 1, "one failed host in the run");

	ok(summary_read(path, &all, &cause) == 0 && all.n == 0,
	    "a missing summary is empty");
	summary_merge(&all, &run);
	ok(summary_write(path, &all, &cause) == 0, "summary written");
	summary_free(&all);
	summary_free(&run);
	text = slurp(path);
	is_str(text, SHEADER
	    "dead,10.0.0.9,failed,connect to 10.0.0.9 port 22: connection "
	    "refused,,,,,,,\n"
	    "web1,web1,ok,,10,11,12,,16,18,19\n"
	    "web2,web2.example.org,ok,,100,101,102,104,106,108,109\n",
	    "sorted by host; failed has a one-line error and no counts; "
	    "unknown is empty");
	free(text);

	/* Later the same day: web1 alone, failing to write its files. */
	summary_add_failure(&run, "web1", "web1", "web1/history.csv: bad, "
	    "\"quoted\"");
	make_report(&r, "alpha", "alpha", 5, NULL);
	summary_add_report(&run, &r);
	report_free(&r);
	ok(summary_read(path, &all, &cause) == 0 && all.n == 3,
	    "the earlier summary reads back: %s", cause ? cause : "ok");
	if (all.n == 3) {
		ok(!all.rows[0].ok && all.rows[0].error != NULL &&
		    strcmp(all.rows[0].error, "connect to 10.0.0.9 port 22: "
		    "connection refused") == 0, "a failed row reads back");
		ok(!all.rows[1].stats[STAT_UNIQUE_IPS_LAST_MONTH].known,
		    "an empty cell reads back unknown");
	}
	summary_merge(&all, &run);
	ok(summary_write(path, &all, &cause) == 0, "merged summary written");
	summary_free(&all);
	summary_free(&run);
	text = slurp(path);
	is_str(text, SHEADER
	    "alpha,alpha,ok,,5,6,7,9,11,13,14\n"
	    "dead,10.0.0.9,failed,connect to 10.0.0.9 port 22: connection "
	    "refused,,,,,,,\n"
	    "web1,web1,failed,\"web1/history.csv: bad, \"\"quoted\"\"\","
	    ",,,,,,\n"
	    "web2,web2.example.org,ok,,100,101,102,104,106,108,109\n",
	    "hosts not in the run are kept, the run's replaced or added");
	free(text);

	/* The same host twice in one run: the last one counts. */
	make_report(&r, "web2", "web2", 1, NULL);
	summary_add_report(&run, &r);
	report_free(&r);
	make_report(&r, "web2", "web2", 2, NULL);
	summary_add_report(&run, &r);
	report_free(&r);
	is_int(run.n, 1, "a host is in the run once");
	is_int(run.n == 1 ? run.rows[0].stats[STAT_TOTAL_SESSIONS].value : -1,
	    2, "its latest report");
	summary_free(&run);
	free(path);
}

static void
test_summary_malformed(const char *dir)
{
	static const struct {
		const char	*what, *text;
	} bad[] = {
		{ "another header", "host,status\nweb1,ok\n" },
		{ "a bad status", SHEADER "web1,web1,maybe,,1,2,3,4,5,6,7\n" },
		{ "a host twice", SHEADER "web1,web1,ok,,1,2,3,4,5,6,7\n"
		    "web1,web1,ok,,1,2,3,4,5,6,7\n" },
		{ "no host", SHEADER ",web1,ok,,1,2,3,4,5,6,7\n" },
		{ "a short row", SHEADER "web1,web1,ok,,1\n" },
		{ "a bad count", SHEADER "web1,web1,ok,,1,2,3,x,5,6,7\n" },
		{ "a stray quote", SHEADER "web1,we\"b1,ok,,1,2,3,4,5,6,7\n" },
	};
	struct summary s;
	char *path, *cause, *text;

	path = xasprintf("%s/summary_bad.csv", dir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		spew(path, bad[i].text);
		cause = NULL;
		is_int(summary_read(path, &s, &cause), -1, "summary with %s: "
		    "refused", bad[i].what);
		ok(s.n == 0 && s.rows == NULL, "%s: nothing kept", bad[i].what);
		ok(cause != NULL && strstr(cause, path) != NULL,
		    "%s: the error names the file: %s", bad[i].what,
		    cause ? cause : "(none)");
		free(cause);
		text = slurp(path);
		is_str(text, bad[i].text, "%s: the file is untouched",
		    bad[i].what);
		free(text);
	}
	free(path);
}

/* 2024-03-05T14:02:11Z */
#define NOW	INT64_C(1709647331)

/* A report as collect_host leaves it: stats 10i+1, Unique IPs unknown,
 * no skipped lines, one app and one day. */
static void
make_full_report(struct host_report *r)
{
	report_init(r, "prod-1", "shiny.example.org", NOW, 30);
	for (int i = 0; i < STAT_COUNT; i++) {
		r->stats[i].value = 10 * i + 1;
		r->stats[i].known = true;
	}
	r->stats[STAT_UNIQUE_IPS].known = false;
	r->stats[STAT_UNIQUE_IPS_LAST_MONTH].known = false;
	r->stats[STAT_SKIPPED_LINES].value = 0;
	r->napps = 1;
	r->apps = xcalloc(1, sizeof *r->apps);
	r->apps[0].name = xstrdup("hello");
	r->apps[0].visits.known = true;
	r->apps[0].visits.value = 3;
	r->apps[0].last_seen = -1;
	r->ndays = 1;
	r->days = xcalloc(1, sizeof *r->days);
	r->days[0].year = 2024;
	r->days[0].month = 3;
	r->days[0].day = 5;
}

/* Checks the PNG signature and the IHDR size. */
static void
check_png(const char *path, uint32_t w, uint32_t h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	unsigned char b[24];
	size_t n = 0;
	FILE *fp;

	if ((fp = fopen(path, "rb")) != NULL) {
		n = fread(b, 1, sizeof b, fp);
		fclose(fp);
	}
	ok(n == 24 && memcmp(b, sig, 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0,
	    "%s: PNG with IHDR", path);
	if (n == 24) {
		is_int((uint32_t)b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19],
		    w, "%s: width", path);
		is_int((uint32_t)b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23],
		    h, "%s: height", path);
	}
}

/* Counts directory entries whose name starts with '.' (temporary files). */
static int
count_hidden(const char *dir)
{
	DIR *d;
	struct dirent *de;
	int n = 0;

	if ((d = opendir(dir)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return (n);
}

/* history.csv beside the dated files: one row per date, its chart. */
static void
test_history_output(const char *dir)
{
	struct host_report r;
	struct output_options o;
	char *path, *cause = NULL, *text, *before;
	static const char *const head = "date,total_sessions,"
	    "sessions_last_month,total_apps,unique_ips,unique_ips_last_month,"
	    "visits,visits_last_month,requests,requests_last_month,"
	    "crashed_sessions,skipped_lines\n";
	char *want;

	make_full_report(&r);
	memset(&o, 0, sizeof o);
	o.out_dir = dir;
	o.date = "2024-03-05";
	o.chart_format = CHART_PNG;
	o.charts = true;
	ok(output_host(&o, &r, &cause) == 0, "output_host: %s",
	    cause ? cause : "ok");
	ok(output_host(&o, &r, &cause) == 0, "output_host again that day");
	report_free(&r);

	path = xasprintf("%s/prod-1/history.csv", dir);
	text = slurp(path);
	want = xasprintf("%s2024-03-05,1,11,21,,,51,61,71,81,91,0\n", head);
	is_str(text, want, "history.csv: one row for a date written twice, "
	    "cells as usage_stats");
	free(text);
	free(want);
	free(path);
	path = xasprintf("%s/prod-1/history.png", dir);
	check_png(path, 1200, 700);
	free(path);

	make_full_report(&r);
	o.date = "2024-03-06";
	o.chart_format = CHART_SVG;
	r.stats[STAT_TOTAL_SESSIONS].value = 7;
	ok(output_host(&o, &r, &cause) == 0, "the next day: %s",
	    cause ? cause : "ok");
	path = xasprintf("%s/prod-1/history.csv", dir);
	text = slurp(path);
	want = xasprintf("%s2024-03-05,1,11,21,,,51,61,71,81,91,0\n"
	    "2024-03-06,7,11,21,,,51,61,71,81,91,0\n", head);
	is_str(text, want, "history.csv: the next date is added after");
	free(text);
	free(want);
	free(path);
	path = xasprintf("%s/prod-1/history.svg", dir);
	text = slurp(path);
	ok(text != NULL && strstr(text, "<svg") != NULL, "history.svg drawn");
	free(text);
	free(path);

	/* A history that cannot be read is left alone; the rest is written. */
	free(r.label);
	r.label = xstrdup("bad-history");
	o.chart_format = CHART_PNG;
	path = xasprintf("%s/bad-history", dir);
	mkdir(path, 0755);
	free(path);
	path = xasprintf("%s/bad-history/history.csv", dir);
	before = xstrdup("date,total_sessions\n2024-01-01,oops\n");
	spew(path, before);
	cause = NULL;
	is_int(output_host(&o, &r, &cause), -1,
	    "a malformed history.csv fails the host");
	ok(cause != NULL && strstr(cause, path) != NULL,
	    "the error names history.csv: %s", cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	text = slurp(path);
	is_str(text, before, "the malformed history.csv is untouched");
	free(text);
	free(before);
	free(path);
	path = xasprintf("%s/bad-history/daily_2024-03-06.png", dir);
	ok(access(path, F_OK) == 0, "the dated files were written first");
	free(path);
	path = xasprintf("%s/bad-history/history.png", dir);
	ok(access(path, F_OK) == -1, "no history chart from a bad history");
	free(path);
	path = xasprintf("%s/bad-history", dir);
	is_int(count_hidden(path), 0, "no temporary file left");
	free(path);

	/* Date axes by day, month and year; gaps; no rows at all. */
	{
		static const char *const dates[] = { "2019-01-01", "2019-01-09",
		    "2019-05-20", "2022-06-15", "2024-03-05" };
		static const size_t spans[] = { 2, 3, 5, 0 };
		struct history h = { 0 };

		for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++) {
			for (size_t i = h.n; i < spans[k]; i++) {
				history_set(&h, dates[i], r.stats, &cause);
				h.rows[i].stats[STAT_VISITS_LAST_MONTH].known =
				    i != 1;
			}
			if (spans[k] == 0)
				history_free(&h);
			path = xasprintf("%s/axis%zu.pdf", dir, k);
			ok(chart_history(path, CHART_PDF, &r, &h, &cause) == 0,
			    "history chart of %zu dates", h.n);
			free(path);
		}
	}

	/* A date that is not a date is refused before anything is written. */
	o.date = "someday";
	is_int(output_host(&o, &r, &cause), -1, "date not YYYY-MM-DD refused");
	free(cause);
	report_free(&r);
}

/* summary_DATE.csv of a run, merged with the day's earlier runs. */
static void
test_summary_output(const char *dir)
{
	struct summary run = { 0 };
	struct host_report r;
	struct output_options o;
	char *sub, *path, *cause = NULL, *text;
	static const char *const head = "host,hostname,status,error,"
	    "total_sessions,sessions_last_month,total_apps,"
	    "unique_ips_last_month,visits_last_month,requests_last_month,"
	    "crashed_sessions\n";
	char *want;

	sub = xasprintf("%s/fleet", dir);
	memset(&o, 0, sizeof o);
	o.out_dir = sub;
	o.date = "2024-03-05";
	o.chart_format = CHART_PNG;
	o.charts = true;

	make_full_report(&r);
	summary_add_report(&run, &r);
	report_free(&r);
	report_init(&r, "dead", "dead.example.org", NOW, 30);
	report_fail(&r, "connect: Connection refused");
	summary_add_report(&run, &r);
	report_free(&r);
	ok(output_summary(&o, &run, &cause) == 0, "summary written: %s",
	    cause ? cause : "ok");
	summary_free(&run);
	path = xasprintf("%s/summary_2024-03-05.csv", sub);
	text = slurp(path);
	want = xasprintf("%sdead,dead.example.org,failed,connect: Connection "
	    "refused,,,,,,,\nprod-1,shiny.example.org,ok,,1,11,21,,61,81,91\n",
	    head);
	is_str(text, want, "summary: a row per host, sorted, failed without "
	    "counts");
	free(text);
	free(want);
	free(path);
	path = xasprintf("%s/summary_2024-03-05.png", sub);
	check_png(path, 1200, 700);
	free(path);

	/* Later the same day, another host: the earlier rows stay. */
	report_init(&r, "#odd", "bad\xff name", NOW, 30);
	report_fail(&r, "line one\nline two, \"quoted\"");
	summary_add_report(&run, &r);
	report_free(&r);
	o.chart_format = CHART_PDF;
	ok(output_summary(&o, &run, &cause) == 0, "second run the same day");
	summary_free(&run);
	path = xasprintf("%s/summary_2024-03-05.csv", sub);
	text = slurp(path);
	want = xasprintf("%s#odd,bad\xff name,failed,\"line one line two, "
	    "\"\"quoted\"\"\",,,,,,,\n"
	    "dead,dead.example.org,failed,connect: Connection "
	    "refused,,,,,,,\nprod-1,shiny.example.org,ok,,1,11,21,,61,81,91\n",
	    head);
	is_str(text, want, "hosts of earlier runs kept; the error is one "
	    "quoted line");
	free(text);
	free(want);
	free(path);
	path = xasprintf("%s/summary_2024-03-05.pdf", sub);
	text = slurp(path);
	ok(text != NULL && strncmp(text, "%PDF", 4) == 0,
	    "summary PDF of hostile names");
	free(text);
	free(path);

	/* Many hosts: the page grows, text keeps its size. */
	for (int i = 0; i < 40; i++) {
		char label[16];

		snprintf(label, sizeof label, "h%02d", i);
		make_full_report(&r);
		free(r.label);
		r.label = xstrdup(label);
		if (i % 9 == 4)
			report_fail(&r, "timeout");
		summary_add_report(&run, &r);
		report_free(&r);
	}
	o.date = "2024-03-06";
	o.chart_format = CHART_PNG;
	ok(output_summary(&o, &run, &cause) == 0, "a summary of 40 hosts");
	path = xasprintf("%s/summary_2024-03-06.png", sub);
	check_png(path, 1200, 1700);
	free(path);

	/* An unreadable summary is not replaced. */
	path = xasprintf("%s/summary_2024-03-07.csv", sub);
	spew(path, "host,status\nx,\"ok\n");
	o.date = "2024-03-07";
	cause = NULL;
	is_int(output_summary(&o, &run, &cause), -1,
	    "a malformed summary is refused");
	ok(cause != NULL && strstr(cause, path) != NULL,
	    "the error names it: %s", cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	text = slurp(path);
	is_str(text, "host,status\nx,\"ok\n", "and it is untouched");
	free(text);
	free(path);

	/* Without charts, the CSV only. */
	o.date = "2024-03-08";
	o.charts = false;
	ok(output_summary(&o, &run, &cause) == 0, "CSV-only summary");
	path = xasprintf("%s/summary_2024-03-08.png", sub);
	ok(access(path, F_OK) == -1, "no summary chart with charts off");
	free(path);
	summary_free(&run);
	is_int(count_hidden(sub), 0, "no temporary file in the output dir");
	free(sub);
}

int
main(void)
{
	char tmpl[] = "/tmp/test_history.XXXXXX", *dir;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		perror("mkdtemp");
		return (99);
	}
	test_history_merge(dir);
	test_history_unsorted(dir);
	test_history_malformed(dir);
	test_summary_merge(dir);
	test_summary_malformed(dir);
	test_history_output(dir);
	test_summary_output(dir);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return (done_testing());
}

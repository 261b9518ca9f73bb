/*
 * Output files: CSV contents cell by cell (read back with out_csv_read),
 * atomic replacement, refusals, and charts in every format.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "out_chart.h"
#include "out_csv.h"
#include "output.h"
#include "report.h"
#include "xmalloc.h"

#include "tap.h"

/* 2024-03-05T14:02:11Z */
#define NOW	INT64_C(1709647331)

static const char *const weird_name = "a,b \"q\" #1";

static struct count
known(int64_t v)
{
	struct count c = { v, true };

	return (c);
}

static struct count
unknown(void)
{
	struct count c = { 0, false };

	return (c);
}

/* A report with every kind of cell: known, zero, unknown, quoted. */
static void
make_report(struct host_report *r)
{
	struct app_row *a;
	struct daily_row *d;

	report_init(r, "prod-1", "shiny.example.org", NOW, 30);
	for (int i = 0; i < STAT_COUNT; i++)
		r->stats[i] = known(10 * i + 1);
	r->stats[STAT_UNIQUE_IPS] = unknown();
	r->stats[STAT_UNIQUE_IPS_LAST_MONTH] = unknown();
	r->stats[STAT_SKIPPED_LINES] = known(0);

	r->napps = 3;
	r->apps = xcalloc(r->napps, sizeof *r->apps);
	a = &r->apps[0];
	a->name = xstrdup("hello");
	a->session_logs = known(12);
	a->session_logs_last_month = known(3);
	a->visits = known(40);
	a->visits_last_month = known(7);
	a->unique_ips = unknown();
	a->requests = known(1234567);
	a->crashed_sessions = known(1);
	a->last_seen = NOW;
	a = &r->apps[1];
	a->name = xstrdup(weird_name);
	a->session_logs = unknown();
	a->session_logs_last_month = unknown();
	a->visits = known(0);
	a->visits_last_month = known(0);
	a->unique_ips = unknown();
	a->requests = known(5);
	a->crashed_sessions = unknown();
	a->last_seen = -1;
	a = &r->apps[2];
	a->name = xstrdup("app1 (2 apps)");
	a->session_logs = known(4);
	a->session_logs_last_month = known(0);
	a->visits = unknown();
	a->visits_last_month = unknown();
	a->unique_ips = unknown();
	a->requests = unknown();
	a->crashed_sessions = known(0);
	a->last_seen = 0;

	r->ndays = 3;
	r->days = xcalloc(r->ndays, sizeof *r->days);
	for (size_t i = 0; i < r->ndays; i++) {
		d = &r->days[i];
		d->year = 2024;
		d->month = i == 0 ? 2 : 3;
		d->day = i == 0 ? 29 : (int)i;
		d->session_logs = known((int64_t)i);
		d->visits = known(10 + (int64_t)i);
		d->unique_ips = i == 1 ? unknown() : known(5);
		d->requests = known(100 * (int64_t)i);
	}
}

/* Reads a whole small file; returns an allocated string or NULL. */
static char *
slurp(const char *path, size_t *lenp)
{
	FILE *fp;
	char *buf;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	buf = xmalloc(1 << 20);
	n = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if (lenp != NULL)
		*lenp = n;
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

/* Compares one row's fields with want (NULL-terminated). */
static void
check_row(const char *what, const struct csv_row *row,
    const char *const *want)
{
	size_t n = 0;

	while (want[n] != NULL)
		n++;
	is_int(row->nfields, n, "%s: %zu fields", what, n);
	for (size_t i = 0; i < n && i < row->nfields; i++)
		is_str(row->fields[i], want[i], "%s: field %zu", what, i);
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

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return (remove(path));
}

static void
test_usage_csv(const char *dir)
{
	struct csv_row *rows;
	size_t nrows;
	char *path, *cause = NULL, *text, cell[32];
	const char *want[3];
	struct host_report r;

	make_report(&r);
	path = xasprintf("%s/prod-1/usage_stats_2024-03-05.csv", dir);
	ok(out_csv_read(path, &rows, &nrows, &cause) == 0,
	    "usage_stats read back: %s", cause ? cause : "ok");
	is_int(nrows, 1 + STAT_COUNT, "usage_stats: header + one row per stat");
	if (nrows == 1 + STAT_COUNT) {
		check_row("usage header", &rows[0],
		    (const char *[]){ "Metric", "Count", NULL });
		for (int i = 0; i < STAT_COUNT; i++) {
			if (r.stats[i].known)
				snprintf(cell, sizeof cell, "%lld",
				    (long long)r.stats[i].value);
			else
				cell[0] = '\0';
			want[0] = report_stat_name((enum stat_row)i);
			want[1] = cell;
			want[2] = NULL;
			check_row(want[0], &rows[1 + i], want);
		}
		is_str(rows[4].fields[0], "Unique IPs", "row 4 is Unique IPs");
		is_str(rows[4].fields[1], "", "unknown Unique IPs is empty");
		is_str(rows[11].fields[1], "0", "a known zero is 0");
	}
	out_csv_free_rows(rows, nrows);

	/* Plain fields stay unquoted for naive readers; "\n" ends lines. */
	text = slurp(path, NULL);
	ok(text != NULL && strncmp(text, "Metric,Count\nTotal Sessions,1\n"
	    "Sessions Last Month,11\nTotal Apps,21\nUnique IPs,\n", 75) == 0,
	    "usage_stats starts with the old script's plain layout");
	free(text);
	free(path);
	report_free(&r);
}

static void
test_apps_csv(const char *dir)
{
	struct csv_row *rows;
	size_t nrows;
	char *path, *cause = NULL, *text;

	path = xasprintf("%s/prod-1/apps_2024-03-05.csv", dir);
	ok(out_csv_read(path, &rows, &nrows, &cause) == 0,
	    "apps read back: %s", cause ? cause : "ok");
	is_int(nrows, 4, "apps: header + 3 rows");
	if (nrows == 4) {
		check_row("apps header", &rows[0], (const char *[]){ "app",
		    "session_logs", "session_logs_last_month", "visits",
		    "visits_last_month", "unique_ips", "requests",
		    "crashed_sessions", "last_seen", NULL });
		check_row("apps hello", &rows[1], (const char *[]){ "hello",
		    "12", "3", "40", "7", "", "1234567", "1",
		    "2024-03-05T14:02:11Z", NULL });
		check_row("apps weird name", &rows[2], (const char *[]){
		    weird_name, "", "", "0", "0", "", "5", "", "", NULL });
		check_row("apps ambiguous", &rows[3], (const char *[]){
		    "app1 (2 apps)", "4", "0", "", "", "", "", "0",
		    "1970-01-01T00:00:00Z", NULL });
	}
	out_csv_free_rows(rows, nrows);

	text = slurp(path, NULL);
	ok(text != NULL && strstr(text, "\n\"a,b \"\"q\"\" #1\",,,0,0,,5,,\n")
	    != NULL, "a name with a comma and quotes is quoted, RFC 4180");
	ok(text != NULL && strstr(text, "\nhello,12,3,") != NULL,
	    "a plain name is not quoted");
	free(text);
	free(path);
}

static void
test_daily_csv(const char *dir)
{
	struct csv_row *rows;
	size_t nrows;
	char *path, *cause = NULL;

	path = xasprintf("%s/prod-1/daily_2024-03-05.csv", dir);
	ok(out_csv_read(path, &rows, &nrows, &cause) == 0,
	    "daily read back: %s", cause ? cause : "ok");
	is_int(nrows, 4, "daily: header + 3 days");
	if (nrows == 4) {
		check_row("daily header", &rows[0], (const char *[]){ "date",
		    "session_logs", "visits", "unique_ips", "requests", NULL });
		check_row("daily 1", &rows[1], (const char *[]){ "2024-02-29",
		    "0", "10", "5", "0", NULL });
		check_row("daily 2", &rows[2], (const char *[]){ "2024-03-01",
		    "1", "11", "", "100", NULL });
		check_row("daily 3", &rows[3], (const char *[]){ "2024-03-02",
		    "2", "12", "5", "200", NULL });
	}
	out_csv_free_rows(rows, nrows);
	free(path);
}

/* Checks the PNG signature and the IHDR size. */
static void
check_png(const char *path, uint32_t w, uint32_t h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	unsigned char *b;
	size_t n;

	b = (unsigned char *)slurp(path, &n);
	ok(b != NULL && n > 24 && memcmp(b, sig, 8) == 0 &&
	    memcmp(b + 12, "IHDR", 4) == 0, "%s: PNG with IHDR", path);
	if (b != NULL && n > 24) {
		is_int((uint32_t)b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19],
		    w, "%s: width", path);
		is_int((uint32_t)b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23],
		    h, "%s: height", path);
	}
	free(b);
}

static void
test_charts(const char *dir)
{
	static const char *const stems[] = { "usage_stats", "apps", "daily" };
	struct host_report r;
	char *path, *cause = NULL, *text, *long_name;
	int rc;

	for (int f = CHART_PNG; f <= CHART_PDF; f++) {
		ok(chart_device_available((enum chart_format)f),
		    "plplot has the %s device", chart_format_ext(f));
		is_int(chart_format_parse(chart_format_ext(f)), f,
		    "chart format %s round-trips", chart_format_ext(f));
	}
	is_int(chart_format_parse("gif"), -1, "gif is not a chart format");
	ok(chart_format_ext((enum chart_format)7) == NULL,
	    "no extension outside the enum");

	for (size_t i = 0; i < 3; i++) {
		path = xasprintf("%s/prod-1/%s_2024-03-05.png", dir, stems[i]);
		check_png(path, 1200, 700);
		free(path);
	}

	make_report(&r);
	path = xasprintf("%s/u.svg", dir);
	ok(chart_usage(path, CHART_SVG, &r, "2024-03-05", &cause) == 0,
	    "SVG usage chart");
	text = slurp(path, NULL);
	ok(text != NULL && (strncmp(text, "<?xml", 5) == 0 ||
	    strncmp(text, "<svg", 4) == 0), "SVG file starts as SVG");
	free(text);
	free(path);
	path = xasprintf("%s/d.pdf", dir);
	ok(chart_daily(path, CHART_PDF, &r, "2024-03-05", &cause) == 0,
	    "PDF daily chart");
	text = slurp(path, NULL);
	ok(text != NULL && strncmp(text, "%PDF", 4) == 0, "PDF starts %%PDF");
	free(text);
	free(path);

	/* Hostile names: '#' at the end, bad UTF-8, controls, very long. */
	free(r.apps[0].name);
	r.apps[0].name = xstrdup("trailing#");
	free(r.apps[1].name);
	r.apps[1].name = xstrdup("bad\xff\xfe utf8 \xe2\x82 \x1b[31m#");
	long_name = xmalloc(5001);
	memset(long_name, 'x', 5000);
	long_name[5000] = '\0';
	free(r.apps[2].name);
	r.apps[2].name = long_name;
	free(r.hostname);
	r.hostname = xstrdup("host#name");
	path = xasprintf("%s/hostile.png", dir);
	ok(chart_apps(path, CHART_PNG, &r, "2024-03-05", &cause) == 0,
	    "apps chart of hostile names");
	check_png(path, 1200, 700);
	free(path);

	/* Everything unknown, no apps, no days: charts still draw. */
	for (int i = 0; i < STAT_COUNT; i++)
		r.stats[i] = unknown();
	for (size_t i = 0; i < r.ndays; i++) {
		r.days[i].visits = unknown();
		r.days[i].unique_ips = unknown();
		r.days[i].requests = unknown();
	}
	path = xasprintf("%s/unknown.png", dir);
	ok(chart_daily(path, CHART_PNG, &r, "2024-03-05", &cause) == 0 &&
	    chart_usage(path, CHART_PNG, &r, "2024-03-05", &cause) == 0,
	    "charts with unknown series");
	r.napps = 0;
	r.ndays = 0;
	ok(chart_apps(path, CHART_PNG, &r, "2024-03-05", &cause) == 0 &&
	    chart_daily(path, CHART_PNG, &r, "2024-03-05", &cause) == 0,
	    "charts with no apps and no days");
	r.napps = 3;
	r.ndays = 3;
	free(path);

	/* plplot would exit() on these; we must return -1 instead. */
	cause = NULL;
	rc = chart_usage("/nonexistent-su-test/a/b/u.png", CHART_PNG, &r,
	    "2024-03-05", &cause);
	is_int(rc, -1, "chart into a missing directory fails");
	ok(cause != NULL && strstr(cause, "/nonexistent-su-test/a/b/u.png") !=
	    NULL, "cause names the file: %s", cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	path = xasprintf("%s/bad%%n.png", dir);
	is_int(chart_usage(path, CHART_PNG, &r, "2024-03-05", &cause), -1,
	    "a file name with %%n is refused (plplot would rename it)");
	free(cause);
	free(path);
	report_free(&r);
}

/*
 * A write that fails half way (file size limit, as a full disk would)
 * leaves the earlier file whole and no temporary file behind.
 */
static void
test_failed_write_keeps_old(const char *dir)
{
	struct host_report r;
	struct rlimit old, lim;
	char *sub, *path, *chart, *cause = NULL, *text;
	int rc1, rc2;

	make_report(&r);
	r.apps = xreallocarray(r.apps, 2000, sizeof *r.apps);
	for (size_t i = r.napps; i < 2000; i++) {
		r.apps[i] = r.apps[0];
		r.apps[i].name = xasprintf("app-%zu-with-a-long-name-to-fill-"
		    "the-file", i);
	}
	r.napps = 2000;

	sub = xasprintf("%s/keep", dir);
	mkdir(sub, 0755);
	path = xasprintf("%s/apps.csv", sub);
	chart = xasprintf("%s/u.png", sub);
	spew(path, "old contents\n");
	spew(chart, "old chart\n");

	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 16384;
	setrlimit(RLIMIT_FSIZE, &lim);
	rc1 = out_csv_apps(path, &r, &cause);
	free(cause);
	cause = NULL;
	rc2 = chart_apps(chart, CHART_PNG, &r, "2024-03-05", &cause);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);

	is_int(rc1, -1, "CSV larger than the file size limit fails");
	is_int(rc2, -1, "chart larger than the file size limit fails: %s",
	    cause ? cause : "(no cause)");
	free(cause);
	text = slurp(path, NULL);
	is_str(text, "old contents\n", "the earlier CSV is intact");
	free(text);
	text = slurp(chart, NULL);
	is_str(text, "old chart\n", "the earlier chart is intact");
	free(text);
	free(chart);
	is_int(count_hidden(sub), 0, "no temporary file left after failures");

	/* And a successful write replaces it. */
	cause = NULL;
	r.napps = 3;
	ok(out_csv_apps(path, &r, &cause) == 0, "rewrite succeeds");
	text = slurp(path, NULL);
	ok(text != NULL && strncmp(text, "app,session_logs,", 17) == 0,
	    "the new file replaced the old one");
	free(text);
	free(path);
	free(sub);
	r.napps = 2000;
	report_free(&r);
}

static void
test_output_refusals(const char *dir)
{
	struct host_report r;
	struct output_options o;
	char *file, *cause = NULL;

	make_report(&r);
	memset(&o, 0, sizeof o);
	o.date = "2024-03-05";
	o.chart_format = CHART_PNG;
	o.charts = true;

	file = xasprintf("%s/plainfile", dir);
	spew(file, "x");
	o.out_dir = file;
	is_int(output_host(&o, &r, &cause), -1, "out_dir is a regular file");
	ok(cause != NULL && strstr(cause, file) != NULL,
	    "cause names it: %s", cause ? cause : "(none)");
	free(cause);
	cause = NULL;

	free(file);
	file = xasprintf("%s/no/such/nested", dir);
	o.out_dir = file;
	is_int(output_host(&o, &r, &cause), -1, "nested missing out_dir");
	free(cause);
	cause = NULL;
	free(file);

	o.out_dir = dir;
	free(r.label);
	r.label = xstrdup("../escape");
	is_int(output_host(&o, &r, &cause), -1, "label with '/' refused");
	free(cause);
	cause = NULL;
	free(r.label);
	r.label = xstrdup(".hidden");
	is_int(output_host(&o, &r, &cause), -1, "label starting '.' refused");
	free(cause);
	cause = NULL;
	free(r.label);
	r.label = xstrdup("failed-host");
	report_fail(&r, "connection refused");
	is_int(output_host(&o, &r, &cause), -1, "a failed report is refused");
	ok(cause != NULL && strstr(cause, "connection refused") != NULL,
	    "cause carries the host error");
	free(cause);
	report_free(&r);

	/* Without charts only the three CSV files are written. */
	make_report(&r);
	free(r.label);
	r.label = xstrdup("csv-only");
	o.charts = false;
	cause = NULL;
	ok(output_host(&o, &r, &cause) == 0, "CSV-only output");
	file = xasprintf("%s/csv-only/usage_stats_2024-03-05.png", dir);
	ok(access(file, F_OK) == -1, "no chart when charts are off");
	free(file);
	file = xasprintf("%s/csv-only/history.csv", dir);
	ok(access(file, F_OK) == 0, "history.csv without charts");
	free(file);
	file = xasprintf("%s/csv-only/history.png", dir);
	ok(access(file, F_OK) == -1, "no history chart when charts are off");
	free(file);
	report_free(&r);
}

static void
test_csv_read(const char *dir)
{
	struct csv_row *rows;
	size_t nrows;
	char *path, *cause = NULL;
	static const char *const bad[] = {
		"a,\"unterminated\n",
		"a,b\"c\n",
		"\"a\"x,b\n",
	};

	path = xasprintf("%s/in.csv", dir);
	spew(path, "h1,h2,h3\r\n\"multi\nline\",,\" sp \"\r\nlast,row,x");
	ok(out_csv_read(path, &rows, &nrows, &cause) == 0, "valid CSV reads");
	is_int(nrows, 3, "three records (CRLF, no final newline)");
	if (nrows == 3) {
		check_row("quoted", &rows[1], (const char *[]){ "multi\nline",
		    "", " sp ", NULL });
		check_row("last", &rows[2], (const char *[]){ "last", "row",
		    "x", NULL });
	}
	out_csv_free_rows(rows, nrows);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		spew(path, bad[i]);
		is_int(out_csv_read(path, &rows, &nrows, &cause), -1,
		    "malformed CSV %zu refused", i);
		ok(cause != NULL && strstr(cause, path) != NULL,
		    "cause names the file: %s", cause ? cause : "(none)");
		ok(rows == NULL && nrows == 0, "no rows on failure");
		free(cause);
	}
	cause = NULL;
	free(path);
	path = xasprintf("%s/missing.csv", dir);
	is_int(out_csv_read(path, &rows, &nrows, &cause), -1,
	    "missing file refused");
	free(cause);
	free(path);
}

static void
test_atomicfile(const char *dir)
{
	struct atomic_file af;
	char *path, *cause = NULL, *text;
	struct stat st;

	path = xasprintf("%s/atomic.txt", dir);
	spew(path, "before\n");
	ok(atomic_open(&af, path, &cause) == 0, "atomic_open");
	fputs("after\n", af.fp);
	is_str(text = slurp(path, NULL), "before\n",
	    "the final name is untouched until commit");
	free(text);
	is_int(count_hidden(dir), 1, "one temporary file while writing");
	ok(atomic_commit(&af, &cause) == 0, "atomic_commit");
	is_str(text = slurp(path, NULL), "after\n", "committed");
	free(text);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "mode 0644");

	ok(atomic_open(&af, path, &cause) == 0, "atomic_open again");
	fputs("aborted\n", af.fp);
	atomic_abort(&af);
	is_str(text = slurp(path, NULL), "after\n", "abort keeps the old file");
	free(text);
	is_int(count_hidden(dir), 0, "abort removes the temporary file");

	/* Committing onto a non-empty directory fails and cleans up. */
	free(path);
	path = xasprintf("%s/adir", dir);
	mkdir(path, 0755);
	text = xasprintf("%s/adir/inside", dir);
	spew(text, "x");
	free(text);
	ok(atomic_open(&af, path, &cause) == 0, "atomic_open over a dir");
	fputs("data\n", af.fp);
	is_int(atomic_commit(&af, &cause), -1, "rename onto a directory fails");
	ok(cause != NULL && strstr(cause, path) != NULL,
	    "cause names the file: %s", cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	is_int(count_hidden(dir), 0, "failed commit removes the temporary");

	is_int(atomic_open(&af, "/nonexistent-su-test/x", &cause), -1,
	    "atomic_open in a missing directory fails");
	free(cause);
	cause = NULL;
	is_int(atomic_open(&af, "", &cause), -1, "empty path refused");
	free(cause);
	free(path);
}

/* A signal while a file is being written removes its temporary file
 * and ends the process with that signal; the old file stays. */
static void
test_signal_cleanup(const char *dir)
{
	char *path = xasprintf("%s/keep.csv", dir);
	pid_t pid;
	int status = 0;

	spew(path, "old\n");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct atomic_file af;
		char *cause = NULL;

		atomic_cleanup_on_signals();
		if (atomic_open(&af, path, &cause) != 0)
			_exit(3);
		fputs("half", af.fp);
		fflush(af.fp);
		raise(SIGTERM);
		_exit(4);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid, "child ran");
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	    "the writer died of SIGTERM");
	is_int(count_hidden(dir), 0, "its temporary file was removed");
	{
		size_t len;
		char *got = slurp(path, &len);

		is_str(got, "old\n", "the old file is untouched");
		free(got);
	}
	free(path);
}

int
main(void)
{
	struct host_report r;
	struct output_options o;
	char tmpl[] = "/tmp/test_output.XXXXXX", *dir, *sub, *cause = NULL;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		perror("mkdtemp");
		return (99);
	}

	make_report(&r);
	memset(&o, 0, sizeof o);
	o.out_dir = dir;
	o.date = "2024-03-05";
	o.chart_format = CHART_PNG;
	o.charts = true;
	ok(output_host(&o, &r, &cause) == 0, "output_host writes everything: %s",
	    cause ? cause : "ok");
	free(cause);
	cause = NULL;
	/* A second run the same day replaces the files. */
	ok(output_host(&o, &r, &cause) == 0, "output_host again");
	free(cause);
	report_free(&r);

	sub = xasprintf("%s/prod-1", dir);
	is_int(count_hidden(sub), 0, "no temporary files in the host dir");
	free(sub);

	test_usage_csv(dir);
	test_apps_csv(dir);
	test_daily_csv(dir);
	test_charts(dir);
	test_failed_write_keeps_old(dir);
	test_output_refusals(dir);
	test_csv_read(dir);

	sub = xasprintf("%s/atomic", dir);
	mkdir(sub, 0755);
	test_atomicfile(sub);
	free(sub);

	sub = xasprintf("%s/signal", dir);
	mkdir(sub, 0755);
	test_signal_cleanup(sub);
	free(sub);

	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return (done_testing());
}

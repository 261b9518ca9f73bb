/* `report`: CSV files back into host reports, then charts. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "history.h"
#include "log.h"
#include "out_chart.h"
#include "out_csv.h"
#include "redraw.h"
#include "summary.h"
#include "tz.h"
#include "xmalloc.h"

static int
read_csv(const char *dir, const char *kind, const char *date,
    struct csv_row **rows, size_t *n, size_t want_fields, char **cause)
{
	char *path = xasprintf("%s/%s_%s.csv", dir, kind, date);
	int rc = out_csv_read(path, rows, n, cause);

	for (size_t i = 0; rc == 0 && i < *n; i++)
		if ((*rows)[i].nfields != want_fields) {
			*cause = xasprintf("%s: row %zu has %zu fields, not %zu",
			    path, i + 1, (*rows)[i].nfields, want_fields);
			out_csv_free_rows(*rows, *n);
			rc = -1;
		}
	free(path);
	return rc;
}

static int
load_usage(const char *dir, const char *date, struct host_report *r,
    char **cause)
{
	struct csv_row *rows;
	size_t n;

	if (read_csv(dir, "usage_stats", date, &rows, &n, 2, cause) != 0)
		return -1;
	for (size_t i = 1; i < n; i++)
		for (int s = 0; s < STAT_COUNT; s++)
			if (strcmp(rows[i].fields[0], report_stat_name(s)) == 0 &&
			    out_csv_parse_count(rows[i].fields[1], &r->stats[s]) != 0) {
				*cause = xasprintf("%s/usage_stats_%s.csv: bad "
				    "count for %s", dir, date,
				    rows[i].fields[0]);
				out_csv_free_rows(rows, n);
				return -1;
			}
	out_csv_free_rows(rows, n);
	return 0;
}

static int
load_apps(const char *dir, const char *date, struct host_report *r,
    char **cause)
{
	struct csv_row *rows;
	size_t n;
	struct tz *utc = tz_utc();

	if (read_csv(dir, "apps", date, &rows, &n, 9, cause) != 0) {
		tz_free(utc);
		return -1;
	}
	r->apps = xcalloc(n, sizeof *r->apps);
	for (size_t i = 1; i < n; i++) {
		struct app_row *a = &r->apps[r->napps];
		char **f = rows[i].fields;

		a->name = xstrdup(f[0]);
		r->napps++;
		if (out_csv_parse_count(f[1], &a->session_logs) != 0 ||
		    out_csv_parse_count(f[2], &a->session_logs_last_month) != 0 ||
		    out_csv_parse_count(f[3], &a->visits) != 0 ||
		    out_csv_parse_count(f[4], &a->visits_last_month) != 0 ||
		    out_csv_parse_count(f[5], &a->unique_ips) != 0 ||
		    out_csv_parse_count(f[6], &a->requests) != 0 ||
		    out_csv_parse_count(f[7], &a->crashed_sessions) != 0 ||
		    (*f[8] != '\0' &&
		    tz_parse_iso8601(f[8], utc, &a->last_seen) != 0)) {
			*cause = xasprintf("%s/apps_%s.csv: bad row %zu", dir,
			    date, i + 1);
			out_csv_free_rows(rows, n);
			tz_free(utc);
			return -1;
		}
		if (*f[8] == '\0')
			a->last_seen = -1;
	}
	out_csv_free_rows(rows, n);
	tz_free(utc);
	return 0;
}

static int
load_daily(const char *dir, const char *date, struct host_report *r,
    char **cause)
{
	struct csv_row *rows;
	size_t n;

	if (read_csv(dir, "daily", date, &rows, &n, 5, cause) != 0)
		return -1;
	r->days = xcalloc(n, sizeof *r->days);
	for (size_t i = 1; i < n; i++) {
		struct daily_row *d = &r->days[r->ndays++];
		char **f = rows[i].fields;
		char tail;

		if (sscanf(f[0], "%4d-%2d-%2d%c", &d->year, &d->month, &d->day,
		    &tail) != 3 ||
		    out_csv_parse_count(f[1], &d->session_logs) != 0 ||
		    out_csv_parse_count(f[2], &d->visits) != 0 ||
		    out_csv_parse_count(f[3], &d->unique_ips) != 0 ||
		    out_csv_parse_count(f[4], &d->requests) != 0) {
			*cause = xasprintf("%s/daily_%s.csv: bad row %zu", dir,
			    date, i + 1);
			out_csv_free_rows(rows, n);
			return -1;
		}
	}
	out_csv_free_rows(rows, n);
	return 0;
}

/*
 * Redraws <dir>/history.<ext> from history.csv; a host collected before
 * there was a history has none, which is not an error. Returns 0, or -1
 * with *cause.
 */
static int
redraw_history(const char *dir, const struct host_report *r, int format,
    char **cause)
{
	struct history h;
	char *path;
	int rc;

	path = xasprintf("%s/%s", dir, HISTORY_FILE);
	if (access(path, F_OK) == -1 && errno == ENOENT) {
		log_debug(r->label, "%s: none, no history chart", path);
		free(path);
		return 0;
	}
	rc = history_read(path, &h, cause);
	free(path);
	if (rc != 0)
		return -1;
	path = xasprintf("%s/history.%s", dir, chart_format_ext(format));
	rc = chart_history(path, format, r, &h, cause);
	free(path);
	history_free(&h);
	return rc;
}

/*
 * Redraws <out_dir>/summary_DATE.<ext> when summary_DATE.csv exists.
 * Returns 0, or -1 (logged).
 */
static int
redraw_summary(const char *out_dir, const char *date, int format)
{
	struct summary s;
	char *path, *cause = NULL;
	int rc;

	path = xasprintf("%s/summary_%s.csv", out_dir, date);
	if (access(path, F_OK) == -1 && errno == ENOENT) {
		free(path);
		return 0;
	}
	rc = summary_read(path, &s, &cause);
	free(path);
	if (rc == 0) {
		path = xasprintf("%s/summary_%s.%s", out_dir, date,
		    chart_format_ext(format));
		rc = chart_summary(path, format, &s, date, &cause);
		free(path);
		summary_free(&s);
	}
	if (rc != 0) {
		log_error(NULL, "%s", cause);
		free(cause);
	}
	return rc;
}

static int
redraw_one(const char *out_dir, const char *label, const char *date,
    int format)
{
	struct host_report r;
	char *dir, *path, *cause = NULL;
	const char *ext = chart_format_ext(format);
	int rc;

	if (!config_label_valid(label)) {
		log_error(label, "not a host label");
		return -1;
	}
	dir = xasprintf("%s/%s", out_dir, label);
	report_init(&r, label, label, 0, 0);
	rc = load_usage(dir, date, &r, &cause);
	if (rc == 0)
		rc = load_apps(dir, date, &r, &cause);
	if (rc == 0)
		rc = load_daily(dir, date, &r, &cause);
	if (rc == 0) {
		path = xasprintf("%s/usage_stats_%s.%s", dir, date, ext);
		rc = chart_usage(path, format, &r, date, &cause);
		free(path);
	}
	if (rc == 0) {
		path = xasprintf("%s/apps_%s.%s", dir, date, ext);
		rc = chart_apps(path, format, &r, date, &cause);
		free(path);
	}
	if (rc == 0) {
		path = xasprintf("%s/daily_%s.%s", dir, date, ext);
		rc = chart_daily(path, format, &r, date, &cause);
		free(path);
	}
	if (rc != 0) {
		log_error(label, "%s", cause);
		free(cause);
		cause = NULL;
	}
	/* The history is not the date's: it is redrawn either way. */
	if (redraw_history(dir, &r, format, &cause) != 0) {
		log_error(label, "%s", cause);
		free(cause);
		rc = -1;
	}
	report_free(&r);
	free(dir);
	return rc;
}

int
redraw_reports(const char *out_dir, const char *date, int format,
    char *const labels[], size_t n)
{
	struct strlist found = { 0 };
	int rc = 0;

	if (!chart_device_available(format)) {
		log_error(NULL, "plplot has no %scairo device: install it with "
		    "'apt-get install plplot-driver-cairo'",
		    chart_format_ext(format));
		return -1;
	}
	if (n == 0) {
		DIR *d = opendir(out_dir);
		struct dirent *de;

		if (d == NULL) {
			log_error(NULL, "cannot open %s: %s", out_dir,
			    strerror(errno));
			return -1;
		}
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.' && de->d_type == DT_DIR)
				strlist_add(&found, de->d_name);
		closedir(d);
		labels = found.v;
		n = found.n;
		if (n == 0)
			log_warn(NULL, "no host directories under %s", out_dir);
	}
	for (size_t i = 0; i < n; i++)
		if (redraw_one(out_dir, labels[i], date, format) != 0)
			rc = -1;
	if (redraw_summary(out_dir, date, format) != 0)
		rc = -1;
	strlist_clear(&found);
	return rc;
}

/*
 * CSV files written and read with libcsv. A field is quoted only when it
 * has to be (csv_fwrite always quotes), so "Metric,Count" files stay
 * readable by naive tools such as the old script's readers and `cut -d,`.
 * Records end with "\n", not RFC 4180's "\r\n": the old script wrote
 * "\n", and every CSV reader (R's read.csv, Python's csv, libcsv) takes
 * both.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <csv.h>

#include "atomicfile.h"
#include "out_csv.h"
#include "xmalloc.h"

/* Room for an int64 or an ISO-8601 time. */
#define CELL_MAX 32

/*
 * True when a field must be quoted: it holds a separator, a quote or a
 * line break, or starts or ends with a blank that readers would trim.
 */
static bool
out_csv_needs_quotes(const char *s)
{
	size_t len = strlen(s);

	if (len == 0)
		return (false);
	if (strpbrk(s, ",\"\r\n") != NULL)
		return (true);
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t')
		return (true);
	return (false);
}

int
out_csv_field(FILE *fp, const char *s, bool first)
{
	if (!first && fputc(',', fp) == EOF)
		return (-1);
	if (out_csv_needs_quotes(s))
		return (csv_fwrite(fp, s, strlen(s)) == 0 ? 0 : -1);
	return (fputs(s, fp) == EOF ? -1 : 0);
}

/* Writes fields[0..n) as one record. Returns 0 or -1. */
static int
out_csv_record(FILE *fp, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (out_csv_field(fp, fields[i], i == 0) != 0)
			return (-1);
	}
	return (fputc('\n', fp) == EOF ? -1 : 0);
}

int
out_csv_parse_count(const char *s, struct count *c)
{
	char *end;
	long long v;

	c->known = false;
	c->value = 0;
	if (*s == '\0')
		return (0);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return (-1);
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return (-1);
	c->value = v;
	c->known = true;
	return (0);
}

/* Formats a count into buf: its value, or "" when unknown. */
static const char *
out_csv_count(char *buf, size_t size, struct count c)
{
	if (!c.known)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%" PRId64, c.value);
	return (buf);
}

/* Formats t as "YYYY-MM-DDTHH:MM:SSZ", or "" when t < 0 or unrepresentable. */
static const char *
out_csv_time(char *buf, size_t size, int64_t t)
{
	struct tm tm;
	time_t tt;

	buf[0] = '\0';
	if (t < 0 || (int64_t)(tt = (time_t)t) != t)
		return (buf);
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		buf[0] = '\0';
	return (buf);
}

/*
 * Finishes a file started with atomic_open: commits on success, removes
 * the temporary file when a write failed (write_error is its errno).
 * Returns 0, or -1 with *cause.
 */
static int
out_csv_finish(struct atomic_file *af, int write_error, char **cause)
{
	if (write_error != 0) {
		*cause = xasprintf("%s: write: %s", af->path,
		    strerror(write_error));
		atomic_abort(af);
		return (-1);
	}
	return (atomic_commit(af, cause));
}

int
out_csv_usage(const char *path, const struct host_report *r, char **cause)
{
	struct atomic_file af;
	static const char *const header[] = { "Metric", "Count" };
	const char *row[2];
	char cell[CELL_MAX];
	int error = 0;

	if (atomic_open(&af, path, cause) != 0)
		return (-1);
	if (out_csv_record(af.fp, header, 2) != 0)
		error = errno != 0 ? errno : EIO;
	for (int i = 0; !error && i < STAT_COUNT; i++) {
		row[0] = report_stat_name((enum stat_row)i);
		row[1] = out_csv_count(cell, sizeof cell, r->stats[i]);
		if (out_csv_record(af.fp, row, 2) != 0)
			error = errno != 0 ? errno : EIO;
	}
	return (out_csv_finish(&af, error, cause));
}

int
out_csv_apps(const char *path, const struct host_report *r, char **cause)
{
	struct atomic_file af;
	static const char *const header[] = { "app", "session_logs",
	    "session_logs_last_month", "visits", "visits_last_month",
	    "unique_ips", "requests", "crashed_sessions", "last_seen" };
	const char *row[9];
	char cells[8][CELL_MAX];
	const struct app_row *a;
	int error = 0;

	if (atomic_open(&af, path, cause) != 0)
		return (-1);
	if (out_csv_record(af.fp, header, 9) != 0)
		error = errno != 0 ? errno : EIO;
	for (size_t i = 0; !error && i < r->napps; i++) {
		a = &r->apps[i];
		row[0] = a->name != NULL ? a->name : "";
		row[1] = out_csv_count(cells[0], CELL_MAX, a->session_logs);
		row[2] = out_csv_count(cells[1], CELL_MAX,
		    a->session_logs_last_month);
		row[3] = out_csv_count(cells[2], CELL_MAX, a->visits);
		row[4] = out_csv_count(cells[3], CELL_MAX,
		    a->visits_last_month);
		row[5] = out_csv_count(cells[4], CELL_MAX, a->unique_ips);
		row[6] = out_csv_count(cells[5], CELL_MAX, a->requests);
		row[7] = out_csv_count(cells[6], CELL_MAX, a->crashed_sessions);
		row[8] = out_csv_time(cells[7], CELL_MAX, a->last_seen);
		if (out_csv_record(af.fp, row, 9) != 0)
			error = errno != 0 ? errno : EIO;
	}
	return (out_csv_finish(&af, error, cause));
}

int
out_csv_daily(const char *path, const struct host_report *r, char **cause)
{
	struct atomic_file af;
	static const char *const header[] = { "date", "session_logs",
	    "visits", "unique_ips", "requests" };
	const char *row[5];
	char cells[5][CELL_MAX];
	const struct daily_row *d;
	int error = 0;

	if (atomic_open(&af, path, cause) != 0)
		return (-1);
	if (out_csv_record(af.fp, header, 5) != 0)
		error = errno != 0 ? errno : EIO;
	for (size_t i = 0; !error && i < r->ndays; i++) {
		d = &r->days[i];
		snprintf(cells[0], CELL_MAX, "%04d-%02d-%02d", d->year,
		    d->month, d->day);
		row[0] = cells[0];
		row[1] = out_csv_count(cells[1], CELL_MAX, d->session_logs);
		row[2] = out_csv_count(cells[2], CELL_MAX, d->visits);
		row[3] = out_csv_count(cells[3], CELL_MAX, d->unique_ips);
		row[4] = out_csv_count(cells[4], CELL_MAX, d->requests);
		if (out_csv_record(af.fp, row, 5) != 0)
			error = errno != 0 ? errno : EIO;
	}
	return (out_csv_finish(&af, error, cause));
}

/* Parser state shared by the libcsv callbacks. */
struct out_csv_reader {
	struct csv_row	*rows;
	size_t		 nrows;
	size_t		 cap;
	struct csv_row	 cur;		/* the record being read */
	size_t		 curcap;
};

/* libcsv calls this per field; its buffer moves, so the field is copied. */
static void
out_csv_cb_field(void *s, size_t len, void *data)
{
	struct out_csv_reader *rd = data;
	char *copy;

	copy = xmalloc(len + 1);
	if (len > 0)
		memcpy(copy, s, len);
	copy[len] = '\0';
	if (rd->cur.nfields == rd->curcap) {
		rd->curcap = rd->curcap == 0 ? 16 : rd->curcap * 2;
		rd->cur.fields = xreallocarray(rd->cur.fields, rd->curcap,
		    sizeof *rd->cur.fields);
	}
	rd->cur.fields[rd->cur.nfields++] = copy;
}

/* libcsv calls this at the end of each record. */
static void
out_csv_cb_record(int c, void *data)
{
	struct out_csv_reader *rd = data;

	if (rd->nrows == rd->cap) {
		rd->cap = rd->cap == 0 ? 16 : rd->cap * 2;
		rd->rows = xreallocarray(rd->rows, rd->cap, sizeof *rd->rows);
	}
	rd->rows[rd->nrows++] = rd->cur;
	memset(&rd->cur, 0, sizeof rd->cur);
	rd->curcap = 0;
}

int
out_csv_read(const char *path, struct csv_row **rows, size_t *nrows,
    char **cause)
{
	struct csv_parser p;
	struct out_csv_reader rd;
	FILE *fp;
	char buf[65536];
	size_t n;
	int error = 0;

	*rows = NULL;
	*nrows = 0;
	if ((fp = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(fp);
		*cause = xasprintf("%s: cannot start the CSV parser", path);
		return (-1);
	}
	memset(&rd, 0, sizeof rd);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (csv_parse(&p, buf, n, out_csv_cb_field, out_csv_cb_record,
		    &rd) != n) {
			*cause = xasprintf("%s: malformed CSV in record %zu: %s",
			    path, rd.nrows + 1, csv_strerror(csv_error(&p)));
			error = 1;
			break;
		}
	}
	if (!error && ferror(fp)) {
		*cause = xasprintf("%s: read: %s", path, strerror(errno));
		error = 1;
	}
	if (!error && csv_fini(&p, out_csv_cb_field, out_csv_cb_record,
	    &rd) != 0) {
		*cause = xasprintf("%s: malformed CSV at the end (record %zu): "
		    "%s", path, rd.nrows + 1, csv_strerror(csv_error(&p)));
		error = 1;
	}
	csv_free(&p);
	fclose(fp);

	/* A record cut short by an error is not a row. */
	for (size_t i = 0; i < rd.cur.nfields; i++)
		free(rd.cur.fields[i]);
	free(rd.cur.fields);
	if (error) {
		out_csv_free_rows(rd.rows, rd.nrows);
		return (-1);
	}
	*rows = rd.rows;
	*nrows = rd.nrows;
	return (0);
}

void
out_csv_free_rows(struct csv_row *rows, size_t nrows)
{
	if (rows == NULL)
		return;
	for (size_t i = 0; i < nrows; i++) {
		for (size_t j = 0; j < rows[i].nfields; j++)
			free(rows[i].fields[j]);
		free(rows[i].fields);
	}
	free(rows);
}

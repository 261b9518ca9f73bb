/*
 * The fleet summary: one row per host and day, kept across runs of the
 * same day so collecting one host later does not erase the others. Read
 * strictly: a file that cannot be read is reported and left as it is.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "out_csv.h"
#include "summary.h"
#include "xmalloc.h"

/* The count columns and the stat each comes from. */
static const struct {
	const char	*name;
	enum stat_row	 stat;
} summary_counts[] = {
	{ "total_sessions", STAT_TOTAL_SESSIONS },
	{ "sessions_last_month", STAT_SESSIONS_LAST_MONTH },
	{ "total_apps", STAT_TOTAL_APPS },
	{ "unique_ips_last_month", STAT_UNIQUE_IPS_LAST_MONTH },
	{ "visits_last_month", STAT_VISITS_LAST_MONTH },
	{ "requests_last_month", STAT_REQUESTS_LAST_MONTH },
	{ "crashed_sessions", STAT_CRASHED_SESSIONS },
};
#define SUMMARY_NCOUNTS	(sizeof summary_counts / sizeof summary_counts[0])
static const char *const summary_head[] = { "host", "hostname", "status",
    "error" };
#define SUMMARY_NHEAD	(sizeof summary_head / sizeof summary_head[0])
#define SUMMARY_NFIELDS	(SUMMARY_NHEAD + SUMMARY_NCOUNTS)

/*
 * An error message as one line: line breaks, tabs and other control
 * characters become spaces, runs of them one space, no blank at either
 * end. Returns an allocated string.
 */
static char *
summary_one_line(const char *in)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	char *out = xmalloc(strlen((const char *)s) + 1);
	size_t o = 0;
	bool blank = true;	/* at the start, blanks are dropped */

	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7f || *s == ' ') {
			if (!blank)
				out[o++] = ' ';
			blank = true;
			continue;
		}
		out[o++] = (char)*s;
		blank = false;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return (out);
}

static void
summary_row_free(struct summary_row *row)
{
	free(row->host);
	free(row->hostname);
	free(row->error);
	memset(row, 0, sizeof *row);
}

static void
summary_row_copy(struct summary_row *to, const struct summary_row *from)
{
	*to = *from;
	to->host = xstrdup(from->host);
	to->hostname = xstrdup(from->hostname);
	to->error = from->error ? xstrdup(from->error) : NULL;
}

/* Returns the row of host, or NULL. */
static struct summary_row *
summary_find(const struct summary *s, const char *host)
{
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->rows[i].host, host) == 0)
			return (&s->rows[i]);
	}
	return (NULL);
}

/* Returns host's row emptied for reuse, or a new empty row at the end. */
static struct summary_row *
summary_slot(struct summary *s, const char *host)
{
	struct summary_row *row;

	if ((row = summary_find(s, host)) != NULL) {
		summary_row_free(row);
		return (row);
	}
	s->rows = xreallocarray(s->rows, s->n + 1, sizeof *s->rows);
	row = &s->rows[s->n++];
	memset(row, 0, sizeof *row);
	return (row);
}

void
summary_add_report(struct summary *s, const struct host_report *r)
{
	struct summary_row *row;
	const char *label = r->label ? r->label : "";

	row = summary_slot(s, label);
	row->host = xstrdup(label);
	row->hostname = xstrdup(r->hostname ? r->hostname : label);
	row->ok = r->ok;
	if (!r->ok) {
		row->error = summary_one_line(r->error ? r->error :
		    "collection failed");
		return;
	}
	for (size_t i = 0; i < SUMMARY_NCOUNTS; i++)
		row->stats[summary_counts[i].stat] =
		    r->stats[summary_counts[i].stat];
}

void
summary_add_failure(struct summary *s, const char *label,
    const char *hostname, const char *error)
{
	struct summary_row *row;

	label = label ? label : "";
	row = summary_slot(s, label);
	row->host = xstrdup(label);
	row->hostname = xstrdup(hostname ? hostname : label);
	row->ok = false;
	row->error = summary_one_line(error ? error : "failed");
}

static bool
summary_header_ok(const struct csv_row *row)
{
	const char *first;

	if (row->nfields != SUMMARY_NFIELDS)
		return (false);
	first = row->fields[0];
	if (strncmp(first, "\xef\xbb\xbf", 3) == 0)
		first += 3;
	if (strcmp(first, summary_head[0]) != 0)
		return (false);
	for (size_t i = 1; i < SUMMARY_NHEAD; i++) {
		if (strcmp(row->fields[i], summary_head[i]) != 0)
			return (false);
	}
	for (size_t i = 0; i < SUMMARY_NCOUNTS; i++) {
		if (strcmp(row->fields[SUMMARY_NHEAD + i],
		    summary_counts[i].name) != 0)
			return (false);
	}
	return (true);
}

/* Parses one data row into *row. Returns NULL, or why it is refused
 * (allocated). */
static char *
summary_parse_row(const struct summary *s, const struct csv_row *in,
    struct summary_row *row)
{
	char **f = in->fields;

	memset(row, 0, sizeof *row);
	if (in->nfields != SUMMARY_NFIELDS)
		return (xasprintf("%zu cells, not %zu", in->nfields,
		    SUMMARY_NFIELDS));
	if (*f[0] == '\0')
		return (xstrdup("no host"));
	if (summary_find(s, f[0]) != NULL)
		return (xasprintf("host %s appears twice", f[0]));
	if (strcmp(f[2], "ok") == 0)
		row->ok = true;
	else if (strcmp(f[2], "failed") != 0)
		return (xasprintf("status \"%s\" is not ok or failed", f[2]));
	for (size_t i = 0; i < SUMMARY_NCOUNTS; i++) {
		if (out_csv_parse_count(f[SUMMARY_NHEAD + i],
		    &row->stats[summary_counts[i].stat]) != 0)
			return (xasprintf("%s is not a count",
			    summary_counts[i].name));
	}
	row->host = xstrdup(f[0]);
	row->hostname = xstrdup(*f[1] != '\0' ? f[1] : f[0]);
	if (!row->ok)
		row->error = summary_one_line(f[3]);
	return (NULL);
}

int
summary_read(const char *path, struct summary *s, char **cause)
{
	struct csv_row *rows;
	size_t nrows, i;
	char *why = NULL;

	s->rows = NULL;
	s->n = 0;
	if (access(path, F_OK) == -1 && errno == ENOENT)
		return (0);
	if (out_csv_read(path, &rows, &nrows, &why) != 0) {
		*cause = xasprintf("%s; not replaced (fix or move the file)",
		    why);
		free(why);
		return (-1);
	}
	if (nrows == 0)
		return (0);
	if (!summary_header_ok(&rows[0])) {
		*cause = xasprintf("%s: the first line is not the summary "
		    "header (host,hostname,status,error,...); not replaced "
		    "(fix or move the file)", path);
		out_csv_free_rows(rows, nrows);
		return (-1);
	}
	s->rows = xcalloc(nrows, sizeof *s->rows);
	for (i = 1; i < nrows; i++) {
		if ((why = summary_parse_row(s, &rows[i], &s->rows[s->n])) !=
		    NULL)
			break;
		s->n++;
	}
	out_csv_free_rows(rows, nrows);
	if (why == NULL)
		return (0);
	*cause = xasprintf("%s: line %zu: %s; not replaced (fix or move the "
	    "file)", path, i + 1, why);
	free(why);
	summary_free(s);
	return (-1);
}

static int
summary_cmp(const void *a, const void *b)
{
	const struct summary_row *ra = a, *rb = b;

	return (strcmp(ra->host, rb->host));
}

void
summary_merge(struct summary *into, const struct summary *run)
{
	struct summary_row *row;

	for (size_t i = 0; i < run->n; i++) {
		row = summary_slot(into, run->rows[i].host);
		summary_row_copy(row, &run->rows[i]);
	}
	qsort(into->rows, into->n, sizeof *into->rows, summary_cmp);
}

/* Writes one row (the header when row is NULL). Returns 0 or -1. */
static int
summary_record(FILE *fp, const struct summary_row *row)
{
	struct count c;
	char cell[32];
	int rc = 0;

	for (size_t i = 0; i < SUMMARY_NHEAD; i++) {
		const char *v = summary_head[i];

		if (row != NULL)
			v = i == 0 ? row->host : i == 1 ? row->hostname :
			    i == 2 ? (row->ok ? "ok" : "failed") :
			    (row->error && !row->ok ? row->error : "");
		rc |= out_csv_field(fp, v, i == 0);
	}
	for (size_t i = 0; i < SUMMARY_NCOUNTS; i++) {
		if (row == NULL) {
			rc |= out_csv_field(fp, summary_counts[i].name, false);
			continue;
		}
		c = row->stats[summary_counts[i].stat];
		cell[0] = '\0';
		if (row->ok && c.known)
			snprintf(cell, sizeof cell, "%" PRId64, c.value);
		rc |= out_csv_field(fp, cell, false);
	}
	if (fputc('\n', fp) == EOF)
		rc = -1;
	return (rc);
}

int
summary_write(const char *path, const struct summary *s, char **cause)
{
	struct atomic_file af;
	int error = 0;

	if (atomic_open(&af, path, cause) != 0)
		return (-1);
	if (summary_record(af.fp, NULL) != 0)
		error = errno != 0 ? errno : EIO;
	for (size_t i = 0; error == 0 && i < s->n; i++) {
		if (summary_record(af.fp, &s->rows[i]) != 0)
			error = errno != 0 ? errno : EIO;
	}
	if (error != 0) {
		*cause = xasprintf("%s: write: %s", path, strerror(error));
		atomic_abort(&af);
		return (-1);
	}
	return (atomic_commit(&af, cause));
}

size_t
summary_failed(const struct summary *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += !s->rows[i].ok;
	return (n);
}

void
summary_free(struct summary *s)
{
	for (size_t i = 0; i < s->n; i++)
		summary_row_free(&s->rows[i]);
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
}

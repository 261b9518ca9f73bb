/*
 * history.csv: the usage_stats counts of every collection date of one
 * host. Read strictly and merged in memory, then written whole under a
 * temporary name: an unreadable file is reported and left as it is, since
 * it is the only record of the earlier runs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "history.h"
#include "out_csv.h"
#include "xmalloc.h"

/* The columns after "date", in enum stat_row order. */
static const char *const history_columns[STAT_COUNT] = {
	[STAT_TOTAL_SESSIONS]		= "total_sessions",
	[STAT_SESSIONS_LAST_MONTH]	= "sessions_last_month",
	[STAT_TOTAL_APPS]		= "total_apps",
	[STAT_UNIQUE_IPS]		= "unique_ips",
	[STAT_UNIQUE_IPS_LAST_MONTH]	= "unique_ips_last_month",
	[STAT_VISITS]			= "visits",
	[STAT_VISITS_LAST_MONTH]	= "visits_last_month",
	[STAT_REQUESTS]			= "requests",
	[STAT_REQUESTS_LAST_MONTH]	= "requests_last_month",
	[STAT_CRASHED_SESSIONS]		= "crashed_sessions",
	[STAT_SKIPPED_LINES]		= "skipped_lines",
};
#define HISTORY_NFIELDS	(1 + STAT_COUNT)

bool
history_date_valid(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (false);
	for (int i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return (false);
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return (false);
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return (false);
	return (true);
}

static int
history_cmp(const void *a, const void *b)
{
	const struct history_row *ra = a, *rb = b;

	return (strcmp(ra->date, rb->date));
}

/* Checks the header row; an editor's UTF-8 byte order mark is allowed. */
static bool
history_header_ok(const struct csv_row *row)
{
	const char *first;

	if (row->nfields != HISTORY_NFIELDS)
		return (false);
	first = row->fields[0];
	if (strncmp(first, "\xef\xbb\xbf", 3) == 0)
		first += 3;
	if (strcmp(first, "date") != 0)
		return (false);
	for (size_t i = 0; i < STAT_COUNT; i++) {
		if (strcmp(row->fields[1 + i], history_columns[i]) != 0)
			return (false);
	}
	return (true);
}

int
history_read(const char *path, struct history *h, char **cause)
{
	struct csv_row *rows;
	struct history_row *hr;
	size_t nrows, i;
	char *why = NULL;

	h->rows = NULL;
	h->n = 0;
	/* No file yet: the first collection of this host. */
	if (access(path, F_OK) == -1 && errno == ENOENT)
		return (0);
	if (out_csv_read(path, &rows, &nrows, &why) != 0) {
		*cause = xasprintf("%s; not replaced, so no history is lost "
		    "(fix or move the file)", why);
		free(why);
		return (-1);
	}
	if (nrows == 0)
		return (0);
	if (!history_header_ok(&rows[0])) {
		*cause = xasprintf("%s: the first line is not the history "
		    "header (date,%s,...,%s); not replaced, so no history is "
		    "lost (fix or move the file)", path, history_columns[0],
		    history_columns[STAT_COUNT - 1]);
		out_csv_free_rows(rows, nrows);
		return (-1);
	}
	h->rows = xcalloc(nrows, sizeof *h->rows);
	for (i = 1; i < nrows; i++) {
		hr = &h->rows[h->n];
		if (rows[i].nfields != HISTORY_NFIELDS) {
			why = xasprintf("%zu cells, not %d", rows[i].nfields,
			    HISTORY_NFIELDS);
			break;
		}
		if (!history_date_valid(rows[i].fields[0])) {
			why = xstrdup("the date is not YYYY-MM-DD");
			break;
		}
		memcpy(hr->date, rows[i].fields[0], sizeof hr->date);
		for (size_t s = 0; why == NULL && s < STAT_COUNT; s++) {
			if (out_csv_parse_count(rows[i].fields[1 + s],
			    &hr->stats[s]) != 0)
				why = xasprintf("%s is not a count",
				    history_columns[s]);
		}
		if (why != NULL)
			break;
		h->n++;
	}
	out_csv_free_rows(rows, nrows);
	if (why == NULL) {
		qsort(h->rows, h->n, sizeof *h->rows, history_cmp);
		for (i = 1; i < h->n; i++) {
			if (strcmp(h->rows[i - 1].date, h->rows[i].date) == 0) {
				why = xasprintf("date %s appears twice",
				    h->rows[i].date);
				break;
			}
		}
		if (why == NULL)
			return (0);
		*cause = xasprintf("%s: %s; not replaced, so no history is "
		    "lost (fix or move the file)", path, why);
	} else
		*cause = xasprintf("%s: line %zu: %s; not replaced, so no "
		    "history is lost (fix or move the file)", path, i + 1, why);
	free(why);
	history_free(h);
	return (-1);
}

int
history_set(struct history *h, const char *date,
    const struct count stats[STAT_COUNT], char **cause)
{
	struct history_row *hr;
	size_t i;

	if (!history_date_valid(date)) {
		*cause = xasprintf("\"%s\": not a date (YYYY-MM-DD) for the "
		    "history", date ? date : "");
		return (-1);
	}
	for (i = 0; i < h->n && strcmp(h->rows[i].date, date) < 0; i++)
		;
	if (i == h->n || strcmp(h->rows[i].date, date) != 0) {
		h->rows = xreallocarray(h->rows, h->n + 1, sizeof *h->rows);
		memmove(&h->rows[i + 1], &h->rows[i],
		    (h->n - i) * sizeof *h->rows);
		h->n++;
	}
	hr = &h->rows[i];
	memset(hr, 0, sizeof *hr);
	memcpy(hr->date, date, sizeof hr->date);
	memcpy(hr->stats, stats, sizeof hr->stats);
	return (0);
}

int
history_write(const char *path, const struct history *h, char **cause)
{
	struct atomic_file af;
	const struct count *c;
	int error = 0;

	if (atomic_open(&af, path, cause) != 0)
		return (-1);
	/* Dates and digits only: no cell ever needs quoting. */
	if (fputs("date", af.fp) == EOF)
		error = errno;
	for (size_t s = 0; s < STAT_COUNT; s++) {
		if (fprintf(af.fp, ",%s", history_columns[s]) < 0)
			error = errno;
	}
	if (fputc('\n', af.fp) == EOF)
		error = errno;
	for (size_t i = 0; error == 0 && i < h->n; i++) {
		if (fputs(h->rows[i].date, af.fp) == EOF)
			error = errno;
		for (size_t s = 0; s < STAT_COUNT; s++) {
			c = &h->rows[i].stats[s];
			if ((c->known ? fprintf(af.fp, ",%" PRId64, c->value) :
			    fprintf(af.fp, ",")) < 0)
				error = errno;
		}
		if (fputc('\n', af.fp) == EOF)
			error = errno;
	}
	if (error != 0 || ferror(af.fp)) {
		*cause = xasprintf("%s: write: %s", path,
		    strerror(error != 0 ? error : EIO));
		atomic_abort(&af);
		return (-1);
	}
	return (atomic_commit(&af, cause));
}

void
history_free(struct history *h)
{
	free(h->rows);
	h->rows = NULL;
	h->n = 0;
}

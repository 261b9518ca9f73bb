/*
 * <out>/summary_YYYY-MM-DD.csv: one row per host collected that day,
 * sorted by host:
 *   host,hostname,status,error,total_sessions,sessions_last_month,
 *   total_apps,unique_ips_last_month,visits_last_month,
 *   requests_last_month,crashed_sessions
 * status is "ok" or "failed"; error is one line, empty when ok; the
 * counts are empty for a failed host (and when unknown). A later run the
 * same day replaces the rows of its hosts and keeps the others.
 */
#ifndef SU_SUMMARY_H
#define SU_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

struct summary_row {
	char		*host;		/* the label */
	char		*hostname;
	bool		 ok;
	char		*error;		/* one line; NULL when ok */
	/* The summary's columns; the other rows stay unknown. */
	struct count	 stats[STAT_COUNT];
};

struct summary {
	struct summary_row	*rows;
	size_t			 n;
};

/*
 * Adds (or replaces) the row of r->label: ok with r's counts, or failed
 * with r->error. Copies what it keeps, so r may be freed after.
 */
void summary_add_report(struct summary *s, const struct host_report *r);
/* Adds (or replaces) a failed row for a host whose files could not be
 * written; error is copied, made one line. */
void summary_add_failure(struct summary *s, const char *label,
	const char *hostname, const char *error);

/*
 * Reads an earlier summary. A missing file is an empty summary. Anything
 * but the exact header, eleven cells per row, a non-empty host given
 * once, status ok or failed and counts that are empty or non-negative
 * integers is refused. Returns 0 (free with summary_free), or -1 with
 * *cause naming the file and *s empty.
 */
int summary_read(const char *path, struct summary *s, char **cause);

/* Replaces into's rows of every host in run with run's rows, keeps the
 * others, adds the new ones, and sorts by host (byte order). */
void summary_merge(struct summary *into, const struct summary *run);

/* Writes s to path atomically, in its order. Returns 0, or -1 with
 * *cause. */
int summary_write(const char *path, const struct summary *s, char **cause);

/* The number of failed rows. */
size_t summary_failed(const struct summary *s);

void summary_free(struct summary *s);

#endif

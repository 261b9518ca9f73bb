/*
 * <out>/<label>/history.csv: one row per collection date, oldest first,
 * with every usage_stats count:
 *   date,total_sessions,sessions_last_month,total_apps,unique_ips,
 *   unique_ips_last_month,visits,visits_last_month,requests,
 *   requests_last_month,crashed_sessions,skipped_lines
 * (the columns after date are enum stat_row in order; unknown is an empty
 * cell). The file is the only record of earlier runs, so one that cannot be
 * read is refused, never replaced.
 */
#ifndef SU_HISTORY_H
#define SU_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

#define HISTORY_FILE	"history.csv"

struct history_row {
	char		date[11];	/* "YYYY-MM-DD" */
	struct count	stats[STAT_COUNT];
};

struct history {
	struct history_row	*rows;	/* dates strictly increasing */
	size_t			 n;
};

/*
 * Reads path into *h. A missing file is an empty history. Anything but
 * the exact header, twelve cells per row, valid distinct dates and
 * counts that are empty or non-negative integers is refused. Rows may be
 * in any order; *h gets them sorted. Returns 0 (free *h with
 * history_free), or -1 with *cause naming the file and *h empty.
 */
int history_read(const char *path, struct history *h, char **cause);

/*
 * Sets the row of date (replacing that date's row, or inserting one in
 * date order) to stats. Returns 0, or -1 with *cause when date is not a
 * valid "YYYY-MM-DD".
 */
int history_set(struct history *h, const char *date,
	const struct count stats[STAT_COUNT], char **cause);

/* Writes h to path atomically. Returns 0, or -1 with *cause. */
int history_write(const char *path, const struct history *h, char **cause);

/* True when s is a valid calendar date "YYYY-MM-DD". */
bool history_date_valid(const char *s);

void history_free(struct history *h);

#endif

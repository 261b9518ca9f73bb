/* What one host's collection produced: the numbers behind every output
 * file, or the reason there are none. Built by metrics, read by outputs. */
#ifndef SU_REPORT_H
#define SU_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strlist.h"

/* A count that may be unknowable (no access log, a format without
 * addresses): unknown values are written as empty cells, never 0. */
struct count {
	int64_t	value;
	bool	known;
};

/* The rows of usage_stats_*.csv, in file order. */
enum stat_row {
	STAT_TOTAL_SESSIONS,
	STAT_SESSIONS_LAST_MONTH,
	STAT_TOTAL_APPS,
	STAT_UNIQUE_IPS,
	STAT_UNIQUE_IPS_LAST_MONTH,
	STAT_VISITS,
	STAT_VISITS_LAST_MONTH,
	STAT_REQUESTS,
	STAT_REQUESTS_LAST_MONTH,
	STAT_CRASHED_SESSIONS,
	STAT_SKIPPED_LINES,
	STAT_COUNT
};
/* "Total Sessions", ... as in DESIGN.md. */
const char *report_stat_name(enum stat_row row);

/* One row of apps_*.csv. */
struct app_row {
	char		*name;	/* "hello", "nested/group/app1", "~alice/app", "app1 (2 apps)" */
	struct count	 session_logs;
	struct count	 session_logs_last_month;
	struct count	 visits;
	struct count	 visits_last_month;
	struct count	 unique_ips;
	struct count	 requests;
	struct count	 crashed_sessions;
	int64_t		 last_seen;	/* Unix seconds, -1 never */
};

/* One row of daily_*.csv: one calendar day (host time zone) of the window. */
struct daily_row {
	int		 year, month, day;
	struct count	 session_logs;
	struct count	 visits;
	struct count	 unique_ips;
	struct count	 requests;
};

struct host_report {
	char		*label;
	char		*hostname;
	bool		 ok;
	char		*error;		/* one line, when !ok */
	int64_t		 now;		/* as-of time T */
	int		 window_days;

	struct count	 stats[STAT_COUNT];
	struct app_row	*apps;		/* busiest first: visits, requests, session logs, then name */
	size_t		 napps;
	struct daily_row *days;		/* oldest first */
	size_t		 ndays;
	struct strlist	 warnings;	/* shown once at the end, and kept for summary */
};

void report_init(struct host_report *r, const char *label,
	const char *hostname, int64_t now, int window_days);
void report_fail(struct host_report *r, const char *error);	/* copies error */
void report_warn(struct host_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void report_free(struct host_report *r);

#endif

/* Writes every output file of one host: <out>/<label>/usage_stats_DATE.csv,
 * apps_DATE.csv, daily_DATE.csv, their charts, then history.csv and its
 * chart; and the run's <out>/summary_DATE.csv and its chart. */
#ifndef SU_OUTPUT_H
#define SU_OUTPUT_H

#include <stdbool.h>

#include "report.h"

struct output_options {
	const char	*out_dir;
	const char	*date;		/* "YYYY-MM-DD" */
	int		 chart_format;	/* enum chart_format */
	bool		 charts;
};

struct summary;

/* Creates <out> and <out>/<label> as needed (not deeper parents), then
 * writes the CSV files and, when o->charts, the charts in that order,
 * then adds the day's row to history.csv and draws history.<ext>,
 * stopping at the first failure. A history.csv that cannot be read is
 * not replaced (the error says so). A report that is not ok (r->ok
 * false), a label that is not one safe path component or a date that is
 * not YYYY-MM-DD is refused. Returns 0, or -1 with *cause naming the file
 * (files written before the failure stay; none is half-written). */
int output_host(const struct output_options *o, const struct host_report *r,
	char **cause);

/* Merges the run's rows into <out>/summary_DATE.csv (rows of hosts not
 * in run are kept; an existing file that cannot be read is not
 * replaced), writes it, then, when o->charts, summary_DATE.<ext> of all
 * its rows. Creates <out> as needed. Returns 0, or -1 with *cause. */
int output_summary(const struct output_options *o, const struct summary *run,
	char **cause);

#endif

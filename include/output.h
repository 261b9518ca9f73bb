/* Writes every output file of one host: <out>/<label>/usage_stats_DATE.csv,
 * apps_DATE.csv, daily_DATE.csv and their charts. */
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

/* Creates <out> and <out>/<label> as needed (not deeper parents), then
 * writes the CSV files and, when o->charts, the charts in that order,
 * stopping at the first failure. A report that is not ok (r->ok false)
 * or a label that is not one safe path component is refused. Returns 0,
 * or -1 with *cause naming the file (files written before the failure
 * stay; none is half-written). */
int output_host(const struct output_options *o, const struct host_report *r,
	char **cause);

#endif

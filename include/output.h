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

/* Creates <out>/<label> as needed. Returns 0, or -1 with *cause (files
 * written before the failure stay; none is half-written). */
int output_host(const struct output_options *o, const struct host_report *r,
	char **cause);

#endif

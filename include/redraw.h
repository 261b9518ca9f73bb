/* `report`: redraws the charts of earlier collections from the CSV files
 * on disk, without connecting to any host. */
#ifndef SU_REDRAW_H
#define SU_REDRAW_H

#include <stddef.h>

/*
 * For each label (every directory under out_dir when n is 0) reads
 * usage_stats_DATE.csv, apps_DATE.csv and daily_DATE.csv and redraws
 * their charts in format (enum chart_format), and history.<ext> from
 * history.csv; also summary_DATE.<ext> when summary_DATE.csv exists.
 * Returns 0 when every host was redrawn, -1 when any failed (each failure
 * logged).
 */
int redraw_reports(const char *out_dir, const char *date, int format,
	char *const labels[], size_t n);

#endif

/* Charts with plplot's cairo devices. plplot is not thread safe and calls
 * exit() on a missing device or an unwritable file: call these from the
 * main thread only; they check both before plinit. */
#ifndef SU_OUT_CHART_H
#define SU_OUT_CHART_H

#include <stdbool.h>

#include "report.h"

enum chart_format { CHART_PNG, CHART_SVG, CHART_PDF };

/* "png", "svg", "pdf" (NULL for a value outside the enum);
 * chart_format_parse returns -1 for anything else. */
const char *chart_format_ext(enum chart_format f);
int chart_format_parse(const char *s);

/* True when plplot has the cairo device for f. */
bool chart_device_available(enum chart_format f);

/* Each draws one chart into path (written atomically; a file that
 * plplot did not write to its end is discarded); they are in
 * src/chart_*.c. date is the report date "YYYY-MM-DD" shown in the title
 * with the host. Host and app names are made safe for plplot ('#'
 * escaped, bad UTF-8 and controls shown as '?'). Returns 0, or -1 with
 * *cause allocated. */
/* Bars of Total Sessions, Sessions Last Month, Total Apps, Unique IPs,
 * each labelled with its value (unknown: "n/a"). */
int chart_usage(const char *path, enum chart_format f,
	const struct host_report *r, const char *date, char **cause);
/* Horizontal bars of the busiest apps: the first 15 rows of r->apps,
 * measured by visits, else requests, else session logs (whichever the
 * host's logs give); names cut to 40 characters. */
int chart_apps(const char *path, enum chart_format f,
	const struct host_report *r, const char *date, char **cause);
/* Daily visits and unique IPs across the window, on a date axis; a
 * series the logs cannot give is named as unknown in the legend, and
 * when both are unknown session logs per day are drawn instead. */
int chart_daily(const char *path, enum chart_format f,
	const struct host_report *r, const char *date, char **cause);

struct history;
struct summary;
/* Visits, unique IPs and sessions in the last month at each collection
 * date of h, on a date axis (ticks by day, month or year to suit the
 * span); a series never known is named as unknown in the legend instead
 * of drawn. r gives the host for the title. */
int chart_history(const char *path, enum chart_format f,
	const struct host_report *r, const struct history *h, char **cause);
/* Per host of s, a pair of horizontal bars (sessions and unique IPs last
 * month); a failed host is a red band with its error. The page grows
 * taller with the number of hosts. date is the summary's date. */
int chart_summary(const char *path, enum chart_format f,
	const struct summary *s, const char *date, char **cause);

#endif

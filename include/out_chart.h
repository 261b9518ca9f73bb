/* Charts with plplot's cairo devices. plplot is not thread safe and calls
 * exit() on a missing device or an unwritable file: call these from the
 * main thread only; they check both before plinit. */
#ifndef SU_OUT_CHART_H
#define SU_OUT_CHART_H

#include <stdbool.h>

#include "report.h"

enum chart_format { CHART_PNG, CHART_SVG, CHART_PDF };

/* "png", "svg", "pdf"; chart_format_parse returns -1 for anything else. */
const char *chart_format_ext(enum chart_format f);
int chart_format_parse(const char *s);

/* True when plplot has the cairo device for f. */
bool chart_device_available(enum chart_format f);

/* Each draws one chart into path (written atomically). date is the
 * report date "YYYY-MM-DD" shown in the title with the host. Returns 0,
 * or -1 with *cause allocated. */
/* Bars of Total Sessions, Sessions Last Month, Total Apps, Unique IPs,
 * each labelled with its value (unknown: "n/a"). */
int chart_usage(const char *path, enum chart_format f,
	const struct host_report *r, const char *date, char **cause);
/* Horizontal bars of the busiest apps (visits, else requests, else
 * session logs), names readable. */
int chart_apps(const char *path, enum chart_format f,
	const struct host_report *r, const char *date, char **cause);
/* Daily visits and unique IPs across the window, on a date axis. */
int chart_daily(const char *path, enum chart_format f,
	const struct host_report *r, const char *date, char **cause);

#endif

/* Host reports: the rows every output is written from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xmalloc.h"

static const char *const stat_names[STAT_COUNT] = {
	[STAT_TOTAL_SESSIONS]		= "Total Sessions",
	[STAT_SESSIONS_LAST_MONTH]	= "Sessions Last Month",
	[STAT_TOTAL_APPS]		= "Total Apps",
	[STAT_UNIQUE_IPS]		= "Unique IPs",
	[STAT_UNIQUE_IPS_LAST_MONTH]	= "Unique IPs Last Month",
	[STAT_VISITS]			= "Visits",
	[STAT_VISITS_LAST_MONTH]	= "Visits Last Month",
	[STAT_REQUESTS]			= "Requests",
	[STAT_REQUESTS_LAST_MONTH]	= "Requests Last Month",
	[STAT_CRASHED_SESSIONS]		= "Crashed Sessions",
	[STAT_SKIPPED_LINES]		= "Skipped Lines",
};

const char *
report_stat_name(enum stat_row row)
{
	return row < STAT_COUNT ? stat_names[row] : "?";
}

void
report_init(struct host_report *r, const char *label, const char *hostname,
    int64_t now, int window_days)
{
	memset(r, 0, sizeof *r);
	r->label = xstrdup(label);
	r->hostname = xstrdup(hostname ? hostname : label);
	r->ok = true;
	r->now = now;
	r->window_days = window_days;
}

void
report_fail(struct host_report *r, const char *error)
{
	free(r->error);
	r->error = xstrdup(error);
	r->ok = false;
}

void
report_warn(struct host_report *r, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (msg == NULL)
		return;
	if (strlist_contains(&r->warnings, msg)) {
		free(msg);
		return;
	}
	strlist_add_owned(&r->warnings, msg);
}

void
report_free(struct host_report *r)
{
	free(r->label);
	free(r->hostname);
	free(r->error);
	for (size_t i = 0; i < r->napps; i++)
		free(r->apps[i].name);
	free(r->apps);
	free(r->days);
	strlist_clear(&r->warnings);
	memset(r, 0, sizeof *r);
}

/*
 * The apps chart: horizontal bars of the busiest apps, by the best measure
 * the host's logs give (visits, else requests, else session logs).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <plplot.h>

#include "chart_internal.h"
#include "out_chart.h"
#include "xmalloc.h"

#define CHART_MAX_APPS	15	/* bars in the apps chart */
#define CHART_NAME_MAX	40	/* characters of an app name shown */

/* The measure the apps chart ranks by. */
enum chart_measure { MEASURE_VISITS, MEASURE_REQUESTS, MEASURE_SESSIONS };

static struct count
chart_app_value(const struct app_row *a, enum chart_measure m)
{
	return (m == MEASURE_VISITS ? a->visits :
	    m == MEASURE_REQUESTS ? a->requests : a->session_logs);
}

int
chart_apps(const char *path, enum chart_format f,
    const struct host_report *r, const char *date, char **cause)
{
	static const struct {
		const char	*word, *axis;
	} measures[] = {
		[MEASURE_VISITS] = { "visits",
		    "Visits (browser sessions in the access log)" },
		[MEASURE_REQUESTS] = { "requests", "Requests (access-log lines)" },
		[MEASURE_SESSIONS] = { "session logs",
		    "Session logs (R worker processes)" },
	};
	struct chart c;
	enum chart_measure m;
	struct count v;
	size_t n, i, len, maxlen = 0;
	char *name, *title, *sub, num[64];
	double max = 0, top, step, left, y, rows;
	PLFLT def, ht, sx0, sx1, sy0, sy1;

	n = r->napps < CHART_MAX_APPS ? r->napps : CHART_MAX_APPS;
	/* One measure for all bars: the best the host's logs can give. */
	m = MEASURE_SESSIONS;
	for (i = 0; i < r->napps; i++) {
		if (r->apps[i].visits.known) {
			m = MEASURE_VISITS;
			break;
		}
		if (r->apps[i].requests.known)
			m = MEASURE_REQUESTS;
	}
	for (i = 0; i < n; i++) {
		free(chart_text(r->apps[i].name, CHART_NAME_MAX, &len));
		if (len > maxlen)
			maxlen = len;
		v = chart_app_value(&r->apps[i], m);
		if (v.known && (double)v.value > max)
			max = (double)v.value;
	}
	if (chart_begin(&c, path, f, 1.0, cause) != 0)
		return (-1);

	/* Left margin wide enough for the longest name. */
	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	left = 0.04;
	if (sx1 > sx0)
		left = ((double)maxlen * 0.72 + 4.0) * ht / (sx1 - sx0);
	if (left < 0.1)
		left = 0.1;
	if (left > 0.45)
		left = 0.45;
	plvpor(left, 0.95, 0.14, 0.83);

	title = xasprintf("busiest apps on %s", date);
	if (n == 0)
		sub = NULL;
	else if (r->napps > n)
		sub = xasprintf("Top %zu of %zu apps by %s", n, r->napps,
		    measures[m].word);
	else
		sub = xasprintf("%zu app%s by %s", n, n == 1 ? "" : "s",
		    measures[m].word);
	chart_titles(r, title, sub);
	free(title);
	free(sub);

	if (n == 0) {
		chart_note(0.5, 0.5, 0.5, 1.4,
		    "No app directories were found on this host.");
		return (chart_end(&c, cause));
	}

	step = chart_scale(max, &top);
	/* Room for at least 6 rows, so a few bars are not drawn too fat. */
	rows = n < 6 ? 6 : (double)n;
	plwind(0, top, 0, rows);
	plslabelfunc(chart_axis_label, NULL);
	plcol0(COL_GRID);
	plbox("g", step, 1, "", 0, 0);

	for (i = 0; i < n; i++) {
		y = rows - (double)i - 0.5;
		v = chart_app_value(&r->apps[i], m);
		if (v.known && v.value > 0) {
			plcol0(COL_BLUE);
			chart_rect(0, (double)v.value, y - 0.34, y + 0.34);
		}
		plcol0(COL_TEXT);
		plptex((v.known ? (double)v.value : 0) + top * 0.008, y, 1, 0,
		    0, chart_count_text(num, sizeof num, v));
		name = chart_text(r->apps[i].name, CHART_NAME_MAX, NULL);
		plmtex("lv", 0.8, y / rows, 1.0, name);
		free(name);
	}
	plcol0(COL_TEXT);
	plbox("bcnto", step, 1, "bc", 0, 0);
	plslabelfunc(NULL, NULL);
	plmtex("b", 3.2, 0.5, 0.5, measures[m].axis);
	if (m != MEASURE_VISITS) {
		sub = xasprintf("Visits: %s.", chart_unknown_reason(r));
		chart_note(0.03, 0.03, 0, 0.85, sub);
		free(sub);
	}
	return (chart_end(&c, cause));
}

/*
 * The daily chart: visits and unique IPs per day of the window, on a date
 * axis; session logs per day when the access log gives neither.
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

/* A daily series: which column, its colour and legend text. */
struct chart_series {
	size_t		 offset;	/* of the struct count in daily_row */
	int		 colour;
	const char	*name;
};

static struct count
chart_day_value(const struct daily_row *d, size_t offset)
{
	struct count c;

	memcpy(&c, (const char *)d + offset, sizeof c);
	return (c);
}

/* True when any day has the series' value. */
static bool
chart_series_known(const struct host_report *r, const struct chart_series *s)
{
	for (size_t i = 0; i < r->ndays; i++) {
		if (chart_day_value(&r->days[i], s->offset).known)
			return (true);
	}
	return (false);
}

/* Draws one series: lines between consecutive known days, dots on each. */
static void
chart_draw_series(const struct host_report *r, const PLFLT *x,
    const struct chart_series *s)
{
	struct count a, b;
	PLFLT px, py;

	plcol0(s->colour);
	plwidth(2.5);
	for (size_t i = 0; i + 1 < r->ndays; i++) {
		a = chart_day_value(&r->days[i], s->offset);
		b = chart_day_value(&r->days[i + 1], s->offset);
		if (a.known && b.known)
			pljoin(x[i], (double)a.value, x[i + 1],
			    (double)b.value);
	}
	plwidth(1.0);
	chart_size(0.6);
	for (size_t i = 0; i < r->ndays; i++) {
		a = chart_day_value(&r->days[i], s->offset);
		if (a.known) {
			px = x[i];
			py = (double)a.value;
			plstring(1, &px, &py, CHART_DOT);
		}
	}
	chart_size(1.0);
}

int
chart_daily(const char *path, enum chart_format f,
    const struct host_report *r, const char *date, char **cause)
{
	static const struct chart_series all[] = {
		{ offsetof(struct daily_row, visits), COL_BLUE, "Visits" },
		{ offsetof(struct daily_row, unique_ips), COL_ORANGE,
		    "Unique IPs" },
		{ offsetof(struct daily_row, session_logs), COL_GREEN,
		    "Session logs (R worker processes started)" },
	};
	bool known[3];
	struct chart c;
	PLFLT *x, x0, x1;
	double max = 0, top, step, lx, disp;
	size_t i, k, every;
	struct count v;
	const struct daily_row *d;
	char *title, *sub, label[32];

	/* Session logs stand in only when the access log gives neither. */
	known[0] = chart_series_known(r, &all[0]);
	known[1] = chart_series_known(r, &all[1]);
	known[2] = !known[0] && !known[1];
	for (i = 0; i < r->ndays; i++) {
		for (k = 0; k < 3; k++) {
			v = chart_day_value(&r->days[i], all[k].offset);
			if (known[k] && v.known && (double)v.value > max)
				max = (double)v.value;
		}
	}
	step = chart_scale(max, &top);
	if (chart_begin(&c, path, f, 1.0, cause) != 0)
		return (-1);
	plvpor(chart_y_margin(top, 0.08, &disp), 0.97, 0.2, 0.83);

	title = xasprintf("daily use, %d days to %s", r->window_days, date);
	if (known[2])
		sub = xasprintf("Session logs per day instead: visits and "
		    "unique IPs are %s", chart_unknown_reason(r));
	else
		sub = xstrdup("Visits (browser sessions) and distinct client "
		    "addresses per day, host time zone");
	chart_titles(r, title, sub);
	free(title);
	free(sub);
	if (r->ndays == 0) {
		chart_note(0.5, 0.5, 0.5, 1.4, "No days in the window.");
		return (chart_end(&c, cause));
	}

	/* x: each day's midnight UTC; only the labels matter. */
	x = xreallocarray(NULL, r->ndays, sizeof *x);
	for (i = 0; i < r->ndays; i++) {
		d = &r->days[i];
		x[i] = (PLFLT)chart_days_from_civil(d->year, d->month,
		    d->day) * 86400;
	}
	x0 = x[0] - 43200;
	x1 = x[r->ndays - 1] + 43200;
	plwind(x0, x1, 0, top);
	plslabelfunc(chart_axis_label, NULL);
	plcol0(COL_GRID);
	plbox("", 0, 0, "g", step, 1);

	/* A tick per day, a label and grid line every `every` days,
	 * counted back from the last day so the report date has one. */
	every = (r->ndays + 11) / 12;
	if (every > 1 && every < 7 && r->ndays > 14)
		every = 7;
	for (i = 0; i < r->ndays; i++) {
		bool labelled = (r->ndays - 1 - i) % every == 0;

		d = &r->days[i];
		if (labelled) {
			plcol0(COL_GRID);
			pljoin(x[i], 0, x[i], top);
		}
		plcol0(COL_TEXT);
		pljoin(x[i], 0, x[i], top * (labelled ? 0.02 : 0.01));
		if (!labelled)
			continue;
		snprintf(label, sizeof label, "%s %d",
		    chart_month_name(d->month), d->day);
		plmtex("b", 1.4, (x[i] - x0) / (x1 - x0), 0.5, label);
	}

	/* Each series, and its legend entry under the date labels. */
	lx = 0.08;
	for (k = 0; k < 3; k++) {
		if (known[k]) {
			chart_draw_series(r, x, &all[k]);
			lx = chart_legend_entry(lx, 0.065, all[k].colour,
			    all[k].name);
		} else if (k < 2) {
			sub = xasprintf("%s: %s", all[k].name,
			    chart_unknown_reason(r));
			lx = chart_legend_entry(lx, 0.065, -1, sub);
			free(sub);
		}
	}
	free(x);

	plcol0(COL_TEXT);
	plbox("bc", 0, 0, "bcntvo", step, 1);
	plslabelfunc(NULL, NULL);
	plmtex("l", disp, 0.5, 0.5, "per day");
	return (chart_end(&c, cause));
}

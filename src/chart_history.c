/*
 * The history chart: each collection's last-month counts (visits, unique
 * IPs, sessions) over the collection dates, on a date axis whose ticks
 * suit the span (days, months or years). Dates need not be evenly spaced:
 * runs are missed, backfilled or daily.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <plplot.h>

#include "chart_internal.h"
#include "history.h"
#include "out_chart.h"
#include "xmalloc.h"

/* Labelled ticks on the date axis, at most. */
#define HISTORY_MAX_TICKS 8

/* A series: which stat, its colour and legend text. */
static const struct {
	enum stat_row	 stat;
	int		 colour;
	const char	*name;
} history_series[] = {
	{ STAT_VISITS_LAST_MONTH, COL_BLUE, "Visits" },
	{ STAT_UNIQUE_IPS_LAST_MONTH, COL_ORANGE, "Unique IPs" },
	{ STAT_SESSIONS_LAST_MONTH, COL_GREEN, "Sessions" },
};
#define HISTORY_NSERIES	(sizeof history_series / sizeof history_series[0])

/* Tick spacings: days, then months, then years. */
enum tick_unit { TICK_DAYS, TICK_MONTHS, TICK_YEARS };
static const struct {
	enum tick_unit	unit;
	int		n;
	double		days;	/* about how long */
} history_steps[] = {
	{ TICK_DAYS, 1, 1 }, { TICK_DAYS, 2, 2 }, { TICK_DAYS, 7, 7 },
	{ TICK_DAYS, 14, 14 }, { TICK_MONTHS, 1, 30.4 },
	{ TICK_MONTHS, 2, 60.9 }, { TICK_MONTHS, 3, 91.3 },
	{ TICK_MONTHS, 6, 182.6 }, { TICK_YEARS, 1, 365.2 },
	{ TICK_YEARS, 2, 730.5 }, { TICK_YEARS, 5, 1826.2 },
	{ TICK_YEARS, 10, 3652.4 }, { TICK_YEARS, 20, 7304.8 },
	{ TICK_YEARS, 50, 18262 }, { TICK_YEARS, 100, 36524 },
	{ TICK_YEARS, 1000, 365242 },
};
#define HISTORY_NSTEPS	(sizeof history_steps / sizeof history_steps[0])

/* Days since 1970-01-01 of a row's (valid) date. */
static double
history_day(const struct history_row *row)
{
	int y, m, d;

	if (sscanf(row->date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return (0);
	return ((double)chart_days_from_civil(y, m, d));
}

/* Draws a labelled tick and grid line at day x. */
static void
history_tick(double x, double x0, double x1, double top, const char *label)
{
	double where = (x - x0) / (x1 - x0);

	plcol0(COL_GRID);
	pljoin(x, 0, x, top);
	plcol0(COL_TEXT);
	pljoin(x, 0, x, top * 0.02);
	/* A label centred on the right edge would run off the page. */
	if (where <= 0.965)
		plmtex("b", 1.4, where, 0.5, label);
}

/*
 * The date axis over [x0, x1] (days): the finest spacing that gives at
 * most HISTORY_MAX_TICKS labels; day ticks count back from the last
 * collection so it has one, month and year ticks fall on the 1st.
 */
static void
history_date_axis(double x0, double x1, double last, double top)
{
	char label[32];
	size_t k;
	int y, m, d, n;

	for (k = 0; k + 1 < HISTORY_NSTEPS; k++) {
		if ((x1 - x0) / history_steps[k].days <= HISTORY_MAX_TICKS)
			break;
	}
	n = history_steps[k].n;
	if (history_steps[k].unit == TICK_DAYS) {
		/* From the first step at or after x0, in line with last. */
		for (double x = last - floor((last - x0) / n) * n; x <= x1;
		    x += n) {
			chart_civil_from_days((int64_t)x, &y, &m, &d);
			snprintf(label, sizeof label, "%04d-%02d-%02d", y, m,
			    d);
			history_tick(x, x0, x1, top, label);
		}
		return;
	}
	chart_civil_from_days((int64_t)floor(x0), &y, &m, &d);
	for (;;) {
		/* The next 1st of a month (January for years) after x0. */
		if (history_steps[k].unit == TICK_YEARS) {
			y = y - (y % n + n) % n;
			m = 1;
		} else
			m = m - ((m - 1) % n);
		d = (int)chart_days_from_civil(y, m, 1);
		if (d > x1)
			break;
		if (d >= x0) {
			if (history_steps[k].unit == TICK_YEARS)
				snprintf(label, sizeof label, "%d", y);
			else
				snprintf(label, sizeof label, "%s %d",
				    chart_month_name(m), y);
			history_tick(d, x0, x1, top, label);
		}
		if (history_steps[k].unit == TICK_YEARS)
			y += n;
		else if ((m += n) > 12) {
			m -= 12;
			y++;
		}
	}
}

/* Draws one series: lines between consecutive known points, dots on each. */
static void
history_draw_series(const struct history *h, const double *x, size_t k)
{
	enum stat_row s = history_series[k].stat;
	struct count a, b;
	PLFLT px, py;

	plcol0(history_series[k].colour);
	plwidth(2.5);
	for (size_t i = 0; i + 1 < h->n; i++) {
		a = h->rows[i].stats[s];
		b = h->rows[i + 1].stats[s];
		if (a.known && b.known)
			pljoin(x[i], (double)a.value, x[i + 1],
			    (double)b.value);
	}
	plwidth(1.0);
	/* Few points are shown bigger: alone, a dot is the whole series. */
	chart_size(h->n <= 3 ? 1.0 : h->n <= 60 ? 0.6 : 0.35);
	for (size_t i = 0; i < h->n; i++) {
		a = h->rows[i].stats[s];
		if (a.known) {
			px = x[i];
			py = (double)a.value;
			plstring(1, &px, &py, CHART_DOT);
		}
	}
	chart_size(1.0);
}

int
chart_history(const char *path, enum chart_format f,
    const struct host_report *r, const struct history *h, char **cause)
{
	struct chart c;
	bool known[HISTORY_NSERIES], gaps = false;
	struct count v, latest;
	double *x = NULL, x0, x1, max = 0, top, step, lx, span, disp;
	char *title, *sub, num[64];
	size_t i, k;

	for (k = 0; k < HISTORY_NSERIES; k++) {
		known[k] = false;
		for (i = 0; i < h->n; i++) {
			v = h->rows[i].stats[history_series[k].stat];
			if (v.known) {
				known[k] = true;
				if ((double)v.value > max)
					max = (double)v.value;
			}
		}
		for (i = 0; known[k] && i < h->n; i++) {
			if (!h->rows[i].stats[history_series[k].stat].known)
				gaps = true;
		}
	}
	step = chart_scale(max, &top);
	if (chart_begin(&c, path, f, 1.0, cause) != 0)
		return (-1);
	plvpor(chart_y_margin(top, 0.08, &disp), 0.97, 0.2, 0.83);

	if (h->n == 0) {
		chart_titles(r, "usage history", NULL);
		chart_note(0.5, 0.5, 0.5, 1.4, "No collections recorded yet.");
		return (chart_end(&c, cause));
	}
	title = xasprintf("usage history to %s", h->rows[h->n - 1].date);
	if (h->n == 1)
		sub = xasprintf("One collection so far (%s): each later run "
		    "adds a point.", h->rows[0].date);
	else
		sub = xasprintf("%zu collections from %s to %s.", h->n,
		    h->rows[0].date, h->rows[h->n - 1].date);
	chart_titles(r, title, sub);
	free(title);
	free(sub);

	x = xreallocarray(NULL, h->n, sizeof *x);
	for (i = 0; i < h->n; i++)
		x[i] = history_day(&h->rows[i]);
	/*
	 * A short span is shown as the week to the last collection (no
	 * future dates), with edges at half days so no date sits on one.
	 */
	span = x[h->n - 1] - x[0];
	if (span < 6) {
		x0 = x[h->n - 1] - 6.5;
		x1 = x[h->n - 1] + 0.5;
	} else {
		x0 = x[0] - span * 0.04;
		x1 = x[h->n - 1] + span * 0.04;
	}
	plwind(x0, x1, 0, top);
	plslabelfunc(chart_axis_label, NULL);
	plcol0(COL_GRID);
	plbox("", 0, 0, "g", step, 1);
	history_date_axis(x0, x1, x[h->n - 1], top);

	lx = 0.08;
	for (k = 0; k < HISTORY_NSERIES; k++) {
		if (!known[k]) {
			sub = xasprintf("%s: unknown on every date",
			    history_series[k].name);
			lx = chart_legend_entry(lx, 0.065, -1, sub);
			free(sub);
			continue;
		}
		history_draw_series(h, x, k);
		latest = h->rows[h->n - 1].stats[history_series[k].stat];
		sub = xasprintf("%s, latest %s", history_series[k].name,
		    chart_count_text(num, sizeof num, latest));
		lx = chart_legend_entry(lx, 0.065, history_series[k].colour,
		    sub);
		free(sub);
	}
	free(x);

	plcol0(COL_TEXT);
	plbox("bc", 0, 0, "bcntvo", step, 1);
	plslabelfunc(NULL, NULL);
	plmtex("l", disp, 0.5, 0.5, "in the last month, at each run");
	if (gaps)
		chart_note(0.03, 0.025, 0, 0.85, "A line breaks where a value "
		    "was unknown (no access log, or a format without it).");
	else if (!known[0] || !known[1] || !known[2])
		chart_note(0.03, 0.025, 0, 0.85, "An unknown series is not "
		    "drawn: no access log was read, or its format lacks "
		    "addresses or times.");
	return (chart_end(&c, cause));
}

/*
 * The summary chart: per host, a pair of horizontal bars (sessions and
 * unique IPs in the last month), and a red band naming the error for a
 * host that failed. The page grows taller with the number of hosts so a
 * fleet stays readable.
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
#include "out_chart.h"
#include "summary.h"
#include "xmalloc.h"

#define SUMMARY_LABEL_MAX 32	/* characters of a host label shown */
#define SUMMARY_ERROR_MAX 90	/* characters of an error shown */
/* Page height for n hosts, in pixels of the usual 700-pixel page. */
#define SUMMARY_PAGE_BASE 260.0
#define SUMMARY_PAGE_ROW  36.0
#define SUMMARY_MAX_STRETCH 12.0

static const struct {
	enum stat_row	 stat;
	int		 colour;
	const char	*name;
} summary_bars[] = {
	{ STAT_SESSIONS_LAST_MONTH, COL_GREEN, "Sessions last month" },
	{ STAT_UNIQUE_IPS_LAST_MONTH, COL_ORANGE, "Unique IPs last month" },
};
#define SUMMARY_NBARS	(sizeof summary_bars / sizeof summary_bars[0])

/* Draws one failed host's band and error across the plot. */
static void
summary_draw_failed(const struct summary_row *row, double y, double top)
{
	PLFLT vx0, vx1, vy0, vy1, def, ht, sx0, sx1, sy0, sy1;
	const char *error;
	char *text = NULL;
	double room = 0;

	plcol0(COL_FAIL_BG);
	chart_rect(0, top, y - 0.46, y + 0.46);
	error = row->error != NULL && *row->error != '\0' ? row->error :
	    "no reason recorded";
	plcol0(COL_FAIL);
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_BOLD);
	chart_size(0.85);
	/* The plot's width in character heights (bold is wider: 10%). */
	plgvpd(&vx0, &vx1, &vy0, &vy1);
	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	if (ht > 0)
		room = (vx1 - vx0) * (sx1 - sx0) / ht * 0.97 / 1.1;
	/* The longest cut of the error that fits. */
	for (size_t max = SUMMARY_ERROR_MAX; max >= 10; max -= 5) {
		char *err = chart_text(error, max, NULL);

		free(text);
		text = xasprintf("FAILED: %s", err);
		free(err);
		if (chart_text_chars(text) <= room)
			break;
	}
	plptex(top * 0.01, y, 1, 0, 0, text);
	chart_size(1.0);
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
	plcol0(COL_TEXT);
	free(text);
}

/* Draws one collected host's pair of bars, each labelled with its value. */
static void
summary_draw_ok(const struct summary_row *row, double y, double top)
{
	struct count v;
	double y0, y1;
	char num[64];

	for (size_t k = 0; k < SUMMARY_NBARS; k++) {
		v = row->stats[summary_bars[k].stat];
		/* First bar above the row's middle, second below. */
		y0 = k == 0 ? y + 0.03 : y - 0.37;
		y1 = y0 + 0.34;
		if (v.known && v.value > 0) {
			plcol0(summary_bars[k].colour);
			chart_rect(0, (double)v.value, y0, y1);
		}
		plcol0(v.known ? COL_TEXT : COL_NOTE);
		chart_size(0.75);
		plptex((v.known ? (double)v.value : 0) + top * 0.006,
		    (y0 + y1) / 2, 1, 0, 0, chart_count_text(num, sizeof num,
		    v));
		chart_size(1.0);
	}
	plcol0(COL_TEXT);
}

int
chart_summary(const char *path, enum chart_format f,
    const struct summary *s, const char *date, char **cause)
{
	struct chart c;
	const struct summary_row *row;
	struct count v;
	size_t n, i, k, failed;
	double stretch, max = 0, top, step, left, y, lx, width = 0, rows;
	PLFLT def, ht, sx0, sx1, sy0, sy1;
	char *title, *sub, *name;

	/* As many hosts as fit the tallest page; the CSV has them all. */
	n = s->n;
	if (n > (size_t)((SUMMARY_MAX_STRETCH * 700 - SUMMARY_PAGE_BASE) /
	    SUMMARY_PAGE_ROW))
		n = (size_t)((SUMMARY_MAX_STRETCH * 700 - SUMMARY_PAGE_BASE) /
		    SUMMARY_PAGE_ROW);
	stretch = (SUMMARY_PAGE_BASE + SUMMARY_PAGE_ROW * (double)n) / 700;
	failed = summary_failed(s);
	for (i = 0; i < n; i++) {
		row = &s->rows[i];
		name = chart_text(row->host, SUMMARY_LABEL_MAX, NULL);
		if (chart_text_chars(name) > width)
			width = chart_text_chars(name);
		free(name);
		for (k = 0; row->ok && k < SUMMARY_NBARS; k++) {
			v = row->stats[summary_bars[k].stat];
			if (v.known && (double)v.value > max)
				max = (double)v.value;
		}
	}
	if (chart_begin(&c, path, f, stretch, cause) != 0)
		return (-1);

	/* Left margin wide enough for the longest label. */
	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	left = 0.1;
	if (sx1 > sx0)
		left = (width + 2.5) * ht / (sx1 - sx0);
	if (left < 0.08)
		left = 0.08;
	if (left > 0.35)
		left = 0.35;
	plvpor(left, 0.95, chart_bottom(0.15), chart_top(0.83));

	title = xasprintf("Shiny Server fleet " CHART_DASH " summary on %s",
	    date);
	if (s->n > n)
		sub = xasprintf("First %zu of %zu hosts (all are in the CSV); "
		    "%zu failed. Counts are for each host's last-month window.",
		    n, s->n, failed);
	else
		sub = xasprintf("%zu host%s: %zu collected, %zu failed. Counts "
		    "are for each host's last-month window.", s->n,
		    s->n == 1 ? "" : "s", s->n - failed, failed);
	chart_titles_text(title, sub);
	free(title);
	free(sub);
	if (n == 0) {
		chart_note(0.5, 0.5, 0.5, 1.4, "No hosts in this summary.");
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
		row = &s->rows[i];
		y = rows - (double)i - 0.5;
		if (row->ok)
			summary_draw_ok(row, y, top);
		else
			summary_draw_failed(row, y, top);
		name = chart_text(row->host, SUMMARY_LABEL_MAX, NULL);
		plcol0(row->ok ? COL_TEXT : COL_FAIL);
		plmtex("lv", 0.8, y / rows, 1.0, name);
		free(name);
	}
	plcol0(COL_TEXT);
	plbox("bcnto", step, 1, "bc", 0, 0);
	plslabelfunc(NULL, NULL);

	lx = 0.03;
	for (k = 0; k < SUMMARY_NBARS; k++)
		lx = chart_legend_box(lx, chart_bottom(0.04),
		    summary_bars[k].colour, summary_bars[k].name);
	if (failed > 0)
		chart_legend_box(lx, chart_bottom(0.04), COL_FAIL_BG,
		    "Failed (with its error)");
	return (chart_end(&c, cause));
}

/*
 * The usage chart: bars of the headline counts of usage_stats, each
 * labelled with its value.
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

int
chart_usage(const char *path, enum chart_format f,
    const struct host_report *r, const char *date, char **cause)
{
	static const struct {
		enum stat_row	 row;
		const char	*name;
		int		 colour;
	} bars[] = {
		{ STAT_TOTAL_SESSIONS, "Total Sessions", COL_BLUE },
		{ STAT_SESSIONS_LAST_MONTH, "Sessions Last Month", COL_SKY },
		{ STAT_TOTAL_APPS, "Total Apps", COL_GREEN },
		{ STAT_UNIQUE_IPS, "Unique IPs", COL_ORANGE },
	};
	const size_t nbars = sizeof bars / sizeof bars[0];
	struct chart c;
	struct count v;
	double max = 0, top, step;
	char *title, *sub, num[64];

	for (size_t i = 0; i < nbars; i++) {
		v = r->stats[bars[i].row];
		if (v.known && (double)v.value > max)
			max = (double)v.value;
	}
	if (chart_begin(&c, path, f, 1.0, cause) != 0)
		return (-1);

	plvpor(0.08, 0.97, 0.16, 0.83);
	step = chart_scale(max, &top);
	plwind(0, (PLFLT)nbars, 0, top);

	title = xasprintf("usage on %s", date);
	sub = xasprintf("Shiny Server sessions, apps and client addresses "
	    "(last month = the last %d days)", r->window_days);
	chart_titles(r, title, sub);
	free(title);
	free(sub);

	plslabelfunc(chart_axis_label, NULL);
	plcol0(COL_GRID);
	plbox("", 0, 0, "g", step, 1);

	for (size_t i = 0; i < nbars; i++) {
		v = r->stats[bars[i].row];
		if (v.known && v.value > 0) {
			plcol0(bars[i].colour);
			chart_rect((double)i + 0.18, (double)i + 0.82, 0,
			    (double)v.value);
		}
		plcol0(COL_TEXT);
		chart_size(1.25);
		plptex((double)i + 0.5, (v.known ? (double)v.value : 0) +
		    top * 0.045, 1, 0, 0.5, chart_count_text(num, sizeof num, v));
		chart_size(1.1);
		plmtex("b", 1.6, ((double)i + 0.5) / (double)nbars, 0.5,
		    bars[i].name);
		chart_size(1.0);
	}
	plcol0(COL_TEXT);
	plbox("bc", 0, 0, "bcntvo", step, 1);
	plslabelfunc(NULL, NULL);

	if (!r->stats[STAT_UNIQUE_IPS].known) {
		sub = xasprintf("Unique IPs: n/a, %s.",
		    chart_unknown_reason(r));
		chart_note(0.03, 0.065, 0, 0.85, sub);
		free(sub);
	}
	chart_note(0.03, 0.03, 0, 0.85, "Sessions are R worker processes (one "
	    "log file each); Unique IPs are client addresses in the access "
	    "log.");
	return (chart_end(&c, cause));
}

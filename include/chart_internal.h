/*
 * What the chart files share (src/chart.c): the page, colours, safe text,
 * numbers, axes and the title, legend and note helpers. Not for use outside
 * src/chart*.c; the public interface is out_chart.h. Everything here draws
 * on plplot's one global stream, so on the main thread only.
 */
#ifndef SU_CHART_INTERNAL_H
#define SU_CHART_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <plplot.h>

#include "atomicfile.h"
#include "out_chart.h"
#include "report.h"

#define CHART_DOT	"\xe2\x97\x8f"	/* U+25CF BLACK CIRCLE */
#define CHART_DASH	"\xe2\x80\x94"	/* U+2014 EM DASH */

/* Colour map 0 entries set up by chart_begin. */
enum {
	COL_BG,		/* white background */
	COL_TEXT,	/* near-black text and axes */
	COL_GRID,	/* light grey grid */
	COL_NOTE,	/* grey notes */
	COL_BLUE,
	COL_SKY,
	COL_GREEN,
	COL_ORANGE,
	COL_FAIL,	/* dark red: a failed host */
	COL_FAIL_BG,	/* pale red band behind it */
	COL_COUNT
};

/* One chart being drawn. */
struct chart {
	struct atomic_file	af;
	enum chart_format	f;
};

/*
 * Starts a chart: checks the device, reserves the temporary output file,
 * sets page, colours and font and calls plinit. stretch (>= 1) makes the
 * page that many times taller than the usual one, with text and ticks
 * kept at their usual size (plplot scales them with the page). Returns 0,
 * or -1 with *cause and nothing left behind.
 */
int chart_begin(struct chart *c, const char *path, enum chart_format f,
	double stretch, char **cause);
/*
 * Ends a chart: plend writes the file, which is then checked and renamed
 * into place. Returns 0, or -1 with *cause (the temporary file removed).
 */
int chart_end(struct chart *c, char **cause);

/*
 * Page heights for a stretched page: y is a page fraction as it would be
 * on a page of the usual height, measured from the top (chart_top) or the
 * bottom (chart_bottom); the result is the fraction on this page.
 */
double chart_top(double y);
double chart_bottom(double y);

/*
 * Makes untrusted text safe for plplot: control characters and invalid
 * UTF-8 become '?', '#' becomes "##", and text longer than max (> 3)
 * characters is cut to max - 3 followed by "...". Returns an allocated
 * string (the caller frees it); *nchars, when not NULL, gets the number
 * of characters shown.
 */
char *chart_text(const char *in, size_t max, size_t *nchars);
/* "<host> (<label>)" when they differ. Returns an allocated plplot string. */
char *chart_host(const struct host_report *r);

/* Formats v with thousands separators ("-12,345") into buf; returns buf. */
const char *chart_number(char *buf, size_t size, int64_t v);
/* A count for a label: "12,345", or "n/a" when unknown; returns buf. */
const char *chart_count_text(char *buf, size_t size, struct count c);
/* Why access-log columns are unknown: no log at all, or its format. */
const char *chart_unknown_reason(const struct host_report *r);

/* Axis labels as whole numbers with separators (plbox option "o"). */
void chart_axis_label(PLINT axis, PLFLT value, char *label, PLINT length,
	PLPointer data);
/*
 * A tick step of 1, 2 or 5 times a power of ten giving about six ticks
 * up to max, never below 1 (counts are whole numbers). *top gets the
 * axis end: max plus headroom for the value labels, rounded up to a step.
 */
double chart_scale(double max, double *top);

/* Text size relative to the base size that suits the page. */
void chart_size(double scale);

/* The plot's viewport and window, saved while drawing in page fractions. */
struct chart_vp {
	PLFLT	vx0, vx1, vy0, vy1, wx0, wx1, wy0, wy1;
};
/* Saves the viewport and window, then maps the whole page to [0,1]^2. */
void chart_page_enter(struct chart_vp *vp);
void chart_page_leave(const struct chart_vp *vp);
/* Writes text at (x, y) in page fractions (0,0 bottom left). */
void chart_page_text(double x, double y, double just, const char *text);
/* Width of text in character heights, and in page fractions at the
 * current size (estimates: plplot cannot measure text). */
double chart_text_chars(const char *text);
double chart_text_width(const char *text);
/*
 * The left margin (page fraction, at least min) that fits y tick labels
 * up to top and a rotated axis title left of them; *disp gets the
 * title's plmtex("l") displacement.
 */
double chart_y_margin(double top, double min, double *disp);

/*
 * Title "<host> -- <what>" (bold, larger) and a grey subtitle at the top
 * of the page. Frees nothing: what and subtitle stay the caller's.
 */
void chart_titles(const struct host_report *r, const char *what,
	const char *subtitle);
/* The same with a title that is already plplot-safe text. */
void chart_titles_text(const char *title, const char *subtitle);
/* A grey note at (x, y) in page fractions, text size scale. */
void chart_note(double x, double y, double just, double scale,
	const char *text);
/*
 * Draws one legend entry at (x, y) in page fractions: a line with a dot
 * in colour, then the text; colour -1 draws the text alone, in grey.
 * Returns the x where the next entry can start.
 */
double chart_legend_entry(double x, double y, int colour, const char *text);
/* A legend entry with a filled square in colour, for bar charts. */
double chart_legend_box(double x, double y, int colour, const char *text);

/* Fills the rectangle [x0,x1] x [y0,y1] in world coordinates. */
void chart_rect(double x0, double x1, double y0, double y1);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t chart_days_from_civil(int y, int m, int d);
void chart_civil_from_days(int64_t days, int *y, int *m, int *d);
/* "Jan".."Dec", "?" outside 1..12. */
const char *chart_month_name(int m);

#endif

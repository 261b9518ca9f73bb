/*
 * Charts with plplot's cairo devices. plplot has one global stream and
 * calls exit() when a device is missing or the output file cannot be
 * opened, so each chart checks the device with plgDevs() and reserves a
 * writable temporary file before plinit, and runs plinit..plend on the
 * main thread. Text from remote hosts (app and host names) goes through
 * chart_text: '#' is plplot's escape character and bytes that are not
 * UTF-8 would reach pango.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <plplot.h>

#include "atomicfile.h"
#include "out_chart.h"
#include "xmalloc.h"

/* Page size: pixels for PNG, points (1/72 in) for SVG and PDF. */
#define CHART_WIDTH	1200
#define CHART_HEIGHT	700
#define CHART_VEC_WIDTH	900
#define CHART_VEC_HEIGHT 525

/* plplot's default text is too large for a chart of this size. */
#define CHART_TEXT_SCALE 0.8

#define CHART_DOT	"\xe2\x97\x8f"	/* U+25CF BLACK CIRCLE */

#define CHART_MAX_APPS	15	/* bars in the apps chart */
#define CHART_NAME_MAX	40	/* characters of an app name shown */

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
	COL_COUNT
};

static const struct {
	int r, g, b;
} chart_palette[COL_COUNT] = {
	[COL_BG]	= { 255, 255, 255 },
	[COL_TEXT]	= { 33, 33, 33 },
	[COL_GRID]	= { 221, 221, 221 },
	[COL_NOTE]	= { 110, 110, 110 },
	/* Okabe-Ito colours: distinct for colour-blind readers. */
	[COL_BLUE]	= { 0, 114, 178 },
	[COL_SKY]	= { 86, 180, 233 },
	[COL_GREEN]	= { 0, 158, 115 },
	[COL_ORANGE]	= { 213, 94, 0 },
};

static const struct {
	const char	*ext;
	const char	*device;
} chart_formats[] = {
	[CHART_PNG] = { "png", "pngcairo" },
	[CHART_SVG] = { "svg", "svgcairo" },
	[CHART_PDF] = { "pdf", "pdfcairo" },
};
#define CHART_NFORMATS (sizeof chart_formats / sizeof chart_formats[0])

/* One chart being drawn. */
struct chart {
	struct atomic_file	af;
	enum chart_format	f;
};

const char *
chart_format_ext(enum chart_format f)
{
	if ((unsigned)f >= CHART_NFORMATS)
		return (NULL);
	return (chart_formats[f].ext);
}

int
chart_format_parse(const char *s)
{
	if (s == NULL)
		return (-1);
	for (size_t i = 0; i < CHART_NFORMATS; i++) {
		if (strcmp(s, chart_formats[i].ext) == 0)
			return ((int)i);
	}
	return (-1);
}

bool
chart_device_available(enum chart_format f)
{
	/* plgDevs fills caller-sized arrays and stops one short of ndev. */
	const char *menu[256], *names[256];
	const char **pm = menu, **pn = names;
	int ndev = 256;

	if ((unsigned)f >= CHART_NFORMATS)
		return (false);
	plgDevs(&pm, &pn, &ndev);
	for (int i = 0; i < ndev && i < 256; i++) {
		if (names[i] != NULL &&
		    strcmp(names[i], chart_formats[f].device) == 0)
			return (true);
	}
	return (false);
}

/*
 * Decodes one UTF-8 sequence at s (n bytes left). Returns its length,
 * or 0 when it is not valid UTF-8 (overlong, surrogate, truncated).
 */
static size_t
chart_utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;

	if (s[0] < 0x80)
		return (1);
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return (0);
	if (n < len)
		return (0);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return (0);
	return (len);
}

/*
 * Makes untrusted text safe for plplot: control characters and invalid
 * UTF-8 become '?', '#' becomes "##", and text longer than max (> 3)
 * characters is cut to max - 3 followed by "...". Returns an allocated
 * string (the caller frees it); *nchars, when not NULL, gets the number
 * of characters shown.
 */
static char *
chart_text(const char *in, size_t max, size_t *nchars)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t n = strlen((const char *)s), count = 0, o = 0, cut = 0, len;
	char *out = xmalloc(2 * n + 4);

	for (size_t i = 0; i < n; i += len) {
		if (++count == max - 2)
			cut = o;	/* where "..." goes if the text is too long */
		len = chart_utf8_len(s + i, n - i);
		if (len == 0 || s[i] < 0x20 || s[i] == 0x7f) {
			out[o++] = '?';
			len = len == 0 ? 1 : len;
		} else if (s[i] == '#') {
			out[o++] = '#';
			out[o++] = '#';
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
	}
	if (count > max && max > 3) {
		memcpy(out + cut, "...", 4);
		count = max;
	} else
		out[o] = '\0';
	if (nchars != NULL)
		*nchars = count;
	return (out);
}

/* Formats v with thousands separators ("-12,345") into buf. */
static const char *
chart_number(char *buf, size_t size, int64_t v)
{
	char d[32];
	size_t n, o = 0;

	snprintf(d, sizeof d, "%" PRId64, v);
	n = strlen(d);
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		buf[o++] = d[i];
		if (d[i] != '-' && i + 1 < n && (n - i - 1) % 3 == 0)
			buf[o++] = ',';
	}
	buf[o] = '\0';
	return (buf);
}

/* Axis labels as whole numbers with separators (plbox option "o"). */
static void
chart_axis_label(PLINT axis, PLFLT value, char *label, PLINT length,
    PLPointer data)
{
	char buf[64];

	if (length <= 0)
		return;
	if (fabs(value) >= 1e15 || fabs(value - round(value)) > 1e-6)
		snprintf(label, (size_t)length, "%.3g", value);
	else
		snprintf(label, (size_t)length, "%s",
		    chart_number(buf, sizeof buf, (int64_t)llround(value)));
}

/*
 * A tick step of 1, 2 or 5 times a power of ten giving about six ticks
 * up to max, never below 1 (counts are whole numbers). *top gets the
 * axis end: max plus headroom for the value labels, rounded up to a step.
 */
static double
chart_scale(double max, double *top)
{
	double raw, mag, n, step;

	if (max < 1)
		max = 1;
	raw = max * 1.12 / 6;
	mag = pow(10, floor(log10(raw)));
	n = raw / mag;
	step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
	if (step < 1)
		step = 1;
	*top = ceil(max * 1.12 / step) * step;
	if (*top <= max)
		*top += step;
	return (step);
}

/* Text size relative to the base size that suits the page. */
static void
chart_size(double scale)
{
	plschr(0, scale * CHART_TEXT_SCALE);
}

/* "<host> (<label>)" when they differ. Returns an allocated plplot string. */
static char *
chart_host(const struct host_report *r)
{
	char *host, *label, *s;

	host = chart_text(r->hostname ? r->hostname : r->label, 60, NULL);
	if (r->label == NULL || r->hostname == NULL ||
	    strcmp(r->label, r->hostname) == 0)
		return (host);
	label = chart_text(r->label, 40, NULL);
	s = xasprintf("%s (%s)", host, label);
	free(host);
	free(label);
	return (s);
}

/*
 * Starts a chart: checks the device, reserves the temporary output file,
 * sets page, colours and font and calls plinit. Returns 0, or -1 with
 * *cause and nothing left behind.
 */
static int
chart_begin(struct chart *c, const char *path, enum chart_format f,
    char **cause)
{
	memset(c, 0, sizeof *c);
	if (chart_format_ext(f) == NULL) {
		*cause = xasprintf("%s: unknown chart format %d", path, (int)f);
		return (-1);
	}
	if (!chart_device_available(f)) {
		*cause = xasprintf("%s: plplot has no %s device (install "
		    "plplot-driver-cairo)", path, chart_formats[f].device);
		return (-1);
	}
	/* plplot reads "%n" in a file name as a family member number. */
	if (strstr(path, "%n") != NULL) {
		*cause = xasprintf("%s: plplot cannot write a file whose name "
		    "contains \"%%n\"", path);
		return (-1);
	}
	if (atomic_reserve(&c->af, path, cause) != 0)
		return (-1);
	c->f = f;

	plsdev(chart_formats[f].device);
	plsfnam(c->af.tmp_path);
	if (f == CHART_PNG)
		plspage(0, 0, CHART_WIDTH, CHART_HEIGHT, 0, 0);
	else
		plspage(0, 0, CHART_VEC_WIDTH, CHART_VEC_HEIGHT, 0, 0);
	plscolbg(chart_palette[COL_BG].r, chart_palette[COL_BG].g,
	    chart_palette[COL_BG].b);
	plscmap0n(COL_COUNT);
	for (int i = 0; i < COL_COUNT; i++)
		plscol0(i, chart_palette[i].r, chart_palette[i].g,
		    chart_palette[i].b);
	plinit();
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
	chart_size(1.0);
	pladv(0);
	plcol0(COL_TEXT);
	return (0);
}

/*
 * True when the file ends as a whole PNG, PDF or SVG does. plplot and
 * cairo do not report write errors (a full disk, a file size limit), so
 * the trailer is what shows the file was written to the end.
 */
static bool
chart_file_complete(const char *path, enum chart_format f)
{
	static const unsigned char iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D',
	    0xae, 0x42, 0x60, 0x82 };
	unsigned char tail[64];
	size_t n;
	FILE *fp;
	long size;

	if ((fp = fopen(path, "rb")) == NULL)
		return (false);
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) <= 0 ||
	    fseek(fp, size > (long)sizeof tail ? size - (long)sizeof tail : 0,
	    SEEK_SET) != 0) {
		fclose(fp);
		return (false);
	}
	n = fread(tail, 1, sizeof tail, fp);
	fclose(fp);
	if (f == CHART_PNG)
		return (n >= sizeof iend &&
		    memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0);
	return (memmem(tail, n, f == CHART_PDF ? "%%EOF" : "</svg>",
	    f == CHART_PDF ? 5 : 6) != NULL);
}

/*
 * Ends a chart: plend writes the file, which is then checked and renamed
 * into place. Returns 0, or -1 with *cause (the temporary file removed).
 */
static int
chart_end(struct chart *c, char **cause)
{
	plend();
	if (!chart_file_complete(c->af.tmp_path, c->f)) {
		*cause = xasprintf("%s: the chart was not written completely "
		    "(disk full?)", c->af.path);
		atomic_abort(&c->af);
		return (-1);
	}
	return (atomic_commit(&c->af, cause));
}

/* The plot's viewport and window, saved while drawing in page fractions. */
struct chart_vp {
	PLFLT	vx0, vx1, vy0, vy1, wx0, wx1, wy0, wy1;
};

/* Saves the viewport and window, then maps the whole page to [0,1]^2. */
static void
chart_page_enter(struct chart_vp *vp)
{
	plgvpd(&vp->vx0, &vp->vx1, &vp->vy0, &vp->vy1);
	plgvpw(&vp->wx0, &vp->wx1, &vp->wy0, &vp->wy1);
	plvpor(0, 1, 0, 1);
	plwind(0, 1, 0, 1);
}

static void
chart_page_leave(const struct chart_vp *vp)
{
	plvpor(vp->vx0, vp->vx1, vp->vy0, vp->vy1);
	/* Before the caller's plwind there is no window to restore. */
	if (vp->wx0 != vp->wx1 && vp->wy0 != vp->wy1)
		plwind(vp->wx0, vp->wx1, vp->wy0, vp->wy1);
}

/* Writes text at (x, y) in page fractions (0,0 bottom left). */
static void
chart_page_text(double x, double y, double just, const char *text)
{
	struct chart_vp vp;

	chart_page_enter(&vp);
	plptex(x, y, 1, 0, just, text);
	chart_page_leave(&vp);
}

/*
 * Title "<host> -- <what>" (bold, larger) and a grey subtitle at the top
 * of the page. Frees nothing: what and subtitle stay the caller's.
 */
static void
chart_titles(const struct host_report *r, const char *what,
    const char *subtitle)
{
	char *host, *title;

	host = chart_host(r);
	title = xasprintf("%s \xe2\x80\x94 %s", host, what);
	plcol0(COL_TEXT);
	chart_size(1.45);
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_BOLD);
	chart_page_text(0.03, 0.935, 0.0, title);
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
	chart_size(1.0);
	if (subtitle != NULL) {
		plcol0(COL_NOTE);
		chart_page_text(0.03, 0.89, 0.0, subtitle);
	}
	plcol0(COL_TEXT);
	free(host);
	free(title);
}

/* A grey note at (x, y) in page fractions, text size scale. */
static void
chart_note(double x, double y, double just, double scale, const char *text)
{
	plcol0(COL_NOTE);
	chart_size(scale);
	chart_page_text(x, y, just, text);
	chart_size(1.0);
	plcol0(COL_TEXT);
}

/* A count for a label: "12,345", or "n/a" when unknown. */
static const char *
chart_count_text(char *buf, size_t size, struct count c)
{
	if (!c.known) {
		snprintf(buf, size, "n/a");
		return (buf);
	}
	return (chart_number(buf, size, c.value));
}

/* Fills the rectangle [x0,x1] x [y0,y1] in world coordinates. */
static void
chart_rect(double x0, double x1, double y0, double y1)
{
	PLFLT x[4] = { x0, x0, x1, x1 }, y[4] = { y0, y1, y1, y0 };

	plfill(4, x, y);
}

/* Why access-log columns are unknown: no log at all, or its format. */
static const char *
chart_unknown_reason(const struct host_report *r)
{
	if (!r->stats[STAT_REQUESTS].known)
		return ("unknown (no access log read)");
	return ("unknown for this log format");
}

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
	if (chart_begin(&c, path, f, cause) != 0)
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
	if (chart_begin(&c, path, f, cause) != 0)
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

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static int64_t
chart_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

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

/*
 * Draws one legend entry at (x, y) in page fractions: a line with a dot
 * in colour, then the text; colour -1 draws the text alone, in grey.
 * Returns the x where the next entry can start.
 */
static double
chart_legend_entry(double x, double y, int colour, const char *text)
{
	struct chart_vp vp;
	PLFLT def, ht, sx0, sx1, sy0, sy1, px = x + 0.02, py = y;
	double w = 0.02 * (double)strlen(text);

	chart_page_enter(&vp);
	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	/* DejaVu Sans averages about 0.6 em per character. */
	if (sx1 > sx0)
		w = (double)strlen(text) * 0.6 * ht / (sx1 - sx0);
	if (colour >= 0) {
		plcol0(colour);
		plwidth(2.5);
		pljoin(x, y, x + 0.04, y);
		plwidth(1.0);
		chart_size(0.6);
		plstring(1, &px, &py, CHART_DOT);
		chart_size(1.0);
		plcol0(COL_TEXT);
		x += 0.05;
	} else
		plcol0(COL_NOTE);
	plptex(x, y, 1, 0, 0, text);
	plcol0(COL_TEXT);
	chart_page_leave(&vp);
	return (x + w + 0.04);
}

int
chart_daily(const char *path, enum chart_format f,
    const struct host_report *r, const char *date, char **cause)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
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
	double max = 0, top, step, lx;
	size_t i, k, every;
	struct count v;
	const struct daily_row *d;
	char *title, *sub, label[32];

	/* Session logs stand in only when the access log gives neither. */
	known[0] = chart_series_known(r, &all[0]);
	known[1] = chart_series_known(r, &all[1]);
	known[2] = !known[0] && !known[1];
	if (chart_begin(&c, path, f, cause) != 0)
		return (-1);
	plvpor(0.08, 0.97, 0.2, 0.83);

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
		for (k = 0; k < 3; k++) {
			v = chart_day_value(d, all[k].offset);
			if (known[k] && v.known && (double)v.value > max)
				max = (double)v.value;
		}
	}
	x0 = x[0] - 43200;
	x1 = x[r->ndays - 1] + 43200;
	step = chart_scale(max, &top);
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
		    d->month >= 1 && d->month <= 12 ? months[d->month - 1] :
		    "?", d->day);
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
	plmtex("l", 4.2, 0.5, 0.5, "per day");
	return (chart_end(&c, cause));
}

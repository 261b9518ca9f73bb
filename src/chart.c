/*
 * What every chart shares: formats and devices, the page, safe text,
 * numbers, axes, titles, legends. plplot has one global stream and calls
 * exit() when a device is missing or the output file cannot be opened,
 * so chart_begin checks the device with plgDevs() and reserves a writable
 * temporary file before plinit, and plinit..plend run on the main thread.
 * Text from remote hosts (app and host names) goes through chart_text:
 * '#' is plplot's escape character and bytes that are not UTF-8 would
 * reach pango.
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
#include "chart_internal.h"
#include "out_chart.h"
#include "xmalloc.h"

/* Page size: pixels for PNG, points (1/72 in) for SVG and PDF. */
#define CHART_WIDTH	1200
#define CHART_HEIGHT	700
#define CHART_VEC_WIDTH	900
#define CHART_VEC_HEIGHT 525

/* plplot's default text is too large for a chart of this size. */
#define CHART_TEXT_SCALE 0.8

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
	[COL_FAIL]	= { 178, 24, 43 },
	[COL_FAIL_BG]	= { 253, 228, 228 },
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

/*
 * The page being drawn (plplot has one stream, so one page at a time):
 * how much taller than usual it is, and the text factor that undoes
 * plplot's scaling of text with the page size.
 */
static double chart_stretch = 1.0;
static double chart_text_factor = 1.0;

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

char *
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

const char *
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

const char *
chart_count_text(char *buf, size_t size, struct count c)
{
	if (!c.known) {
		snprintf(buf, size, "n/a");
		return (buf);
	}
	return (chart_number(buf, size, c.value));
}

const char *
chart_unknown_reason(const struct host_report *r)
{
	if (!r->stats[STAT_REQUESTS].known)
		return ("unknown (no access log read)");
	return ("unknown for this log format");
}

void
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

double
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

void
chart_size(double scale)
{
	plschr(0, scale * CHART_TEXT_SCALE * chart_text_factor);
}

double
chart_top(double y)
{
	return (1 - (1 - y) / chart_stretch);
}

double
chart_bottom(double y)
{
	return (y / chart_stretch);
}

char *
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

int
chart_begin(struct chart *c, const char *path, enum chart_format f,
    double stretch, char **cause)
{
	double w, h;

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

	if (!(stretch >= 1))
		stretch = 1;
	if (stretch > 12)
		stretch = 12;
	w = f == CHART_PNG ? CHART_WIDTH : CHART_VEC_WIDTH;
	h = (f == CHART_PNG ? CHART_HEIGHT : CHART_VEC_HEIGHT) * stretch;
	chart_stretch = stretch;
	/* plplot's default text height grows with width + height. */
	chart_text_factor = (CHART_WIDTH + CHART_HEIGHT) /
	    (CHART_WIDTH + CHART_HEIGHT * stretch);

	plsdev(chart_formats[f].device);
	plsfnam(c->af.tmp_path);
	plspage(0, 0, (PLINT)w, (PLINT)lround(h), 0, 0);
	plscolbg(chart_palette[COL_BG].r, chart_palette[COL_BG].g,
	    chart_palette[COL_BG].b);
	plscmap0n(COL_COUNT);
	for (int i = 0; i < COL_COUNT; i++)
		plscol0(i, chart_palette[i].r, chart_palette[i].g,
		    chart_palette[i].b);
	plinit();
	plsmaj(0, chart_text_factor);
	plsmin(0, chart_text_factor);
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

int
chart_end(struct chart *c, char **cause)
{
	plend();
	chart_stretch = 1.0;
	chart_text_factor = 1.0;
	if (!chart_file_complete(c->af.tmp_path, c->f)) {
		*cause = xasprintf("%s: the chart was not written completely "
		    "(disk full?)", c->af.path);
		atomic_abort(&c->af);
		return (-1);
	}
	return (atomic_commit(&c->af, cause));
}

void
chart_page_enter(struct chart_vp *vp)
{
	plgvpd(&vp->vx0, &vp->vx1, &vp->vy0, &vp->vy1);
	plgvpw(&vp->wx0, &vp->wx1, &vp->wy0, &vp->wy1);
	plvpor(0, 1, 0, 1);
	plwind(0, 1, 0, 1);
}

void
chart_page_leave(const struct chart_vp *vp)
{
	plvpor(vp->vx0, vp->vx1, vp->vy0, vp->vy1);
	/* Before the caller's plwind there is no window to restore. */
	if (vp->wx0 != vp->wx1 && vp->wy0 != vp->wy1)
		plwind(vp->wx0, vp->wx1, vp->wy0, vp->wy1);
}

void
chart_page_text(double x, double y, double just, const char *text)
{
	struct chart_vp vp;

	chart_page_enter(&vp);
	plptex(x, y, 1, 0, just, text);
	chart_page_leave(&vp);
}

/*
 * The width of text in character heights (plplot's unit for text
 * placement), from DejaVu Sans advance widths grouped by shape; its em is
 * about 4/3 of plplot's character height.
 */
double
chart_text_chars(const char *text)
{
	double em = 0;

	for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
		if ((*s & 0xc0) == 0x80)
			continue;	/* a UTF-8 continuation byte */
		if (*s >= 0x80)
			em += 0.75;
		else if (strchr("fijlrtI!'()*,-./:;[]` |", *s) != NULL)
			em += 0.36;
		else if (strchr("mwMW%@", *s) != NULL)
			em += 0.9;
		else if (*s >= 'A' && *s <= 'Z')
			em += 0.7;
		else
			em += 0.62;
	}
	return (em * 4 / 3);
}

double
chart_text_width(const char *text)
{
	PLFLT def, ht, sx0, sx1, sy0, sy1;

	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	if (sx1 <= sx0)
		return (0.02 * chart_text_chars(text));
	return (chart_text_chars(text) * ht / (sx1 - sx0));
}

double
chart_y_margin(double top, double min, double *disp)
{
	PLFLT def, ht, sx0, sx1, sy0, sy1;
	char buf[64];
	double left;

	/* Tick labels sit about one character height off the axis. */
	*disp = chart_text_chars(chart_number(buf, sizeof buf,
	    (int64_t)llround(top))) + 1.6;
	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	if (sx1 <= sx0)
		return (min);
	left = (*disp + 1.4) * ht / (sx1 - sx0);
	return (left > min ? left : min);
}

void
chart_titles_text(const char *title, const char *subtitle)
{
	plcol0(COL_TEXT);
	chart_size(1.45);
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_BOLD);
	chart_page_text(0.03, chart_top(0.935), 0.0, title);
	plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
	chart_size(1.0);
	if (subtitle != NULL) {
		plcol0(COL_NOTE);
		chart_page_text(0.03, chart_top(0.89), 0.0, subtitle);
	}
	plcol0(COL_TEXT);
}

void
chart_titles(const struct host_report *r, const char *what,
    const char *subtitle)
{
	char *host, *title;

	host = chart_host(r);
	title = xasprintf("%s " CHART_DASH " %s", host, what);
	chart_titles_text(title, subtitle);
	free(host);
	free(title);
}

void
chart_note(double x, double y, double just, double scale, const char *text)
{
	plcol0(COL_NOTE);
	chart_size(scale);
	chart_page_text(x, y, just, text);
	chart_size(1.0);
	plcol0(COL_TEXT);
}

double
chart_legend_entry(double x, double y, int colour, const char *text)
{
	struct chart_vp vp;
	PLFLT px = x + 0.02, py = y;
	double w;

	chart_page_enter(&vp);
	w = chart_text_width(text);
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

double
chart_legend_box(double x, double y, int colour, const char *text)
{
	struct chart_vp vp;
	PLFLT def, ht, sx0, sx1, sy0, sy1;
	double w, half = 0.01;

	chart_page_enter(&vp);
	w = chart_text_width(text);
	/* A square: half the text height, in page fractions each way. */
	plgchr(&def, &ht);
	plgspa(&sx0, &sx1, &sy0, &sy1);
	plcol0(colour);
	if (sx1 > sx0 && sy1 > sy0)
		chart_rect(x, x + ht / (sx1 - sx0), y - ht / 2 / (sy1 - sy0),
		    y + ht / 2 / (sy1 - sy0));
	else
		chart_rect(x, x + 2 * half, y - half, y + half);
	plcol0(COL_TEXT);
	x += 0.025;
	plptex(x, y, 1, 0, 0, text);
	chart_page_leave(&vp);
	return (x + w + 0.04);
}

void
chart_rect(double x0, double x1, double y0, double y1)
{
	PLFLT x[4] = { x0, x0, x1, x1 }, y[4] = { y0, y1, y1, y0 };

	plfill(4, x, y);
}

/* Hinnant's algorithms (proleptic Gregorian calendar). */
int64_t
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

void
chart_civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

const char *
chart_month_name(int m)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

	return (m >= 1 && m <= 12 ? months[m - 1] : "?");
}

/*
 * Shiny Server access-log lines. Shiny Server writes them with node's
 * morgan, so a format is a morgan format string: literals and tokens
 * (":name" or ":name[arg]"). A string is compiled once into a list of
 * elements; a line is matched against it left to right. Tokens that may
 * hold any text (referrer, user agent) are matched with bounded
 * backtracking, because real logs do not escape quotes inside them.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "accesslog.h"
#include "xmalloc.h"

/* What text a token may match. */
enum al_class {
	AL_LITERAL,
	AL_WORD,	/* non-empty, no blanks */
	AL_ADDR,	/* a WORD other than "-" */
	AL_METHOD,	/* letters, '-' and '_' */
	AL_VERSION,	/* digits '.' digits */
	AL_STATUS,	/* three digits, or "-" for a request aborted before its response */
	AL_NUMBER,	/* response-time: digits, optional fraction, or "-" */
	AL_TEXT,	/* anything, blanks and quotes included */
	AL_DATE_CLF,
	AL_DATE_ISO,
	AL_DATE_WEB,
};

/* Which record field an element fills (only its first occurrence). */
enum al_field { AF_NONE, AF_ADDR, AF_TIME, AF_METHOD, AF_URL, AF_STATUS };

struct al_elem {
	enum al_class	 cls;
	enum al_field	 field;
	const char	*lit;		/* AL_LITERAL: points into f->text */
	size_t		 lit_len;
	size_t		 min_len;	/* shortest text this element matches */
	size_t		 min_rest;	/* sum of min_len from here to the end */
};

struct accesslog_format {
	char		*name;
	char		*text;
	struct al_elem	*elems;
	size_t		 nelems;
	bool		 has_addr;
	bool		 has_time;
};

/* Matching state of one line. budget bounds the work on hostile lines. */
struct al_state {
	const struct accesslog_format	*f;
	const char			*line;
	size_t				 len;
	long				 budget;
	struct access_record		*rec;
};

#define AL_MAX_SPEC	4096
#define AL_MAX_ELEMS	128

#define AL_COMBINED	":remote-addr - :remote-user [:date[clf]] " \
	"\":method :url HTTP/:http-version\" :status :res[content-length]"
static const struct {
	const char	*name;
	const char	*spec;
} al_named[] = {
	/* Richest first: accesslog_detect prefers earlier ones on ties. */
	{ "combined", AL_COMBINED " \":referrer\" \":user-agent\"" },
	{ "common", AL_COMBINED },
	{ "short", ":remote-addr :remote-user :method :url "
	    "HTTP/:http-version :status :res[content-length] - "
	    ":response-time ms" },
	/* dev's colour codes are stripped from lines before matching. */
	{ "dev", ":method :url :status :response-time ms - "
	    ":res[content-length]" },
	{ "tiny", ":method :url :status :res[content-length] - "
	    ":response-time ms" },
	/* Shiny Server writes "default" exactly as combined. */
	{ "default", AL_COMBINED " \":referrer\" \":user-agent\"" },
};
#define AL_NDETECT	5

static bool	al_match(struct al_state *, size_t, size_t);

/*
 * Checks for control bytes and removes ANSI CSI sequences ("ESC [ params
 * final") in place. Returns false on a byte no access log holds (NUL,
 * other controls, a broken escape), true with *lenp updated otherwise.
 */
static bool
al_clean(char *line, size_t *lenp)
{
	size_t		 len = *lenp, i, o;
	unsigned char	 c;
	bool		 esc = false;

	for (i = 0; i < len; i++) {
		c = (unsigned char)line[i];
		if (c >= 0x20 && c != 0x7f)
			continue;
		if (c == 0x1b)
			esc = true;
		else if (c != '\t')
			return false;
	}
	if (!esc)
		return true;
	for (i = o = 0; i < len; /* nothing */) {
		if (line[i] != 0x1b) {
			line[o++] = line[i++];
			continue;
		}
		if (i + 1 >= len || line[i + 1] != '[')
			return false;
		i += 2;
		while (i < len && line[i] >= 0x30 && line[i] <= 0x3f)
			i++;
		while (i < len && line[i] >= 0x20 && line[i] <= 0x2f)
			i++;
		if (i >= len || line[i] < 0x40 || line[i] > 0x7e)
			return false;
		i++;
	}
	*lenp = o;
	return true;
}

/* Reads n decimal digits. Returns true and *v, or false. */
static bool
al_digits(const char *s, size_t n, int *v)
{
	int	 x = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

/* Returns 1..12 for "Jan".."Dec", 0 for anything else. */
static int
al_month(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

	for (int m = 0; m < 12; m++)
		if (memcmp(s, months + m * 3, 3) == 0)
			return m + 1;
	return 0;
}

/*
 * Validates a civil UTC time and converts it to Unix seconds (days from
 * civil, Howard Hinnant's algorithm; timegm would take a lock). Returns
 * false for month 13, Feb 30, hour 24 and the like, or years before 1970.
 */
static bool
al_mktime(int y, int mo, int d, int h, int mi, int s, int64_t *t)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int64_t		 era, yoe, doy, doe, yy;
	int		 dim;

	if (y < 1970 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59)
		return false;
	dim = mdays[mo - 1];
	if (mo == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		dim = 29;
	if (d < 1 || d > dim)
		return false;
	yy = mo <= 2 ? y - 1 : y;
	era = yy / 400;
	yoe = yy - era * 400;
	doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*t = (era * 146097 + doe - 719468) * 86400 + h * 3600 + mi * 60 + s;
	return true;
}

/* Parses "+hhmm" or "+hh:mm" (colon allowed when colon_ok). Returns the
 * bytes used and *secs east of UTC, or 0. */
static size_t
al_offset(const char *s, size_t n, bool colon_ok, int *secs)
{
	int	 hh, mm;
	size_t	 used;

	if (n < 5 || (s[0] != '+' && s[0] != '-') || !al_digits(s + 1, 2, &hh))
		return 0;
	if (colon_ok && s[3] == ':') {
		if (n < 6 || !al_digits(s + 4, 2, &mm))
			return 0;
		used = 6;
	} else {
		if (!al_digits(s + 3, 2, &mm))
			return 0;
		used = 5;
	}
	if (hh > 23 || mm > 59)
		return 0;
	*secs = (hh * 3600 + mm * 60) * (s[0] == '-' ? -1 : 1);
	return used;
}

/* "05/Mar/2024:14:02:11 +0000". Returns 26 and *t, or 0. */
static size_t
al_date_clf(const char *s, size_t n, int64_t *t)
{
	int	 d, mo, y, h, mi, sec, off;

	if (n < 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' ||
	    s[14] != ':' || s[17] != ':' || s[20] != ' ')
		return 0;
	if (!al_digits(s, 2, &d) || (mo = al_month(s + 3)) == 0 ||
	    !al_digits(s + 7, 4, &y) || !al_digits(s + 12, 2, &h) ||
	    !al_digits(s + 15, 2, &mi) || !al_digits(s + 18, 2, &sec) ||
	    al_offset(s + 21, 5, false, &off) != 5)
		return 0;
	if (!al_mktime(y, mo, d, h, mi, sec, t))
		return 0;
	*t -= off;
	return 26;
}

/* "2026-12-04T15:24:32.944Z" (fraction optional, Z or an offset).
 * Returns the bytes used and *t, or 0. */
static size_t
al_date_iso(const char *s, size_t n, int64_t *t)
{
	int	 y, mo, d, h, mi, sec, off = 0;
	size_t	 i, used;

	if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':')
		return 0;
	if (!al_digits(s, 4, &y) || !al_digits(s + 5, 2, &mo) ||
	    !al_digits(s + 8, 2, &d) || !al_digits(s + 11, 2, &h) ||
	    !al_digits(s + 14, 2, &mi) || !al_digits(s + 17, 2, &sec))
		return 0;
	i = 19;
	if (s[i] == '.') {
		for (i++; i < n && i < 30 && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
		if (i == 20)
			return 0;
	}
	if (i < n && s[i] == 'Z')
		i++;
	else if ((used = al_offset(s + i, n - i, true, &off)) != 0)
		i += used;
	else
		return 0;
	if (!al_mktime(y, mo, d, h, mi, sec, t))
		return 0;
	*t -= off;
	return i;
}

/* "Tue, 05 Mar 2024 14:02:11 GMT". Returns 29 and *t, or 0. */
static size_t
al_date_web(const char *s, size_t n, int64_t *t)
{
	static const char days[] = "SunMonTueWedThuFriSat";
	int	 d, mo, y, h, mi, sec, wd;

	if (n < 29 || memcmp(s + 3, ", ", 2) != 0 || s[7] != ' ' ||
	    s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
	    memcmp(s + 25, " GMT", 4) != 0)
		return 0;
	for (wd = 0; wd < 7; wd++)
		if (memcmp(s, days + wd * 3, 3) == 0)
			break;
	if (wd == 7 || !al_digits(s + 5, 2, &d) ||
	    (mo = al_month(s + 8)) == 0 || !al_digits(s + 12, 4, &y) ||
	    !al_digits(s + 17, 2, &h) || !al_digits(s + 20, 2, &mi) ||
	    !al_digits(s + 23, 2, &sec))
		return 0;
	if (!al_mktime(y, mo, d, h, mi, sec, t))
		return 0;
	return 29;
}

/* Whether [s, s + n) is acceptable text for a variable-length class. */
static bool
al_valid(enum al_class cls, const char *s, size_t n)
{
	size_t	 i;
	int	 v;

	switch (cls) {
	case AL_TEXT:
		return true;
	case AL_WORD:
		return n > 0;
	case AL_ADDR:
		return n > 0 && !(n == 1 && s[0] == '-');
	case AL_METHOD:
		for (i = 0; i < n; i++)
			if ((s[i] < 'A' || s[i] > 'Z') &&
			    (s[i] < 'a' || s[i] > 'z') && s[i] != '-' &&
			    s[i] != '_')
				return false;
		return n > 0;
	case AL_STATUS:
		return (n == 1 && s[0] == '-') || (n == 3 && al_digits(s, 3, &v));
	case AL_VERSION:
	case AL_NUMBER:
		if (cls == AL_NUMBER && n == 1 && s[0] == '-')
			return true;
		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
		if (i == 0)
			return false;
		if (i == n)
			return cls == AL_NUMBER;
		if (s[i] != '.' || ++i == n)
			return false;
		for (; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return false;
		return true;
	default:
		return false;
	}
}

/* Stores a variable-length token's text into the record. */
static void
al_capture(struct al_state *st, const struct al_elem *e, const char *s,
    size_t n)
{
	struct access_record	*rec = st->rec;
	size_t			 i;

	switch (e->field) {
	case AF_ADDR:
		/* "::ffff:a.b.c.d" is an IPv4 client of a server on "::". */
		if (n > 7 && strncasecmp(s, "::ffff:", 7) == 0) {
			for (i = 7; i < n; i++)
				if ((s[i] < '0' || s[i] > '9') && s[i] != '.')
					break;
			if (i == n && memchr(s + 7, '.', n - 7) != NULL) {
				s += 7;
				n -= 7;
			}
		}
		rec->addr = s;
		rec->addr_len = n;
		break;
	case AF_METHOD:
		rec->method = s;
		rec->method_len = n;
		break;
	case AF_URL:
		rec->url = s;
		rec->url_len = n;
		break;
	case AF_STATUS:
		if (n == 3)
			al_digits(s, 3, &rec->status);
		break;
	default:
		break;
	}
}

/* Where a blank-free token starting at pos must end at the latest. */
static size_t
al_span(struct al_state *st, size_t pos, size_t limit)
{
	const char	*s = st->line;
	size_t		 i;

	for (i = pos; i < limit && s[i] != ' ' && s[i] != '\t'; i++)
		continue;
	st->budget -= (long)(i - pos);
	return i;
}

/*
 * Matches the variable-length token elems[i] at pos and the rest of the
 * line after it, trying its possible ends shortest first. Returns true
 * when the whole line matched.
 */
static bool
al_match_var(struct al_state *st, size_t i, size_t pos)
{
	const struct accesslog_format	*f = st->f;
	const struct al_elem		*e = &f->elems[i], *next;
	const char			*s = st->line, *hit;
	size_t				 limit, p;

	/* The token cannot eat what the elements after it need. */
	limit = i + 1 < f->nelems ? st->len - f->elems[i + 1].min_rest :
	    st->len;
	if (e->cls != AL_TEXT)
		limit = al_span(st, pos, limit);
	if (i + 1 == f->nelems) {
		if (limit != st->len || !al_valid(e->cls, s + pos, limit - pos))
			return false;
		al_capture(st, e, s + pos, limit - pos);
		return true;
	}
	next = &f->elems[i + 1];
	if (next->cls == AL_LITERAL && i + 2 == f->nelems) {
		/* A closing literal is anchored at the end of the line. */
		p = st->len - next->lit_len;
		if (p < pos || p > limit ||
		    memcmp(s + p, next->lit, next->lit_len) != 0 ||
		    !al_valid(e->cls, s + pos, p - pos))
			return false;
		al_capture(st, e, s + pos, p - pos);
		return true;
	}
	for (p = pos + e->min_len; p <= limit; p++) {
		if (next->cls == AL_LITERAL) {
			hit = memchr(s + p, next->lit[0], limit - p + 1);
			if (hit == NULL)
				break;
			st->budget -= (long)(hit - (s + p)) + 1;
			p = (size_t)(hit - s);
			if (memcmp(s + p, next->lit, next->lit_len) != 0)
				continue;
		}
		if (--st->budget < 0)
			return false;
		if (!al_valid(e->cls, s + pos, p - pos))
			continue;
		al_capture(st, e, s + pos, p - pos);
		if (next->cls == AL_LITERAL) {
			if (al_match(st, i + 2, p + next->lit_len))
				return true;
		} else if (al_match(st, i + 1, p))
			return true;
		if (st->budget < 0)
			return false;
	}
	return false;
}

/* Matches elems[i..] at pos. Returns true when the whole line matched. */
static bool
al_match(struct al_state *st, size_t i, size_t pos)
{
	const struct accesslog_format	*f = st->f;
	const struct al_elem		*e;
	size_t				 n;
	int64_t				 t = 0;

	for (; i < f->nelems; i++) {
		e = &f->elems[i];
		if (st->len - pos < e->min_rest || --st->budget < 0)
			return false;
		switch (e->cls) {
		case AL_LITERAL:
			if (memcmp(st->line + pos, e->lit, e->lit_len) != 0)
				return false;
			pos += e->lit_len;
			continue;
		case AL_DATE_CLF:
			n = al_date_clf(st->line + pos, st->len - pos, &t);
			break;
		case AL_DATE_ISO:
			n = al_date_iso(st->line + pos, st->len - pos, &t);
			break;
		case AL_DATE_WEB:
			n = al_date_web(st->line + pos, st->len - pos, &t);
			break;
		default:
			return al_match_var(st, i, pos);
		}
		if (n == 0)
			return false;
		if (e->field == AF_TIME)
			st->rec->time = t;
		pos += n;
	}
	return pos == st->len;
}

bool
accesslog_parse_line(const struct accesslog_format *f, char *line,
    size_t len, struct access_record *rec)
{
	static const struct access_record	 empty = { .time = -1,
	    .status = -1 };
	struct al_state				 st;

	*rec = empty;
	if (len > ACCESSLOG_MAX_LINE || !al_clean(line, &len))
		return false;
	st.f = f;
	st.line = line;
	st.len = len;
	/* Linear in the line: a normal line needs about one pass. */
	st.budget = 8 * (long)len + 256;
	st.rec = rec;
	if (!al_match(&st, 0, 0)) {
		*rec = empty;
		return false;
	}
	return true;
}

/* The shortest text each class matches (morgan writes "-" for nothing). */
static const size_t al_min_len[] = {
	[AL_LITERAL] = 0, [AL_WORD] = 1, [AL_ADDR] = 1, [AL_METHOD] = 1,
	[AL_VERSION] = 3, [AL_STATUS] = 1, [AL_NUMBER] = 1, [AL_TEXT] = 0,
	[AL_DATE_CLF] = 26, [AL_DATE_ISO] = 20, [AL_DATE_WEB] = 29,
};

/* Appends an element, merging adjacent literals. Returns false when the
 * format has too many elements. */
static bool
al_add(struct accesslog_format *f, enum al_class cls, enum al_field field,
    const char *lit, size_t lit_len)
{
	struct al_elem	*e;

	if (cls == AL_LITERAL && f->nelems > 0 &&
	    f->elems[f->nelems - 1].cls == AL_LITERAL) {
		/* Literal bytes are copied contiguously into f->text. */
		f->elems[f->nelems - 1].lit_len += lit_len;
		f->elems[f->nelems - 1].min_len += lit_len;
		return true;
	}
	if (f->nelems == AL_MAX_ELEMS)
		return false;
	e = &f->elems[f->nelems++];
	e->cls = cls;
	e->field = field;
	e->lit = lit;
	e->lit_len = lit_len;
	e->min_len = cls == AL_LITERAL ? lit_len : al_min_len[cls];
	return true;
}

/* Maps a token to its class and field. Returns false with *cause for a
 * token whose argument morgan would not understand. */
static bool
al_token(struct accesslog_format *f, const char *name, size_t name_len,
    const char *arg, size_t arg_len, char **cause)
{
	enum al_class	 cls = AL_WORD;
	enum al_field	 field = AF_NONE;
	size_t		 i;

#define IS(s)	(name_len == sizeof(s) - 1 && memcmp(name, s, name_len) == 0)
#define ARG(s)	(arg_len == sizeof(s) - 1 && strncasecmp(arg, s, arg_len) == 0)
	if (IS("remote-addr")) {
		cls = AL_ADDR;
		field = AF_ADDR;
		f->has_addr = true;
	} else if (IS("date")) {
		if (arg == NULL || ARG("web"))
			cls = AL_DATE_WEB;
		else if (ARG("clf"))
			cls = AL_DATE_CLF;
		else if (ARG("iso"))
			cls = AL_DATE_ISO;
		else {
			*cause = xasprintf("unknown date format \"%.*s\" "
			    "(morgan knows clf, iso and web)", (int)arg_len,
			    arg);
			return false;
		}
		field = AF_TIME;
		f->has_time = true;
	} else if (IS("method")) {
		cls = AL_METHOD;
		field = AF_METHOD;
	} else if (IS("url"))
		field = AF_URL;
	else if (IS("http-version"))
		cls = AL_VERSION;
	else if (IS("status")) {
		cls = AL_STATUS;
		field = AF_STATUS;
	} else if (IS("response-time") || IS("total-time"))
		cls = AL_NUMBER;
	else if (IS("referrer") || IS("referer") || IS("user-agent"))
		cls = AL_TEXT;
	else if ((IS("res") || IS("req")) && arg != NULL &&
	    !ARG("content-length"))
		cls = AL_TEXT;	/* other headers may hold blanks */
#undef IS
#undef ARG
	/* Only a field's first occurrence fills the record. */
	for (i = 0; field != AF_NONE && i < f->nelems; i++)
		if (f->elems[i].field == field)
			field = AF_NONE;
	if (!al_add(f, cls, field, NULL, 0)) {
		*cause = xstrdup("access log format has too many tokens");
		return false;
	}
	return true;
}

/* Whether c may appear in a morgan token name ([-\w]). */
static bool
al_namechar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Compiles a morgan format string. Returns the format or NULL, *cause. */
static struct accesslog_format *
al_compile(const char *name, const char *spec, char **cause)
{
	struct accesslog_format	*f;
	const char		*p, *arg, *close;
	size_t			 len = strlen(spec), n, tlen = 0, ntok = 0;

	if (len > AL_MAX_SPEC) {
		*cause = xasprintf("access log format is longer than %d bytes",
		    AL_MAX_SPEC);
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	f->name = xstrdup(name);
	f->text = xmalloc(len + 1);
	f->elems = xcalloc(AL_MAX_ELEMS, sizeof *f->elems);
	for (p = spec; *p != '\0'; /* nothing */) {
		for (n = 0; p[0] == ':' && al_namechar(p[1 + n]); n++)
			continue;
		if (n < 2) {
			/* Literal text; copied, so literals stay contiguous. */
			f->text[tlen] = *p++;
			if (!al_add(f, AL_LITERAL, AF_NONE, f->text + tlen, 1))
				goto toolong;
			tlen++;
			continue;
		}
		arg = NULL;
		close = NULL;
		if (p[1 + n] == '[' && p[2 + n] != ']')
			close = strchr(p + 2 + n, ']');
		if (close != NULL)
			arg = p + 2 + n;
		if (!al_token(f, p + 1, n, arg, arg ? (size_t)(close - arg) : 0,
		    cause))
			goto fail;
		ntok++;
		p = close != NULL ? close + 1 : p + 1 + n;
	}
	if (ntok == 0) {
		*cause = xasprintf("unknown access log format \"%s\" (expected "
		    "combined, common, short, tiny, dev or a morgan format "
		    "string with :tokens)", spec);
		goto fail;
	}
	n = 0;
	for (size_t i = f->nelems; i-- > 0; /* nothing */) {
		n += f->elems[i].min_len;
		f->elems[i].min_rest = n;
	}
	return f;

toolong:
	*cause = xstrdup("access log format has too many tokens");
fail:
	accesslog_format_free(f);
	return NULL;
}

struct accesslog_format *
accesslog_format_new(const char *spec, char **cause)
{
	struct accesslog_format	*f;
	char			*copy;
	size_t			 len;

	*cause = NULL;
	for (size_t i = 0; i < sizeof al_named / sizeof al_named[0]; i++) {
		if (strcmp(spec, al_named[i].name) == 0)
			return al_compile(spec, al_named[i].spec, cause);
	}
	if (strcmp(spec, "auto") == 0) {
		*cause = xstrdup("\"auto\" is not a format: detect it");
		return NULL;
	}
	/* Lines lose their colour codes before matching: so must the format. */
	len = strlen(spec);
	copy = xstrndup(spec, len);
	if (!al_clean(copy, &len)) {
		*cause = xstrdup("access log format holds control characters");
		free(copy);
		return NULL;
	}
	copy[len] = '\0';
	f = al_compile(spec, copy, cause);
	free(copy);
	return f;
}

void
accesslog_format_free(struct accesslog_format *f)
{
	if (f == NULL)
		return;
	free(f->name);
	free(f->text);
	free(f->elems);
	free(f);
}

const char *
accesslog_format_name(const struct accesslog_format *f)
{
	return f->name;
}

bool
accesslog_format_has_addr(const struct accesslog_format *f)
{
	return f->has_addr;
}

bool
accesslog_format_has_time(const struct accesslog_format *f)
{
	return f->has_time;
}

struct accesslog_format *
accesslog_detect(char *const *lines, const size_t *lens, size_t n)
{
	struct accesslog_format	*f, *best = NULL;
	struct access_record	 rec;
	char			*buf = NULL, *cause;
	size_t			 cap = 0, count, best_count = 0;

	for (size_t k = 0; k < AL_NDETECT; k++) {
		f = accesslog_format_new(al_named[k].name, &cause);
		if (f == NULL)
			continue;	/* built-in formats always compile */
		count = 0;
		for (size_t i = 0; i < n; i++) {
			if (lens[i] > ACCESSLOG_MAX_LINE)
				continue;
			/* Parsing modifies the line: work on a copy. */
			if (lens[i] + 1 > cap) {
				cap = lens[i] + 1;
				buf = xreallocarray(buf, cap, 1);
			}
			memcpy(buf, lines[i], lens[i]);
			if (accesslog_parse_line(f, buf, lens[i], &rec))
				count++;
		}
		if (count > best_count) {
			accesslog_format_free(best);
			best = f;
			best_count = count;
		} else
			accesslog_format_free(f);
	}
	free(buf);
	return best;
}

bool
accesslog_sockjs_visit(const char *url, size_t url_len,
    const char **app_path, size_t *app_path_len, const char **id,
    size_t *id_len)
{
	static const char	 marker[] = "/__sockjs__/";
	const size_t		 mlen = sizeof marker - 1;
	const char		*q, *hit, *start, *end;
	size_t			 plen;

	/* Only the path counts, not the query string. */
	q = memchr(url, '?', url_len);
	plen = q != NULL ? (size_t)(q - url) : url_len;
	hit = memmem(url, plen, marker, mlen);
	if (hit == NULL)
		return false;
	start = hit + mlen;
	if ((size_t)(url + plen - start) < 3 || start[0] != 'n' ||
	    start[1] != '=')
		return false;
	start += 2;
	for (end = start; end < url + plen && *end != '/' && *end != '#';
	    end++)
		continue;
	if (end == start)
		return false;
	*app_path = url;
	*app_path_len = (size_t)(hit - url) + 1;	/* keep the '/' */
	*id = start;
	*id_len = (size_t)(end - start);
	return true;
}

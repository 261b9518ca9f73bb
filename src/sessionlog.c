/*
 * Shiny Server worker-log names and contents.
 *
 * A worker log is named by lib/scheduler/scheduler.js as
 * "<app>-<user>-<YYYYMMDD>-<HHmmss>-<port>.log". Both app (a directory
 * basename) and user may contain dashes, so the name is read from the
 * right: the fixed-width fields first, then the user as the single field
 * before the date, and the app as everything before that. A dash inside
 * a user name cannot be told apart from one inside the app name; Shiny
 * Server's own names give no way to, so the app takes the extra fields.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "sessionlog.h"

/* Longest accepted ".log.N" rotation number (logrotate's "rotate N"). */
#define SESSIONLOG_ROTATION_DIGITS 6

/* True when s[0..n) are all ASCII digits (n may be 0). */
static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Value of n ASCII digits; the caller checked them and keeps n small. */
static int
digits_value(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool
ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/*
 * Parses exactly eight digits "YYYYMMDD" at s into *y, *m, *d. The year
 * must be 1970-9999 (Shiny Server postdates the epoch). Returns true on a
 * real calendar date, false otherwise.
 */
static bool
parse_date8(const char *s, int *y, int *m, int *d)
{
	if (!all_digits(s, 8))
		return false;
	*y = digits_value(s, 4);
	*m = digits_value(s + 4, 2);
	*d = digits_value(s + 6, 2);
	if (*y < 1970 || *m < 1 || *m > 12)
		return false;
	return *d >= 1 && *d <= days_in_month(*y, *m);
}

/*
 * Strips the rotation suffix from name[0..*len): ".gz" last, then ".N" or
 * "-YYYYMMDD" after ".log". Sets *len to the length of the name ending in
 * ".log" and fills rotation and gz. Returns false when what remains does
 * not end in ".log" or a suffix is malformed.
 */
static bool
strip_rotation(const char *name, size_t *len, struct sessionlog_name *out)
{
	size_t n = *len, i;
	int y, m, d;

	out->rotation = 0;
	out->gz = false;
	if (ends_with(name, n, ".gz")) {
		out->gz = true;
		n -= 3;
	}
	if (ends_with(name, n, ".log")) {
		*len = n;
		return true;
	}

	/* "-YYYYMMDD" (logrotate dateext). */
	if (n >= 9 + 4 && name[n - 9] == '-' &&
	    parse_date8(name + n - 8, &y, &m, &d) &&
	    ends_with(name, n - 9, ".log")) {
		out->rotation = -1;
		*len = n - 9;
		return true;
	}

	/* ".N": digits back to the last '.', no leading zero unless "0". */
	for (i = n; i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9'; i--)
		;
	if (i == n || i == 0 || name[i - 1] != '.')
		return false;
	if (n - i > SESSIONLOG_ROTATION_DIGITS ||
	    (n - i > 1 && name[i] == '0'))
		return false;
	if (!ends_with(name, i - 1, ".log"))
		return false;
	out->rotation = digits_value(name + i, n - i);
	*len = i - 1;
	return true;
}

bool
sessionlog_parse_name(const char *name, struct sessionlog_name *out)
{
	size_t len, i, port_start, user_start, app_len, user_len;
	const char *p;

	if (name == NULL)
		return false;
	len = strnlen(name, sizeof out->base + 64);
	if (len >= sizeof out->base + 64 || memchr(name, '/', len) != NULL)
		return false;
	if (!strip_rotation(name, &len, out))
		return false;
	if (len >= sizeof out->base)
		return false;
	memcpy(out->base, name, len);
	out->base[len] = '\0';

	/* Now name[0..len) ends in ".log"; drop it. */
	len -= 4;

	/* Port: 1-5 digits after the last '-', 1-65535, no leading zero. */
	for (i = len; i > 0 && name[i - 1] != '-'; i--)
		;
	if (i == 0)
		return false;
	port_start = i;
	if (len - port_start < 1 || len - port_start > 5 ||
	    !all_digits(name + port_start, len - port_start) ||
	    name[port_start] == '0')
		return false;
	out->port = digits_value(name + port_start, len - port_start);
	if (out->port < 1 || out->port > 65535)
		return false;

	/* "-YYYYMMDD-HHMMSS" before "-<port>": 1 + 8 + 1 + 6 bytes. */
	if (port_start - 1 < 16)
		return false;
	p = name + port_start - 1 - 16;
	if (p[0] != '-' || p[9] != '-')
		return false;
	if (!parse_date8(p + 1, &out->year, &out->month, &out->day))
		return false;
	if (!all_digits(p + 10, 6))
		return false;
	out->hour = digits_value(p + 10, 2);
	out->minute = digits_value(p + 12, 2);
	out->second = digits_value(p + 14, 2);
	if (out->hour > 23 || out->minute > 59 || out->second > 60)
		return false;

	/* User: the single field before the date; app: all before that. */
	user_len = 0;
	for (i = (size_t)(p - name); i > 0 && name[i - 1] != '-'; i--)
		user_len++;
	if (i == 0 || user_len == 0)
		return false;
	user_start = i;
	app_len = user_start - 1;
	if (app_len == 0)
		return false;
	if (app_len >= sizeof out->app || user_len >= sizeof out->user)
		return false;
	memcpy(out->app, name, app_len);
	out->app[app_len] = '\0';
	memcpy(out->user, name + user_start, user_len);
	out->user[user_len] = '\0';
	return true;
}

bool
sessionlog_line_is_crash(const char *line, size_t len)
{
	static const char in[] = "Error in ", colon[] = "Error: ";

	if (line == NULL)
		return false;
	if (len >= sizeof in - 1 && memcmp(line, in, sizeof in - 1) == 0)
		return true;
	return len >= sizeof colon - 1 &&
	    memcmp(line, colon, sizeof colon - 1) == 0;
}

/* Time zones from the system's TZif files, usable from any thread (unlike
 * setenv("TZ") + mktime), and ISO-8601 time parsing. */
#ifndef SU_TZ_H
#define SU_TZ_H

#include <stddef.h>
#include <stdint.h>

struct tz;

/*
 * Loads an IANA zone ("Europe/Paris") from /usr/share/zoneinfo, or the
 * workstation's zone when name is NULL: $TZ (a leading ':' stripped; a
 * path, a zone name or a POSIX TZ string; empty means UTC), else
 * /etc/localtime, else UTC. Names with characters outside
 * [A-Za-z0-9/_+-] or a leading '/' are refused. Returns a zone the caller
 * frees with tz_free, or NULL with *cause allocated (caller frees).
 */
struct tz *tz_load(const char *name, char **cause);
/* Parses TZif (v1, v2+) bytes; times after the last transition follow the
 * footer's POSIX TZ rule. Returns a zone (tz_free), or NULL with *cause
 * allocated on bad or truncated data. */
struct tz *tz_from_bytes(const unsigned char *buf, size_t len, char **cause);
/* Returns a new UTC zone; the caller frees it with tz_free. */
struct tz *tz_utc(void);
void tz_free(struct tz *tz);	/* NULL is fine */

/* Local wall-clock time in zone -> Unix seconds. Times in a DST gap or
 * overlap resolve with the offset in force just before: in an overlap
 * the earlier instant, in a gap the time read with the old offset
 * (02:30 in a 02:00->03:00 gap is 03:30). Fields out of range roll over. */
int64_t tz_local_to_utc(const struct tz *tz, int year, int month, int day,
	int hour, int minute, int second);

/* Unix seconds -> local calendar date/time in zone. */
struct tz_civil {
	int year, month, day, hour, minute, second;
	int utc_offset;		/* seconds east of UTC */
};
void tz_utc_to_local(const struct tz *tz, int64_t t, struct tz_civil *out);

/* The UTC offset (seconds east) in force at t. When next_change is not
 * NULL it receives an instant > t before which the offset stays the same
 * (INT64_MAX when it never changes), so callers can cache the offset. */
int32_t tz_offset_at(const struct tz *tz, int64_t t, int64_t *next_change);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian,
 * Howard Hinnant's algorithms). Months outside 1-12 roll over. */
int64_t tz_days_from_civil(int year, int month, int day);
void tz_civil_from_days(int64_t days, int *year, int *month, int *day);

/*
 * Parses an ISO-8601 time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]"
 * with optional "Z" or "+HH[[:]MM]"/"-HH[[:]MM]"; ' ' may replace 'T'. A
 * time without offset is local time in zone (UTC when zone is NULL); a
 * date alone is its local midnight. Invalid dates (2026-02-30), hour 24,
 * second 60 and trailing characters are refused. The fraction is
 * dropped. Returns 0 and *out, or -1.
 */
int tz_parse_iso8601(const char *s, const struct tz *zone, int64_t *out);

#endif

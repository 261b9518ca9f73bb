/* Time zones from the system's TZif files, usable from any thread (unlike
 * setenv("TZ") + mktime), and ISO-8601 time parsing. */
#ifndef SU_TZ_H
#define SU_TZ_H

#include <stdint.h>

struct tz;

/* Loads an IANA zone ("Europe/Paris") from /usr/share/zoneinfo, or the
 * workstation's zone when name is NULL ($TZ, else /etc/localtime, else
 * UTC). Returns the zone, or NULL with *cause allocated. */
struct tz *tz_load(const char *name, char **cause);
/* Parses TZif (v1, v2 or v3) bytes. Returns NULL with *cause on bad data. */
struct tz *tz_from_bytes(const unsigned char *buf, size_t len, char **cause);
struct tz *tz_utc(void);
void tz_free(struct tz *tz);

/* Local wall-clock time in zone -> Unix seconds. Times in a DST gap or
 * overlap resolve with the offset in force just before. */
int64_t tz_local_to_utc(const struct tz *tz, int year, int month, int day,
	int hour, int minute, int second);

/* Unix seconds -> local calendar date/time in zone. */
struct tz_civil {
	int year, month, day, hour, minute, second;
	int utc_offset;		/* seconds east of UTC */
};
void tz_utc_to_local(const struct tz *tz, int64_t t, struct tz_civil *out);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
int64_t tz_days_from_civil(int year, int month, int day);
void tz_civil_from_days(int64_t days, int *year, int *month, int *day);

/*
 * Parses an ISO-8601 time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]"
 * with optional "Z" or "+HH[:MM]"/"-HH[:MM]"; ' ' may replace 'T'. A time
 * without offset is local time in zone. Returns 0 and *out, or -1.
 */
int tz_parse_iso8601(const char *s, const struct tz *zone, int64_t *out);

#endif

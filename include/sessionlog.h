/* Shiny Server worker-log names and contents. Pure functions. */
#ifndef SU_SESSIONLOG_H
#define SU_SESSIONLOG_H

#include <stdbool.h>
#include <stddef.h>

#define SESSIONLOG_NAME_MAX 256

struct sessionlog_name {
	char	app[SESSIONLOG_NAME_MAX];	/* app directory basename; may contain '-' */
	char	user[SESSIONLOG_NAME_MAX];	/* run_as user; may contain '-' */
	int	year, month, day;		/* server local time, from the name */
	int	hour, minute, second;
	int	port;
	/* The name without any rotation suffix ("...-46495.log"): copies of one
	 * log share it, so it is the key that counts a log once. */
	char	base[2 * SESSIONLOG_NAME_MAX + 40];
	int	rotation;	/* 0 live (or ".log.0"), N for ".log.N",
				 * -1 for dateext "-YYYYMMDD" */
	bool	gz;		/* ends in ".gz" */
};

/*
 * Parses "<app>-<user>-<YYYYMMDD>-<HHMMSS>-<port>.log" with optional
 * rotation suffix ".N", ".N.gz", "-YYYYMMDD", "-YYYYMMDD.gz" or ".gz",
 * right to left so dashes in app and user names survive. The date and
 * time are range-checked (year 1970-9999, month 1-12, day valid for the
 * month, 00-23, 00-59, 00-60), the port 1-65535 without leading zeros,
 * N at most six digits. The user is the single field before the date and
 * the app everything before it (a dash in a user name is read as part of
 * the app: the name cannot tell them apart). Returns true on success;
 * false for any other name, and for names whose app or user do not fit
 * the fixed buffers (out is then unspecified).
 */
bool sessionlog_parse_name(const char *name, struct sessionlog_name *out);

/*
 * True when one line of a worker log shows R stopping on an error: it
 * begins with "Error in " or "Error: ". "Execution halted" alone is not a
 * crash (every idle worker's log ends with it), and "Warning: Error in"
 * is an error inside a live session that R survived. line need not be
 * NUL-terminated and excludes the newline.
 */
bool sessionlog_line_is_crash(const char *line, size_t len);

#endif

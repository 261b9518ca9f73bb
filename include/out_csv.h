/* CSV outputs (RFC 4180 via libcsv, records ending in "\n"), each written
 * atomically. A field is quoted only when it holds a comma, a quote, a line
 * break, or leading or trailing blanks. */
#ifndef SU_OUT_CSV_H
#define SU_OUT_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/* usage_stats: "Metric,Count", one row per enum stat_row; unknown counts
 * are empty cells. Each returns 0, or -1 with *cause allocated. */
int out_csv_usage(const char *path, const struct host_report *r,
	char **cause);
/* apps: app,session_logs,session_logs_last_month,visits,visits_last_month,
 * unique_ips,requests,crashed_sessions,last_seen (ISO-8601 UTC, empty
 * when never). */
int out_csv_apps(const char *path, const struct host_report *r,
	char **cause);
/* daily: date,session_logs,visits,unique_ips,requests. */
int out_csv_daily(const char *path, const struct host_report *r,
	char **cause);

/* Writes one field, preceded by a comma unless first, quoted (RFC 4180,
 * through libcsv) only when it needs to be. Returns 0, or -1 on a write
 * error. For writers of other CSV files (history, summary). */
int out_csv_field(FILE *fp, const char *s, bool first);

/* Parses a count cell written by these files: empty is unknown, else
 * decimal digits only (no sign, no blanks) that fit an int64. Returns 0
 * with *c set, or -1. */
int out_csv_parse_count(const char *s, struct count *c);

/*
 * Reads a CSV file into rows of fields (for `report` and tests), strictly:
 * a stray or unclosed quote is an error. Returns 0 with *rows and *nrows
 * set (free with out_csv_free_rows), or -1 with *cause naming the file.
 */
struct csv_row {
	char	**fields;
	size_t	  nfields;
};
int out_csv_read(const char *path, struct csv_row **rows, size_t *nrows,
	char **cause);
void out_csv_free_rows(struct csv_row *rows, size_t nrows);

#endif

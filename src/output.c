/*
 * One host's output files: three CSV files, then their charts, then the
 * host's history, under <out>/<label>/; and the fleet summary of a run
 * under <out>/. Each file is written atomically by its writer; the first
 * failure stops the rest, so what is on disk is always whole.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "out_chart.h"
#include "out_csv.h"
#include "output.h"
#include "summary.h"
#include "xmalloc.h"

/*
 * Creates directory path (mode 0755) unless it is already a directory.
 * Returns 0, or -1 with *cause.
 */
static int
output_mkdir(const char *path, char **cause)
{
	struct stat st;

	if (mkdir(path, 0755) == 0)
		return (0);
	if (errno != EEXIST) {
		*cause = xasprintf("%s: cannot create directory: %s", path,
		    strerror(errno));
		return (-1);
	}
	if (stat(path, &st) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: exists and is not a directory", path);
		return (-1);
	}
	return (0);
}

/*
 * True when s can be one path component: labels are validated by config,
 * but a path built from them must never leave the output dir.
 */
static int
output_safe_component(const char *s)
{
	return (s != NULL && *s != '\0' && *s != '.' &&
	    strchr(s, '/') == NULL);
}

/* The CSV writers and chart drawers, in the order files are written. */
static const struct {
	const char	*stem;
	int		(*csv)(const char *, const struct host_report *,
			    char **);
	int		(*chart)(const char *, enum chart_format,
			    const struct host_report *, const char *, char **);
} output_files[] = {
	{ "usage_stats", out_csv_usage, chart_usage },
	{ "apps", out_csv_apps, chart_apps },
	{ "daily", out_csv_daily, chart_daily },
};
#define OUTPUT_NFILES (sizeof output_files / sizeof output_files[0])

/*
 * Checks what every output needs: an output dir, a date and, with charts,
 * a known format (its extension in *ext). Returns 0, or -1 with *cause.
 */
static int
output_check(const struct output_options *o, const char **ext, char **cause)
{
	*ext = NULL;
	if (o->out_dir == NULL || *o->out_dir == '\0') {
		*cause = xstrdup("no output directory given");
		return (-1);
	}
	if (!output_safe_component(o->date) || !history_date_valid(o->date)) {
		*cause = xasprintf("\"%s\": not a usable date for file names "
		    "(YYYY-MM-DD)", o->date ? o->date : "");
		return (-1);
	}
	if (o->charts &&
	    (*ext = chart_format_ext((enum chart_format)o->chart_format)) ==
	    NULL) {
		*cause = xasprintf("unknown chart format %d", o->chart_format);
		return (-1);
	}
	return (0);
}

/*
 * Adds today's row to <dir>/history.csv (replacing a row of the same
 * date), then draws the trend chart when ext is not NULL. An existing
 * file that cannot be read is left as it is. Returns 0, or -1 with
 * *cause naming the file.
 */
static int
output_history(const struct output_options *o, const struct host_report *r,
    const char *dir, const char *ext, char **cause)
{
	struct history h;
	char *path;
	int rc;

	path = xasprintf("%s/%s", dir, HISTORY_FILE);
	rc = history_read(path, &h, cause);
	if (rc == 0)
		rc = history_set(&h, o->date, r->stats, cause);
	if (rc == 0)
		rc = history_write(path, &h, cause);
	free(path);
	if (rc == 0 && ext != NULL) {
		path = xasprintf("%s/history.%s", dir, ext);
		rc = chart_history(path, (enum chart_format)o->chart_format, r,
		    &h, cause);
		free(path);
	}
	history_free(&h);
	return (rc);
}

int
output_host(const struct output_options *o, const struct host_report *r,
    char **cause)
{
	char *dir, *path;
	const char *ext = NULL;
	size_t i;
	int rc = 0;

	if (!r->ok) {
		*cause = xasprintf("%s: no report to write: %s", r->label,
		    r->error ? r->error : "collection failed");
		return (-1);
	}
	if (output_check(o, &ext, cause) != 0)
		return (-1);
	if (!output_safe_component(r->label)) {
		*cause = xasprintf("\"%s\": not a usable host label for an "
		    "output directory", r->label ? r->label : "");
		return (-1);
	}
	if (output_mkdir(o->out_dir, cause) != 0)
		return (-1);
	dir = xasprintf("%s/%s", o->out_dir, r->label);
	if (output_mkdir(dir, cause) != 0) {
		free(dir);
		return (-1);
	}

	for (i = 0; rc == 0 && i < OUTPUT_NFILES; i++) {
		path = xasprintf("%s/%s_%s.csv", dir, output_files[i].stem,
		    o->date);
		rc = output_files[i].csv(path, r, cause);
		free(path);
	}
	for (i = 0; rc == 0 && o->charts && i < OUTPUT_NFILES; i++) {
		path = xasprintf("%s/%s_%s.%s", dir, output_files[i].stem,
		    o->date, ext);
		rc = output_files[i].chart(path,
		    (enum chart_format)o->chart_format, r, o->date, cause);
		free(path);
	}
	if (rc == 0)
		rc = output_history(o, r, dir, ext, cause);
	free(dir);
	return (rc);
}

int
output_summary(const struct output_options *o, const struct summary *run,
    char **cause)
{
	struct summary all;
	const char *ext;
	char *path;
	int rc;

	if (output_check(o, &ext, cause) != 0)
		return (-1);
	if (output_mkdir(o->out_dir, cause) != 0)
		return (-1);
	path = xasprintf("%s/summary_%s.csv", o->out_dir, o->date);
	rc = summary_read(path, &all, cause);
	if (rc == 0) {
		summary_merge(&all, run);
		rc = summary_write(path, &all, cause);
	}
	free(path);
	if (rc == 0 && ext != NULL) {
		path = xasprintf("%s/summary_%s.%s", o->out_dir, o->date, ext);
		rc = chart_summary(path, (enum chart_format)o->chart_format,
		    &all, o->date, cause);
		free(path);
	}
	summary_free(&all);
	return (rc);
}

/* The access log and its rotated siblings, streamed and parsed line by
 * line: memory is bounded by distinct addresses and visits, never by log
 * size. With format "auto" each file's format is detected from its first
 * lines, since a rotation may span a change of format. */
#include <stdlib.h>
#include <string.h>

#include "accesslog.h"
#include "collect_steps.h"
#include "linereader.h"
#include "log.h"
#include "remote.h"
#include "xmalloc.h"

/* Longer lines are counted as skipped: no real request line comes close. */
#define ACCESS_LINE_MAX	(64 * 1024)
/* Lines held back to detect a file's format. */
#define DETECT_LINES	64

struct access_file {
	struct metrics		*metrics;
	struct accesslog_format	*format;	/* NULL while detecting */
	bool			 own_format;	/* detected: freed with the file */
	bool			 undetectable;
	char			*held[DETECT_LINES];
	size_t			 held_len[DETECT_LINES];
	size_t			 nheld;
	uint64_t		 parsed;
	uint64_t		 skipped;
};

static void
parse_line(struct access_file *af, char *line, size_t len)
{
	struct access_record rec;

	if (af->undetectable) {
		af->skipped++;
		return;
	}
	if (accesslog_parse_line(af->format, line, len, &rec)) {
		metrics_add_request(af->metrics, &rec);
		af->parsed++;
	} else
		af->skipped++;
}

/* Picks the format from the held lines, then parses them. An empty file
 * lacks nothing: it is read, with no requests. */
static void
detect_format(struct access_file *af)
{
	if (af->nheld == 0) {
		metrics_begin_access_file(af->metrics, true, true);
		af->undetectable = false;
		return;
	}
	af->format = accesslog_detect(af->held, af->held_len, af->nheld);
	if (af->format == NULL)
		af->undetectable = true;
	else {
		af->own_format = true;
		metrics_begin_access_file(af->metrics,
		    accesslog_format_has_addr(af->format),
		    accesslog_format_has_time(af->format));
	}
	for (size_t i = 0; i < af->nheld; i++) {
		parse_line(af, af->held[i], af->held_len[i]);
		free(af->held[i]);
	}
	af->nheld = 0;
}

static int
access_line_cb(void *arg, char *line, size_t len, bool truncated)
{
	struct access_file *af = arg;

	if (truncated) {
		af->skipped++;
		return 0;
	}
	if (len == 0)
		return 0;
	if (af->format == NULL && !af->undetectable) {
		af->held[af->nheld] = xstrndup(line, len);
		af->held_len[af->nheld] = len;
		if (++af->nheld == DETECT_LINES)
			detect_format(af);
		return 0;
	}
	parse_line(af, line, len);
	return 0;
}

static int
access_sink(void *arg, const char *buf, size_t len)
{
	struct linereader *lr = arg;
	char *cause = NULL;
	int rc = linereader_feed(lr, buf, len, &cause);

	free(cause);
	return rc;
}

/* True for "access.log" siblings written by logrotate: base.N, base.N.gz,
 * base-YYYYMMDD, base-YYYYMMDD.gz and base.gz. */
static bool
is_rotation_of(const char *name, const char *base)
{
	size_t blen = strlen(base), digits = 0;
	const char *p;

	if (strncmp(name, base, blen) != 0)
		return false;
	p = name + blen;
	if (*p == '\0')
		return true;
	if (*p != '.' && *p != '-')
		return false;
	if (strcmp(p, ".gz") == 0)
		return true;
	for (p++; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (digits == 0 || (name[blen] == '-' && digits != 8))
		return false;
	return *p == '\0' || strcmp(p, ".gz") == 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Reads one file. Returns 0 (an unreadable file only warns), or -1 with
 * *cause when the connection broke. */
static int
read_access_file(struct ssh_conn *c, const char *path,
    const struct accesslog_format *configured, struct access_file *af,
    struct host_report *r, struct step_summary *s, char **cause)
{
	struct linereader *lr;
	enum remote_error err;
	char *why = NULL;
	int rc;

	af->format = (struct accesslog_format *)configured;
	if (configured != NULL)
		metrics_begin_access_file(af->metrics,
		    accesslog_format_has_addr(configured),
		    accesslog_format_has_time(configured));
	lr = linereader_new(ends_with(path, ".gz"), ACCESS_LINE_MAX,
	    access_line_cb, af);
	rc = remote_read_file(c, path, access_sink, lr, &err, &why);
	if (rc == 0)
		rc = linereader_finish(lr, &why);
	else if (rc > 0)
		rc = -1;
	linereader_free(lr);
	if (af->format == NULL && !af->undetectable)
		detect_format(af);
	if (af->undetectable)
		report_warn(r, "the format of %s was not recognised: its lines "
		    "are counted as skipped; set access_log_format", path);
	if (rc != 0) {
		if (!collect_connection_alive(c)) {
			*cause = why;
			return -1;
		}
		s->unreadable++;
		report_warn(r, "cannot read %s: %s", path,
		    why ? why : "read failed");
	}
	free(why);
	s->access_files++;
	return 0;
}

int
collect_access(struct ssh_conn *c, const struct host_paths *p,
    struct metrics *m, struct host_report *r, struct step_summary *s,
    char **cause)
{
	struct accesslog_format *configured = NULL;
	struct remote_entry *ents = NULL;
	enum remote_error err;
	size_t n = 0;
	char *dir, *base, *why = NULL;
	uint64_t skipped = 0;
	int rc = 0;

	if (p->access_log == NULL)
		return 0;
	if (strcmp(p->access_log_format, "auto") != 0) {
		configured = accesslog_format_new(p->access_log_format, &why);
		if (configured == NULL) {
			report_warn(r, "access_log_format: %s; detecting the "
			    "format instead", why);
			free(why);
			why = NULL;
		}
	}

	base = strrchr(p->access_log, '/');
	dir = base == p->access_log ? xstrdup("/") :
	    xstrndup(p->access_log, (size_t)(base - p->access_log));
	base++;
	if (remote_list_dir(c, dir, &ents, &n, &err, &why) != 0) {
		if (!collect_connection_alive(c)) {
			*cause = why;
			rc = -1;
		} else if (err != RE_NOT_FOUND ||
		    p->origin[CK_ACCESS_LOG] != ORIGIN_BUILTIN)
			report_warn(r, "cannot read %s: %s", dir, why);
		goto out;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct access_file af = { .metrics = m };
		char *path;

		if (ents[i].kind != RK_FILE || !is_rotation_of(ents[i].name, base))
			continue;
		path = xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "",
		    ents[i].name);
		log_debug(r->label, "reading %s", path);
		rc = read_access_file(c, path, configured, &af, r, s, cause);
		skipped += af.skipped;
		if (af.own_format)
			accesslog_format_free(af.format);
		for (size_t j = 0; j < af.nheld; j++)
			free(af.held[j]);
		free(path);
	}
	if (rc == 0 && s->access_files == 0 &&
	    p->origin[CK_ACCESS_LOG] != ORIGIN_BUILTIN)
		report_warn(r, "access log %s not found", p->access_log);
	metrics_add_skipped_lines(m, skipped);
out:
	if (ents != NULL)
		remote_free_entries(ents, n);
	if (configured != NULL)
		accesslog_format_free(configured);
	free(dir);
	free(why);
	return rc;
}

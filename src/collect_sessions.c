/* Session (R worker) logs: listed with readdir attributes, then the tail
 * of each read with many reads in flight to find the R error that ended
 * it. A log and its rotated copies count once (metrics keys on the base
 * name). */
#include <stdlib.h>
#include <string.h>

#include "collect_steps.h"
#include "linereader.h"
#include "log.h"
#include "remote.h"
#include "sessioncache.h"
#include "sessionlog.h"
#include "xmalloc.h"

/* R stops on an error at the end of its log: the last 256 KiB hold it.
 * Rotated .gz copies are read whole (they are small) up to READ_MAX. */
#define TAIL_BYTES	(256 * 1024)
#define READ_MAX	(1024 * 1024)
#define READS_IN_FLIGHT	64
#define CRASH_LINE_MAX	4096

struct session_file {
	char			*path;
	struct sessionlog_name	 name;
	uint64_t		 size;
	int64_t			 mtime;
	uint64_t		 offset;	/* where the read starts */
};

struct session_scan {
	struct session_file	*files;
	size_t			 n;
	size_t			 cap;
	struct metrics		*metrics;
	struct sessioncache	*cache;		/* NULL: read every log */
	size_t			 unreadable;
};

static int
crash_line_cb(void *arg, char *line, size_t len, bool truncated)
{
	bool *crashed = arg;

	if (!truncated && sessionlog_line_is_crash(line, len))
		*crashed = true;
	return 0;
}

/* Scans a file's bytes for a crash line. A tail read that starts inside
 * the file begins mid-line: that first partial line is dropped. */
static bool
scan_for_crash(const struct session_file *f, const char *data, size_t len)
{
	struct linereader *lr;
	bool crashed = false;
	char *cause = NULL;

	if (f->offset > 0) {
		const char *nl = memchr(data, '\n', len);

		if (nl == NULL)
			return false;
		len -= (size_t)(nl + 1 - data);
		data = nl + 1;
	}
	lr = linereader_new(f->name.gz, CRASH_LINE_MAX, crash_line_cb, &crashed);
	/* A .gz copy cut at READ_MAX still shows the lines before the cut. */
	if (linereader_feed(lr, data, len, &cause) == 0)
		linereader_finish(lr, &cause);
	free(cause);
	linereader_free(lr);
	return crashed;
}

static void
session_read_done(void *arg, size_t index, const char *data, size_t len,
    enum remote_error err)
{
	struct session_scan *scan = arg;
	struct session_file *f = &scan->files[index];
	bool crashed = false;

	if (err != RE_OK)
		scan->unreadable++;
	else {
		crashed = scan_for_crash(f, data, len);
		if (scan->cache != NULL)
			sessioncache_put(scan->cache, f->path, f->size,
			    f->mtime, crashed);
	}
	/* An unreadable log still exists: it counts, without a crash verdict. */
	metrics_add_session_log(scan->metrics, &f->name, crashed);
}

/* Adds the session logs listed in dir to scan. Returns 0, or -1 with
 * *cause when the connection broke; a missing dir only warns. */
static int
list_log_dir(struct ssh_conn *c, const char *dir, bool must_exist,
    struct session_scan *scan, struct host_report *r, struct step_summary *s,
    char **cause)
{
	struct remote_entry *ents;
	enum remote_error err;
	size_t n;
	char *why = NULL;

	if (remote_list_dir(c, dir, &ents, &n, &err, &why) != 0) {
		if (!collect_connection_alive(c)) {
			*cause = why;
			return -1;
		}
		if (err != RE_NOT_FOUND || must_exist) {
			s->unreadable++;
			report_warn(r, "cannot read log directory %s: %s", dir,
			    why);
		}
		free(why);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct session_file *f;

		if (ents[i].kind != RK_FILE)
			continue;
		if (scan->n == scan->cap) {
			scan->cap = scan->cap ? scan->cap * 2 : 64;
			scan->files = xreallocarray(scan->files, scan->cap,
			    sizeof *scan->files);
		}
		f = &scan->files[scan->n];
		if (!sessionlog_parse_name(ents[i].name, &f->name))
			continue;
		f->path = xasprintf("%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", ents[i].name);
		f->size = ents[i].size;
		f->mtime = ents[i].mtime;
		f->offset = (!f->name.gz && ents[i].size > TAIL_BYTES) ?
		    ents[i].size - TAIL_BYTES : 0;
		scan->n++;
	}
	remote_free_entries(ents, n);
	return 0;
}

/* Logs whose verdict the cache holds are counted at once; the others are
 * read. Returns how many need reading, moved to the front of scan. */
static size_t
use_cache(struct session_scan *scan)
{
	size_t nread = 0;

	for (size_t i = 0; i < scan->n; i++) {
		struct session_file *f = &scan->files[i];
		int verdict = scan->cache == NULL ? -1 :
		    sessioncache_lookup(scan->cache, f->path, f->size, f->mtime);

		if (verdict >= 0) {
			metrics_add_session_log(scan->metrics, &f->name,
			    verdict == 1);
			sessioncache_put(scan->cache, f->path, f->size, f->mtime,
			    verdict == 1);
			free(f->path);
			continue;
		}
		scan->files[nread++] = *f;
	}
	return nread;
}

int
collect_sessions(struct ssh_conn *c, const struct host_paths *p,
    struct sessioncache *cache, struct metrics *m, struct host_report *r,
    struct step_summary *s, char **cause)
{
	struct session_scan scan = { .metrics = m, .cache = cache };
	struct remote_read_req *reqs;
	struct strlist homes = { 0 };
	size_t listed;
	int rc = 0;

	for (size_t i = 0; i < p->log_dirs.n && rc == 0; i++)
		rc = list_log_dir(c, p->log_dirs.v[i],
		    p->origin[CK_LOG_DIR] != ORIGIN_BUILTIN, &scan, r, s, cause);
	if (rc == 0 && p->user_dirs) {
		rc = collect_user_homes(c, &homes, cause);
		for (size_t i = 0; i < homes.n && rc == 0; i++) {
			char *dir = xasprintf("%s/ShinyApps/log", homes.v[i]);

			rc = list_log_dir(c, dir, false, &scan, r, s, cause);
			free(dir);
		}
		strlist_clear(&homes);
	}

	listed = scan.n;
	scan.n = use_cache(&scan);
	log_debug(r->label, "%zu session logs, %zu of them unchanged since the "
	    "last run", listed, listed - scan.n);
	if (rc == 0 && scan.n > 0) {
		reqs = xcalloc(scan.n, sizeof *reqs);
		for (size_t i = 0; i < scan.n; i++) {
			reqs[i].path = scan.files[i].path;
			reqs[i].offset = scan.files[i].offset;
		}
		rc = remote_read_many(c, reqs, scan.n, READ_MAX,
		    READS_IN_FLIGHT, session_read_done, &scan, cause);
		free(reqs);
	}
	s->session_files += listed;
	if (scan.unreadable > 0) {
		s->unreadable += scan.unreadable;
		report_warn(r, "%zu session logs could not be read: they are "
		    "counted, but not checked for crashes", scan.unreadable);
	}
	for (size_t i = 0; i < scan.n; i++)
		free(scan.files[i].path);
	free(scan.files);
	return rc;
}

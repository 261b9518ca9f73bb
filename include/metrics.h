/* Usage metrics of one host, computed from parsed records. No I/O and no
 * libssh2: collect.c feeds it, metrics_report turns it into rows. Memory is
 * bounded by distinct addresses, visits and apps, not by log size. */
#ifndef SU_METRICS_H
#define SU_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "accesslog.h"
#include "report.h"
#include "sessionlog.h"
#include "tz.h"

struct metrics;

/* now is T; the window is (T - window_days days, T], window_days 1-366;
 * zone is the host's time zone (session-log names and daily rows),
 * borrowed, NULL for UTC. Returns a new state; free with metrics_free. */
struct metrics *metrics_new(int64_t now, int window_days,
	const struct tz *zone);
void metrics_free(struct metrics *m);

/* An app directory found by the walk. name is its path relative to its
 * site ("nested/group/app1", "~alice/app"); url_prefix is where it is
 * served ("/nested/group/app1/"; NULL: "/" + name + "/"). Requests are
 * attributed to the app with the longest matching prefix (the first app
 * added wins a prefix two apps share). Session logs name only the
 * directory's basename, here the last component of name: apps sharing
 * one basename get empty session columns and one combined
 * "<basename> (N apps)" row. Add apps before the first request. */
void metrics_add_app(struct metrics *m, const char *name,
	const char *url_prefix);
/* The same, for an app whose directory basename is not the last component
 * of its name (an app_dir location "/foo/" serving /srv/x/myapp: name
 * "foo", basename "myapp"). */
void metrics_add_app_base(struct metrics *m, const char *name,
	const char *url_prefix, const char *basename);

/* One session-log file (or rotated copy). Copies sharing name->base count
 * once; the log counts as crashed when any copy had a crash line. */
void metrics_add_session_log(struct metrics *m,
	const struct sessionlog_name *name, bool crashed);

/* Starts an access-log file whose format has (or lacks) addresses and
 * times; a metric needing what any file lacked is reported unknown.
 * Access metrics stay unknown until a file is begun, a request added, or
 * skipped lines (n > 0) added. */
void metrics_begin_access_file(struct metrics *m, bool has_addr,
	bool has_time);
void metrics_add_request(struct metrics *m, const struct access_record *rec);
void metrics_add_skipped_lines(struct metrics *m, uint64_t n);

/* Fills r->stats, r->apps (allocated; ordered by visits, requests, then
 * session logs, all descending, then name) and r->days (allocated, oldest
 * first), all freed by report_free, and warns when every address is
 * loopback or no session log was found. Unknowable metrics are left
 * unknown (empty); warning about them is the caller's, which knows which
 * access log was missing. */
void metrics_report(const struct metrics *m, struct host_report *r);

#endif

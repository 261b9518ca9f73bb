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

/* now is T; the window is (T - window_days days, T]; zone is the host's
 * time zone (session-log names and daily rows). zone is borrowed. */
struct metrics *metrics_new(int64_t now, int window_days,
	const struct tz *zone);
void metrics_free(struct metrics *m);

/* An app directory found by the walk. name is its path relative to its
 * site ("nested/group/app1", "~alice/app"); url_prefix is where it is
 * served ("/nested/group/app1/"). Requests are attributed to the app
 * with the longest matching prefix. Session logs name only the
 * directory's basename: apps sharing one basename get one combined
 * "<basename> (N apps)" row for the session-log columns. */
void metrics_add_app(struct metrics *m, const char *name,
	const char *url_prefix);

/* One session-log file (or rotated copy). Copies sharing name->base count
 * once; the log counts as crashed when any copy had a crash line. */
void metrics_add_session_log(struct metrics *m,
	const struct sessionlog_name *name, bool crashed);

/* Starts an access-log file whose format has (or lacks) addresses and
 * times; a metric needing what any file lacked is reported unknown. */
void metrics_begin_access_file(struct metrics *m, bool has_addr,
	bool has_time);
void metrics_add_request(struct metrics *m, const struct access_record *rec);
void metrics_add_skipped_lines(struct metrics *m, uint64_t n);

/* Fills r->stats, r->apps and r->days, and adds warnings (every address
 * loopback, no session logs found, unknowable metrics). */
void metrics_report(const struct metrics *m, struct host_report *r);

#endif

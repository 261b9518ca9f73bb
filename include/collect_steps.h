/* The steps of one host's collection, each in its own file. Internal to
 * collect.c: every step reads over an open connection and feeds metrics. */
#ifndef SU_COLLECT_STEPS_H
#define SU_COLLECT_STEPS_H

#include <stdbool.h>
#include <stdio.h>

#include "discovery.h"
#include "metrics.h"
#include "report.h"
#include "sessioncache.h"
#include "ssh.h"

/* What a step found, for `check` and for warnings. */
struct step_summary {
	size_t	apps;		/* app directories */
	size_t	session_files;	/* session-log files (copies included) */
	size_t	access_files;	/* access-log files read */
	size_t	unreadable;	/* paths that could not be read */
};

/*
 * Walks every site root (and ~user/ShinyApps when user_dirs) and adds each
 * app directory to m. Unreadable directories become warnings in r. Returns
 * 0, or -1 with *cause when the connection failed.
 */
int collect_apps(struct ssh_conn *c, const struct host_paths *p,
	struct metrics *m, struct host_report *r, struct step_summary *s,
	char **cause);

/*
 * Lists every log dir (and ~user/ShinyApps/log when user_dirs), reads the
 * tail of each session log not in cache (NULL: read all) with several
 * reads in flight to find crash lines, records the verdicts in cache, and
 * adds each log to m. Returns 0, or -1 with *cause.
 */
int collect_sessions(struct ssh_conn *c, const struct host_paths *p,
	struct sessioncache *cache, struct metrics *m, struct host_report *r,
	struct step_summary *s, char **cause);

/*
 * Streams the access log and its rotated siblings, parsing every line in
 * the configured (or per file detected) format. Returns 0, or -1 with
 * *cause.
 */
int collect_access(struct ssh_conn *c, const struct host_paths *p,
	struct metrics *m, struct host_report *r, struct step_summary *s,
	char **cause);

/* The home directories holding ShinyApps, as "/home/<user>" paths, for
 * user_dirs. Returns 0 (list possibly empty) or -1 with *cause. */
int collect_user_homes(struct ssh_conn *c, struct strlist *homes,
	char **cause);

/* True when the session is still usable after a failed remote call (a
 * missing or unreadable path), false when the connection itself broke. */
bool collect_connection_alive(const struct ssh_conn *c);

#endif

/* One host from connection to numbers: discovery of its paths, then the
 * apps, session-log and access-log steps (collect_*.c), then metrics. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "collect_steps.h"
#include "discovery.h"
#include "log.h"
#include "metrics.h"
#include "remote.h"
#include "sessioncache.h"
#include "shinyconf.h"
#include "show.h"
#include "tz.h"
#include "xmalloc.h"

/* shiny-server.conf is a few KiB; anything past this is not one. */
#define SHINY_CONF_MAX	(1024 * 1024)

bool
collect_connection_alive(const struct ssh_conn *c)
{
	switch (libssh2_session_last_errno(c->session)) {
	case LIBSSH2_ERROR_SOCKET_SEND:
	case LIBSSH2_ERROR_SOCKET_RECV:
	case LIBSSH2_ERROR_SOCKET_DISCONNECT:
	case LIBSSH2_ERROR_SOCKET_TIMEOUT:
	case LIBSSH2_ERROR_TIMEOUT:
	case LIBSSH2_ERROR_CHANNEL_CLOSED:
	case LIBSSH2_ERROR_CHANNEL_EOF_SENT:
		return false;
	default:
		return true;
	}
}

int
collect_user_homes(struct ssh_conn *c, struct strlist *homes, char **cause)
{
	struct remote_entry *ents;
	enum remote_error err;
	size_t n;
	char *why = NULL;

	/* Shiny Server serves ~user/ShinyApps; users' homes live in /home. */
	if (remote_list_dir(c, "/home", &ents, &n, &err, &why) != 0) {
		if (!collect_connection_alive(c)) {
			*cause = why;
			return -1;
		}
		free(why);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct remote_entry st = { 0 };
		char *apps;

		if (ents[i].kind != RK_DIR || ents[i].name[0] == '.')
			continue;
		apps = xasprintf("/home/%s/ShinyApps", ents[i].name);
		if (remote_stat(c, apps, &st, &err, &why) == 0 &&
		    st.kind == RK_DIR)
			strlist_add_owned(homes, xasprintf("/home/%s",
			    ents[i].name));
		free(st.name);
		free(why);
		why = NULL;
		free(apps);
	}
	remote_free_entries(ents, n);
	return 0;
}

struct sink_buf {
	char	*data;
	size_t	 len;
};

static int
sink_to_buf(void *arg, const char *buf, size_t len)
{
	struct sink_buf *b = arg;

	if (b->len + len > SHINY_CONF_MAX)
		return 1;
	b->data = xreallocarray(b->data, b->len + len + 1, 1);
	memcpy(b->data + b->len, buf, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

/*
 * Reads and parses the host's shiny-server.conf. Returns 1 with *sc
 * filled, 0 when there is none to use (disabled, missing, unparsable: a
 * warning says so unless it is the built-in path and missing), or -1 with
 * *cause when the connection broke.
 */
static int
discover(struct ssh_conn *c, const struct host_config *hc,
    struct shinyconf *sc, struct host_report *r, char **cause)
{
	struct sink_buf b = { 0 };
	enum remote_error err;
	char *why = NULL;
	int rc;

	if (hc->shiny_conf == NULL || strcmp(hc->shiny_conf, "none") == 0)
		return 0;
	rc = remote_read_file(c, hc->shiny_conf, sink_to_buf, &b, &err, &why);
	if (rc != 0) {
		if (rc < 0 && !collect_connection_alive(c)) {
			*cause = why;
			free(b.data);
			return -1;
		}
		if (rc > 0)
			report_warn(r, "%s is larger than %d bytes: not read",
			    hc->shiny_conf, SHINY_CONF_MAX);
		else if (err != RE_NOT_FOUND ||
		    hc->origin[CK_SHINY_CONF] != ORIGIN_BUILTIN)
			report_warn(r, "cannot read %s: %s; using built-in "
			    "paths", hc->shiny_conf, why);
		free(why);
		free(b.data);
		return 0;
	}
	rc = shinyconf_parse(b.data ? b.data : "", b.len, sc, &why);
	free(b.data);
	if (rc != 0) {
		report_warn(r, "%s: %s; using built-in paths", hc->shiny_conf,
		    why);
		free(why);
		return 0;
	}
	return 1;
}

/* Connects and resolves the host's paths. Returns the connection, or
 * NULL after report_fail. */
static struct ssh_conn *
open_and_discover(const struct host_config *hc,
    const struct collect_options *opts, struct host_paths *paths,
    struct host_report *r)
{
	struct shinyconf sc;
	struct ssh_conn *c;
	char *cause = NULL;
	int found;

	c = ssh_open(hc, &opts->ssh, ssh_monotonic_now() + hc->timeout,
	    &cause);
	if (c == NULL) {
		report_fail(r, cause);
		free(cause);
		return NULL;
	}
	memset(&sc, 0, sizeof sc);
	found = discover(c, hc, &sc, r, &cause);
	if (found < 0) {
		report_fail(r, cause);
		free(cause);
		ssh_close(c);
		return NULL;
	}
	discovery_resolve(hc, found ? &sc : NULL, paths);
	if (found)
		shinyconf_free(&sc);
	return c;
}

/* Warnings for the metrics the logs could not give. */
static void
warn_unknown(const struct host_paths *p, struct host_report *r)
{
	if (!r->stats[STAT_REQUESTS].known) {
		report_warn(r, "no access log was read (%s): Unique IPs, Visits "
		    "and Requests are left empty; enable access_log in "
		    "shiny-server.conf or set access_log", p->access_log ?
		    p->access_log : "none configured");
		return;
	}
	if (!r->stats[STAT_UNIQUE_IPS].known)
		report_warn(r, "the access log format records no client "
		    "address: Unique IPs are left empty");
	if (!r->stats[STAT_REQUESTS_LAST_MONTH].known)
		report_warn(r, "the access log format records no time: the "
		    "last-month access metrics are left empty");
}

/* The cache of session-log verdicts, tied to the server it describes. */
static struct sessioncache *
cache_load(const struct host_config *hc, char **path)
{
	char *identity = xasprintf("%s@%s:%d", hc->user, hc->hostname, hc->port);
	struct sessioncache *cache;

	*path = sessioncache_path(hc->label);
	cache = sessioncache_load(*path, identity);
	free(identity);
	return cache;
}

/*
 * The steps shared by collect and check, over an open connection: apps,
 * session logs, access logs, then the numbers and their warnings in r.
 * With use_cache, unchanged session logs are not read again and this
 * run's verdicts are saved for the next. Returns 0, or -1 with *cause
 * when the connection broke.
 */
static int
collect_steps(struct ssh_conn *c, const struct host_config *hc,
    const struct host_paths *paths, const struct collect_options *opts,
    const struct tz *zone, bool use_cache, struct host_report *r,
    struct step_summary *sum, char **cause)
{
	struct sessioncache *cache = NULL;
	struct metrics *m;
	char *cache_path = NULL, *why = NULL;
	int rc;

	if (paths->preserve_logs == 0)
		report_warn(r, "shiny-server.conf does not set preserve_logs "
		    "true: Shiny Server deletes each worker's log when the "
		    "worker stops, so Total Sessions counts only logs still "
		    "on disk");
	m = metrics_new(opts->now, hc->window_days, zone);
	rc = collect_apps(c, paths, m, r, sum, cause);
	if (rc == 0) {
		if (use_cache)
			cache = cache_load(hc, &cache_path);
		rc = collect_sessions(c, paths, cache, m, r, sum, cause);
		/* A cache that cannot be saved only costs reads next time. */
		if (rc == 0 && cache != NULL && cache_path != NULL &&
		    sessioncache_save(cache, cache_path, &why) != 0) {
			log_debug(r->label, "session-log cache: %s", why);
			free(why);
		}
		sessioncache_free(cache);
		free(cache_path);
	}
	if (rc == 0)
		rc = collect_access(c, paths, m, r, sum, cause);
	if (rc == 0) {
		metrics_report(m, r);
		warn_unknown(paths, r);
		log_debug(r->label, "%zu apps, %zu session-log files, %zu "
		    "access-log files", sum->apps, sum->session_files,
		    sum->access_files);
	}
	metrics_free(m);
	return rc;
}

void
collect_host(const struct host_config *hc, const struct collect_options *opts,
    struct host_report *r)
{
	struct host_paths paths;
	struct step_summary sum = { 0 };
	struct ssh_conn *c;
	struct tz *zone;
	char *cause = NULL;

	zone = tz_load(hc->timezone, &cause);
	if (zone == NULL) {
		report_fail(r, cause);
		free(cause);
		return;
	}
	c = open_and_discover(hc, opts, &paths, r);
	if (c != NULL) {
		if (collect_steps(c, hc, &paths, opts, zone, true, r, &sum,
		    &cause) != 0)
			report_fail(r, cause ? cause : "connection lost");
		free(cause);
		discovery_free(&paths);
		ssh_close(c);
	}
	tz_free(zone);
}

int
collect_check_host(const struct host_config *hc,
    const struct collect_options *opts, FILE *fp)
{
	struct host_report r;
	struct host_paths paths;
	struct step_summary sum = { 0 };
	struct ssh_conn *c = NULL;
	struct tz *zone;
	char *cause = NULL;
	int rc = -1;

	report_init(&r, hc->label, hc->hostname, opts->now, hc->window_days);
	zone = tz_load(hc->timezone, &cause);
	if (zone == NULL)
		report_fail(&r, cause);
	else
		c = open_and_discover(hc, opts, &paths, &r);
	if (c == NULL) {
		fprintf(fp, "%s: FAILED: %s\n", hc->label, r.error);
		goto out;
	}
	fprintf(fp, "%s: connected to %s@%s port %d, host key verified, "
	    "authenticated\n", hc->label, hc->user, hc->hostname, hc->port);
	show_host(fp, hc, &paths);

	/* The same steps as a collection, so a passing check means a
	 * collection can read everything it needs. */
	rc = collect_steps(c, hc, &paths, opts, zone, false, &r, &sum, &cause);
	if (rc == 0)
		fprintf(fp, "  found: %zu apps, %zu session-log files, %zu "
		    "access-log files\n", sum.apps, sum.session_files,
		    sum.access_files);
	else
		fprintf(fp, "  FAILED: %s\n", cause ? cause : "connection lost");
	for (size_t i = 0; i < r.warnings.n; i++)
		fprintf(fp, "  warning: %s\n", r.warnings.v[i]);
	if (rc == 0 && sum.unreadable > 0)
		rc = -1;
	fprintf(fp, "%s: %s\n", hc->label, rc == 0 ? "OK" :
	    "PROBLEMS (see above)");
	discovery_free(&paths);
	ssh_close(c);
out:
	free(cause);
	tz_free(zone);
	report_free(&r);
	return rc;
}

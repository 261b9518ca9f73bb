/*
 * The paths to read on one host, merged in one pass from three layers:
 * what the host file (or defaults.conf, or the command line) set, what the
 * host's shiny-server.conf says, and built-in defaults. Each resolved
 * value keeps its origin so `hosts` and `check` can say where it came from.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "discovery.h"
#include "shinyconf.h"
#include "strlist.h"
#include "xmalloc.h"

#define BUILTIN_LOG_DIR		"/var/log/shiny-server"
#define BUILTIN_SITE_DIR	"/srv/shiny-server"
#define BUILTIN_ACCESS_LOG	"/var/log/shiny-server/access.log"

static void
add_site(struct host_paths *p, const char *url, const char *dir,
    bool single_app)
{
	p->sites = xreallocarray(p->sites, p->nsites + 1, sizeof *p->sites);
	p->sites[p->nsites].url_prefix = xstrdup(url);
	p->sites[p->nsites].dir = xstrdup(dir);
	p->sites[p->nsites].single_app = single_app;
	p->nsites++;
}

static void
resolve_sites(const struct host_config *hc, const struct shinyconf *sc,
    struct host_paths *out)
{
	if (hc->site_dirs.n > 0) {
		/* The host file names directories, not URLs: each is served
		 * at the root, as the packaged default serves its one. */
		for (size_t i = 0; i < hc->site_dirs.n; i++)
			add_site(out, "/", hc->site_dirs.v[i], false);
		out->origin[CK_SITE_DIR] = hc->origin[CK_SITE_DIR];
		return;
	}
	if (sc != NULL && (sc->nsites > 0 || sc->user_dirs)) {
		/* A config that serves only users' ShinyApps has no site. */
		for (size_t i = 0; i < sc->nsites; i++)
			add_site(out, sc->sites[i].url_prefix, sc->sites[i].dir,
			    sc->sites[i].single_app);
		out->origin[CK_SITE_DIR] = ORIGIN_DISCOVERED;
		return;
	}
	add_site(out, "/", BUILTIN_SITE_DIR, false);
	out->origin[CK_SITE_DIR] = ORIGIN_BUILTIN;
}

static void
resolve_log_dirs(const struct host_config *hc, const struct shinyconf *sc,
    struct host_paths *out)
{
	if (hc->log_dirs.n > 0) {
		strlist_copy(&out->log_dirs, &hc->log_dirs);
		out->origin[CK_LOG_DIR] = hc->origin[CK_LOG_DIR];
	} else if (sc != NULL && sc->log_dirs.n > 0) {
		strlist_copy(&out->log_dirs, &sc->log_dirs);
		out->origin[CK_LOG_DIR] = ORIGIN_DISCOVERED;
	} else {
		strlist_add(&out->log_dirs, BUILTIN_LOG_DIR);
		out->origin[CK_LOG_DIR] = ORIGIN_BUILTIN;
	}
}

static void
resolve_access_log(const struct host_config *hc, const struct shinyconf *sc,
    struct host_paths *out)
{
	const char *fmt;

	if (hc->access_log != NULL && hc->access_log[0] != '\0') {
		if (strcmp(hc->access_log, "none") != 0)
			out->access_log = xstrdup(hc->access_log);
		out->origin[CK_ACCESS_LOG] = hc->origin[CK_ACCESS_LOG];
	} else if (sc != NULL && sc->access_log != NULL) {
		out->access_log = xstrdup(sc->access_log);
		out->origin[CK_ACCESS_LOG] = ORIGIN_DISCOVERED;
	} else {
		/* Collection reads it only if it exists. */
		out->access_log = xstrdup(BUILTIN_ACCESS_LOG);
		out->origin[CK_ACCESS_LOG] = ORIGIN_BUILTIN;
	}

	if (hc->access_log_format != NULL && hc->access_log_format[0] != '\0') {
		out->access_log_format = xstrdup(hc->access_log_format);
		out->origin[CK_ACCESS_LOG_FORMAT] =
		    hc->origin[CK_ACCESS_LOG_FORMAT];
	} else if (sc != NULL && sc->access_log != NULL &&
	    sc->access_log_format != NULL &&
	    sc->access_log_format[0] != '\0') {
		/* Shiny Server hands the format to morgan, where "default"
		 * is the combined format. */
		fmt = sc->access_log_format;
		if (strcmp(fmt, "default") == 0)
			fmt = "combined";
		out->access_log_format = xstrdup(fmt);
		out->origin[CK_ACCESS_LOG_FORMAT] = ORIGIN_DISCOVERED;
	} else {
		out->access_log_format = xstrdup("auto");
		out->origin[CK_ACCESS_LOG_FORMAT] = ORIGIN_BUILTIN;
	}
}

void
discovery_resolve(const struct host_config *hc, const struct shinyconf *sc,
    struct host_paths *out)
{
	memset(out, 0, sizeof *out);
	out->preserve_logs = -1;

	resolve_sites(hc, sc, out);
	resolve_log_dirs(hc, sc, out);
	resolve_access_log(hc, sc, out);

	/* An int has no NULL: it is set when it has an origin too, so a
	 * zeroed host_config does not say "no". */
	if (hc->user_dirs != -1 && hc->origin[CK_USER_DIRS] != ORIGIN_UNSET) {
		out->user_dirs = hc->user_dirs != 0;
		out->origin[CK_USER_DIRS] = hc->origin[CK_USER_DIRS];
	} else if (sc != NULL) {
		out->user_dirs = sc->user_dirs;
		out->origin[CK_USER_DIRS] = ORIGIN_DISCOVERED;
	} else {
		out->user_dirs = false;
		out->origin[CK_USER_DIRS] = ORIGIN_BUILTIN;
	}

	if (sc != NULL) {
		if (sc->run_as != NULL)
			out->run_as = xstrdup(sc->run_as);
		/* Not said in a config that was read means Shiny Server's
		 * default, which deletes the logs of stopped workers. */
		out->preserve_logs = sc->preserve_logs == -1 ? 0 :
		    sc->preserve_logs;
	}
}

void
discovery_free(struct host_paths *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nsites; i++) {
		free(p->sites[i].url_prefix);
		free(p->sites[i].dir);
	}
	free(p->sites);
	strlist_clear(&p->log_dirs);
	free(p->access_log);
	free(p->access_log_format);
	free(p->run_as);
	memset(p, 0, sizeof *p);
	p->preserve_logs = -1;
}

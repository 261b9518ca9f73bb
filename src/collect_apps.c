/* Finds app directories by Shiny Server's rule: a walk of each site root
 * (and ~user/ShinyApps with user_dirs) that stops at the first app
 * directory on each path. Directory kinds come from readdir attributes,
 * so a walk costs one round trip per directory, not per file. */
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "collect_steps.h"
#include "log.h"
#include "remote.h"
#include "xmalloc.h"

/* Deep enough for any real site; bounds a hostile or looping tree. */
#define WALK_MAX_DEPTH 16

struct walk {
	struct ssh_conn		*conn;
	struct metrics		*metrics;
	struct host_report	*report;
	struct step_summary	*summary;
	const char		*name_prefix;	/* "" or "~alice/" */
	const char		*url_prefix;	/* "/" or "/alice/" */
	bool			 user_shinyapps;
};

static char *
path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);

	if (len > 0 && dir[len - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

static const char *
basename_of(const char *path)
{
	size_t len = strlen(path);
	const char *p;

	while (len > 1 && path[len - 1] == '/')
		len--;
	for (p = path + len; p > path && p[-1] != '/'; p--)
		continue;
	return p;
}

/* Records the app in dir, at rel (relative to the walk's root). Session
 * logs name an app by its directory's basename, so that goes along. */
static void
walk_add_app(struct walk *w, const char *dir, const char *rel)
{
	char *name, *url, *base;

	if (*rel == '\0') {
		/* The root itself is an app: served at the prefix. */
		size_t len = strlen(w->name_prefix);

		name = len > 0 ? xstrndup(w->name_prefix, len - 1) : xstrdup("/");
		url = xstrdup(w->url_prefix);
	} else {
		name = xasprintf("%s%s", w->name_prefix, rel);
		url = xasprintf("%s%s/", w->url_prefix, rel);
	}
	base = xstrdup(basename_of(dir));
	base[strcspn(base, "/")] = '\0';
	metrics_add_app_base(w->metrics, name, url, base);
	free(base);
	w->summary->apps++;
	log_debug(w->report->label, "app %s at %s", name, url);
	free(name);
	free(url);
}

/*
 * Walks dir, whose path relative to the walk's root is rel ("" for the
 * root). Returns 0 (unreadable directories only warn), or -1 with *cause
 * when the connection broke.
 */
static int
walk_dir(struct walk *w, const char *dir, const char *rel, int depth,
    char **cause)
{
	struct remote_entry *ents;
	enum remote_error err;
	const char **files;
	size_t n, nfiles = 0;
	char *why = NULL;
	int rc = 0;

	if (remote_list_dir(w->conn, dir, &ents, &n, &err, &why) != 0) {
		if (!collect_connection_alive(w->conn)) {
			*cause = why;
			return -1;
		}
		w->summary->unreadable++;
		report_warn(w->report, "cannot read app directory %s: %s", dir,
		    why);
		free(why);
		return 0;
	}

	files = xcalloc(n, sizeof *files);
	for (size_t i = 0; i < n; i++)
		if (ents[i].kind == RK_FILE || ents[i].kind == RK_LINK)
			files[nfiles++] = ents[i].name;
	if (apps_is_app_dir(files, nfiles)) {
		walk_add_app(w, dir, rel);
		goto out;
	}
	if (depth >= WALK_MAX_DEPTH) {
		report_warn(w->report, "app directories deeper than %d levels "
		    "under %s were not searched", WALK_MAX_DEPTH, dir);
		goto out;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *sub, *subrel;

		if (ents[i].kind != RK_DIR ||
		    apps_skip_dir(ents[i].name, w->user_shinyapps && depth == 0))
			continue;
		sub = path_join(dir, ents[i].name);
		subrel = *rel == '\0' ? xstrdup(ents[i].name) :
		    xasprintf("%s/%s", rel, ents[i].name);
		rc = walk_dir(w, sub, subrel, depth + 1, cause);
		free(sub);
		free(subrel);
	}
out:
	free(files);
	remote_free_entries(ents, n);
	return rc;
}

/* Strips the slashes around a location path: "/apps/x/" -> "apps/x". */
static char *
location_name(const char *url_prefix)
{
	size_t len;

	while (*url_prefix == '/')
		url_prefix++;
	len = strlen(url_prefix);
	while (len > 0 && url_prefix[len - 1] == '/')
		len--;
	return len > 0 ? xstrndup(url_prefix, len) : xstrdup("/");
}

int
collect_apps(struct ssh_conn *c, const struct host_paths *p, struct metrics *m,
    struct host_report *r, struct step_summary *s, char **cause)
{
	struct walk w = { c, m, r, s, "", "/", false };

	for (size_t i = 0; i < p->nsites; i++) {
		const struct shinyconf_site *site = &p->sites[i];
		char *name_prefix;

		if (site->single_app) {
			char *name = location_name(site->url_prefix);
			char *base = xstrdup(basename_of(site->dir));

			base[strcspn(base, "/")] = '\0';
			metrics_add_app_base(m, name, site->url_prefix, base);
			free(base);
			s->apps++;
			free(name);
			continue;
		}
		/* Apps of a site served under /apps/ are named "apps/x". */
		if (strcmp(site->url_prefix, "/") == 0)
			name_prefix = xstrdup("");
		else {
			char *loc = location_name(site->url_prefix);

			name_prefix = xasprintf("%s/", loc);
			free(loc);
		}
		w.name_prefix = name_prefix;
		w.url_prefix = site->url_prefix;
		w.user_shinyapps = false;
		if (walk_dir(&w, site->dir, "", 0, cause) != 0) {
			free(name_prefix);
			return -1;
		}
		free(name_prefix);
	}

	if (p->user_dirs) {
		struct strlist homes = { 0 };
		int rc = 0;

		if (collect_user_homes(c, &homes, cause) != 0)
			return -1;
		for (size_t i = 0; i < homes.n && rc == 0; i++) {
			const char *user = strrchr(homes.v[i], '/') + 1;
			char *dir = xasprintf("%s/ShinyApps", homes.v[i]);
			char *name_prefix = xasprintf("~%s/", user);
			char *url_prefix = xasprintf("/%s/", user);

			w.name_prefix = name_prefix;
			w.url_prefix = url_prefix;
			w.user_shinyapps = true;
			rc = walk_dir(&w, dir, "", 0, cause);
			free(dir);
			free(name_prefix);
			free(url_prefix);
		}
		strlist_clear(&homes);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The paths to read on one host: host file and defaults.conf first, then
 * what the host's shiny-server.conf says, then built-in defaults. Each
 * value remembers where it came from, for `hosts` and `check`. Pure. */
#ifndef SU_DISCOVERY_H
#define SU_DISCOVERY_H

#include <stdbool.h>

#include "config.h"
#include "shinyconf.h"

struct host_paths {
	struct shinyconf_site	*sites;		/* site_dir / app_dir roots */
	size_t			 nsites;
	struct strlist		 log_dirs;
	bool			 user_dirs;
	char			*access_log;	/* NULL: none configured */
	char			*access_log_format;	/* "auto", a name or a morgan string */
	char			*run_as;	/* discovered, or NULL */
	int			 preserve_logs;	/* -1 unknown, 0, 1 */
	/* Origins of CK_LOG_DIR, CK_SITE_DIR, CK_USER_DIRS, CK_ACCESS_LOG,
	 * CK_ACCESS_LOG_FORMAT; others are ORIGIN_UNSET. */
	enum config_origin	 origin[CK_COUNT];
};

/*
 * Resolves hc's path keys: values set in hc win (origin copied from
 * hc->origin[]); then sc (NULL when shiny_conf is "none" or could not be
 * read; origin ORIGIN_DISCOVERED); then built-in defaults (ORIGIN_BUILTIN:
 * /var/log/shiny-server, /srv/shiny-server served at "/", no user_dirs,
 * /var/log/shiny-server/access.log, "auto").
 * - Every site_dir set in hc is served at "/". A read config that serves
 *   only user_dirs has no sites.
 * - access_log "none" in hc means no access log (access_log NULL).
 * - The format: hc's, else the one on the config's access_log line
 *   ("default" becomes "combined", a morgan string is kept as written),
 *   else "auto".
 * - user_dirs in hc counts as set when it is not -1 and has an origin.
 * - preserve_logs: -1 without sc; with sc, what it says, and 0 (Shiny
 *   Server's default) when it says nothing.
 * Fills *out (zeroed first); free with discovery_free.
 */
void discovery_resolve(const struct host_config *hc,
	const struct shinyconf *sc, struct host_paths *out);
void discovery_free(struct host_paths *p);

#endif

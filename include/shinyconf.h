/* shiny-server.conf: a parser of its syntax (words end at whitespace, '{',
 * '}' or ';'; ';' ends a directive; '{}' blocks; '#' comments; quoted
 * strings with backslash escapes) and the facts shiny-usage needs from it.
 * Pure: bytes in, struct out, no I/O. */
#ifndef SU_SHINYCONF_H
#define SU_SHINYCONF_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

/* Larger input is refused: the parse tree is held in memory, and real
 * configs are a few kilobytes. */
#define SHINYCONF_MAX_SIZE	(1024 * 1024)

/* One place apps are served from. */
struct shinyconf_site {
	char	*url_prefix;	/* location path, e.g. "/" or "/apps/" ("/"-terminated) */
	char	*dir;		/* site_dir, or app_dir when single_app */
	bool	 single_app;	/* app_dir: dir is itself one app at url_prefix */
};

struct shinyconf {
	char			*run_as;	/* first user of the top-level run_as, or NULL */
	struct shinyconf_site	*sites;
	size_t			 nsites;
	struct strlist		 log_dirs;	/* every effective log_dir, deduplicated */
	bool			 user_dirs;	/* user_dirs or user_apps somewhere */
	char			*access_log;	/* path, or NULL when off */
	char			*access_log_format;	/* as written ("default", a morgan string, ...), or NULL */
	int			 preserve_logs;	/* -1 not said, 0 false, 1 true */
};

/*
 * Parses a whole shiny-server.conf (buf need not be NUL-terminated).
 * - run_as, access_log (path and optional format) and preserve_logs are
 *   read at the top level only, as Shiny Server allows them there.
 * - site_dir/app_dir take the URL of the enclosing location; a nested
 *   location's path continues its parent's ("/apps" inside "/" inside
 *   nothing is "/apps/"; location "b" inside location "/a" is "/a/b/"), as
 *   Shiny Server's deriveLocationPath does; server-level means "/".
 *   Identical sites (same URL, dir and kind) are listed once.
 * - log_dir is inherited into nested blocks (server, location); log_dirs
 *   holds the log_dir in effect for each site, deduplicated, or, when
 *   there is no site, every log_dir written. Trailing '/' is dropped.
 * - user_dirs / user_apps anywhere, unless followed by off/false/no.
 * - preserve_logs takes on/true/yes or off/false/no; no word means on.
 * Unknown directives are ignored. Returns 0 and fills *out (free with
 * shinyconf_free); on a syntax error (unbalanced braces, unterminated
 * quote, a directive without ';' at the end, a control character)
 * returns -1 with *cause "line N: ..." allocated for the caller to free,
 * and for input over SHINYCONF_MAX_SIZE bytes -1 with a cause saying so
 * (out is then left empty, nothing to free). cause may be NULL.
 */
int shinyconf_parse(const char *buf, size_t len, struct shinyconf *out,
	char **cause);
void shinyconf_free(struct shinyconf *sc);

#endif

/* shiny-server.conf: a parser of its syntax (words end at whitespace, '{',
 * '}' or ';'; ';' ends a directive; '{}' blocks; '#' comments; quoted
 * strings with backslash escapes) and the facts shiny-usage needs from it.
 * Pure: bytes in, struct out, no I/O. */
#ifndef SU_SHINYCONF_H
#define SU_SHINYCONF_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

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
 * Parses a whole shiny-server.conf. log_dir is inherited into nested
 * blocks (server, location); site_dir/app_dir take the url of the enclosing
 * location (server-level site_dir means "/"). Unknown directives are
 * ignored. Returns 0 and fills *out; on a syntax error returns -1 with
 * *cause "line N: ..." allocated (out is then freed and zeroed).
 */
int shinyconf_parse(const char *buf, size_t len, struct shinyconf *out,
	char **cause);
void shinyconf_free(struct shinyconf *sc);

#endif

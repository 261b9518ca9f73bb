/* Shiny Server's rule for what is an app directory. Pure. */
#ifndef SU_APPS_H
#define SU_APPS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Given the names of the regular files (and symlinks to files) directly
 * inside a directory, true when it is an app: it holds app.R or server.R
 * (any case), or an .Rmd / .qmd document (any case), or app.py. A walk
 * stops at the first app directory on each path: subdirectories of an app
 * belong to it.
 */
bool apps_is_app_dir(const char *const *file_names, size_t n);

/* True for directory names a walk never enters: names starting with '.'
 * and, directly in ~user/ShinyApps, the "log" directory. */
bool apps_skip_dir(const char *name, bool in_user_shinyapps);

#endif

/*
 * Shiny Server's rule for what is an app directory: the names it looks for
 * when a request reaches a directory (app.R or server.R, any case; an R
 * Markdown or Quarto document; a Python app.py).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "apps.h"

/* True when name ends in suffix, ignoring ASCII case. */
static bool
ends_with_nocase(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n >= m && strcasecmp(name + n - m, suffix) == 0;
}

/* True when one file name alone makes its directory an app. */
static bool
is_app_file(const char *name)
{
	if (strcasecmp(name, "app.R") == 0 || strcasecmp(name, "server.R") == 0)
		return true;
	if (ends_with_nocase(name, ".Rmd") || ends_with_nocase(name, ".qmd"))
		return true;
	return strcmp(name, "app.py") == 0;
}

bool
apps_is_app_dir(const char *const *file_names, size_t n)
{
	if (file_names == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (file_names[i] != NULL && is_app_file(file_names[i]))
			return true;
	return false;
}

bool
apps_skip_dir(const char *name, bool in_user_shinyapps)
{
	if (name == NULL || name[0] == '\0' || name[0] == '.')
		return true;
	return in_user_shinyapps && strcmp(name, "log") == 0;
}

/* Prints a host's resolved configuration, each value with where it came
 * from (host file, defaults, discovered, built-in), for `hosts` and
 * `check`. */
#ifndef SU_SHOW_H
#define SU_SHOW_H

#include <stdio.h>

#include "config.h"
#include "discovery.h"

/* paths is NULL when the host was not contacted (`hosts`): the path keys
 * then show their configured value or what discovery will decide. */
void show_host(FILE *fp, const struct host_config *hc,
	const struct host_paths *paths);

#endif

/* Runs collect_host over many hosts with up to `jobs` worker threads; the
 * calling (main) thread receives each finished report in turn, so outputs
 * and charts are written from one thread. Progress goes to stderr when it
 * is a terminal and not quiet. */
#ifndef SU_FLEET_H
#define SU_FLEET_H

#include <stdbool.h>

#include "collect.h"
#include "config.h"

/* Called on the main thread once per host, in completion order. */
typedef void (*fleet_done_cb)(void *arg, const struct host_config *hc,
	struct host_report *r);

/* Returns the number of hosts whose report is not ok. */
int fleet_run(const struct host_list *hosts, const struct collect_options *opts,
	int jobs, bool progress, fleet_done_cb done, void *arg);

#endif

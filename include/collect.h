/* One host, start to finish: connect, discover, list, read, parse, and
 * compute. Runs in a worker thread; never touches plplot or stdout. */
#ifndef SU_COLLECT_H
#define SU_COLLECT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "report.h"
#include "ssh.h"

struct collect_options {
	int64_t			now;	/* T */
	struct ssh_options	ssh;
};

/* Collects hc into r (report_init'ed by the caller). On failure r->ok is
 * false and r->error says why in one line. */
void collect_host(const struct host_config *hc,
	const struct collect_options *opts, struct host_report *r);

/* `check`: connects, verifies, authenticates, resolves every path and
 * checks it is readable, printing what it finds to fp. Writes no file.
 * Returns 0 when all is well, -1 otherwise. */
int collect_check_host(const struct host_config *hc,
	const struct collect_options *opts, FILE *fp);

#endif

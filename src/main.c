/* shiny-usage: command dispatch and exit status. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh2.h>

#include "atomicfile.h"
#include "cli.h"
#include "collect.h"
#include "config.h"
#include "fleet.h"
#include "log.h"
#include "out_chart.h"
#include "output.h"
#include "redraw.h"
#include "show.h"
#include "summary.h"
#include "tz.h"
#include "xmalloc.h"

/* Exit status, as DESIGN.md fixes it. */
#define EXIT_ALL_OK	0
#define EXIT_HOST_FAILED 1
#define EXIT_USAGE	2

struct run {
	const struct cli		*cli;
	struct output_options		 out;
	int				 failed;
	/* What the summary needs of each host: fleet frees the reports. */
	struct summary			 summary;
};

/* Main thread, once per finished host: write its files, say how it went. */
static void
host_done(void *arg, const struct host_config *hc, struct host_report *r)
{
	struct run *run = arg;
	char *cause = NULL;

	for (size_t i = 0; i < r->warnings.n; i++)
		log_warn(r->label, "%s", r->warnings.v[i]);
	if (!r->ok) {
		log_error(r->label, "%s", r->error);
		summary_add_report(&run->summary, r);
		return;
	}
	if (output_host(&run->out, r, &cause) != 0) {
		log_error(r->label, "%s", cause);
		summary_add_failure(&run->summary, r->label, r->hostname,
		    cause);
		free(cause);
		run->failed++;
		return;
	}
	summary_add_report(&run->summary, r);
	if (!run->cli->quiet)
		printf("%s: %jd sessions (%jd last month), %jd apps -> %s/%s/"
		    "usage_stats_%s.csv\n", hc->label,
		    (intmax_t)r->stats[STAT_TOTAL_SESSIONS].value,
		    (intmax_t)r->stats[STAT_SESSIONS_LAST_MONTH].value,
		    (intmax_t)r->stats[STAT_TOTAL_APPS].value,
		    run->out.out_dir, r->label, run->out.date);
	fflush(stdout);
}

static int
cmd_collect(const struct cli *cli, const struct host_list *hosts,
    const struct collect_options *opts, const char *date)
{
	struct run run = { .cli = cli };
	int failed;
	bool progress;

	run.out.out_dir = cli->out_dir;
	run.out.date = date;
	run.out.chart_format = cli->chart_format;
	run.out.charts = !cli->no_charts;
	if (run.out.charts && !chart_device_available(cli->chart_format)) {
		log_error(NULL, "plplot has no %scairo device: install it with "
		    "'apt-get install plplot-driver-cairo', or use --no-charts",
		    chart_format_ext(cli->chart_format));
		return EXIT_USAGE;
	}
	progress = !cli->quiet && isatty(STDOUT_FILENO) &&
	    isatty(STDERR_FILENO);
	failed = fleet_run(hosts, opts, cli->jobs, progress, host_done, &run);
	failed += run.failed;

	/* After every host, so a later host cannot be missing from it. */
	if (run.summary.n > 0) {
		char *cause = NULL;

		if (output_summary(&run.out, &run.summary, &cause) != 0) {
			log_error(NULL, "%s", cause);
			free(cause);
			failed++;
		} else if (!cli->quiet)
			printf("summary: %zu host%s, %zu failed -> "
			    "%s/summary_%s.csv\n", run.summary.n,
			    run.summary.n == 1 ? "" : "s",
			    summary_failed(&run.summary), run.out.out_dir,
			    run.out.date);
	}
	summary_free(&run.summary);
	return failed > 0 ? EXIT_HOST_FAILED : EXIT_ALL_OK;
}

static int
cmd_check(const struct host_list *hosts, const struct collect_options *opts)
{
	int status = EXIT_ALL_OK;

	for (size_t i = 0; i < hosts->n; i++) {
		if (collect_check_host(hosts->v[i], opts, stdout) != 0)
			status = EXIT_HOST_FAILED;
		fflush(stdout);
	}
	return status;
}

static int
cmd_hosts(const struct host_list *hosts)
{
	for (size_t i = 0; i < hosts->n; i++) {
		if (i > 0)
			putchar('\n');
		show_host(stdout, hosts->v[i], NULL);
	}
	return EXIT_ALL_OK;
}

/* The as-of time and the date in output names (workstation zone). */
static int
resolve_now(const char *arg, int64_t *now, char date[32])
{
	struct tz_civil civil;
	struct tz *local;
	char *cause = NULL;

	local = tz_load(NULL, &cause);
	if (local == NULL) {
		log_warn(NULL, "%s; dates are UTC", cause);
		free(cause);
		local = tz_utc();
	}
	if (arg == NULL)
		*now = (int64_t)time(NULL);
	else if (tz_parse_iso8601(arg, local, now) != 0) {
		log_error(NULL, "--now %s: not an ISO-8601 time (for example "
		    "2026-12-04 or 2026-12-04T18:00:00Z)", arg);
		tz_free(local);
		return -1;
	}
	tz_utc_to_local(local, *now, &civil);
	snprintf(date, 32, "%04d-%02d-%02d", civil.year % 10000,
	    civil.month % 100, civil.day % 100);
	tz_free(local);
	return 0;
}

int
main(int argc, char **argv)
{
	struct collect_options opts;
	struct host_list hosts = { 0 };
	struct cli cli;
	char date[32], *config_dir;
	int status;

	/* A server that drops the connection must fail one host, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	/* An interrupted run leaves earlier files whole and no temp file. */
	atomic_cleanup_on_signals();

	switch (cli_parse(argc, argv, &cli)) {
	case CLI_EXIT_OK:
		return EXIT_ALL_OK;
	case CLI_USAGE_ERROR:
		return EXIT_USAGE;
	case CLI_RUN:
		break;
	}
	if (cli.quiet)
		log_set_level(LOG_LEVEL_ERROR);
	else if (cli.verbose)
		log_set_level(LOG_LEVEL_DEBUG);

	memset(&opts, 0, sizeof opts);
	if (resolve_now(cli.now, &opts.now, date) != 0)
		return EXIT_USAGE;
	opts.ssh.accept_new = cli.accept_new;
	opts.ssh.interactive = isatty(STDIN_FILENO);

	if (cli.command == CMD_REPORT)
		return redraw_reports(cli.out_dir, date, cli.chart_format,
		    cli.hosts, (size_t)cli.nhosts) == 0 ? EXIT_ALL_OK :
		    EXIT_HOST_FAILED;

	config_dir = cli.config_dir ? xstrdup(cli.config_dir) :
	    config_default_dir();
	if (config_load(config_dir, cli.hosts, (size_t)cli.nhosts, &hosts) != 0) {
		free(config_dir);
		return EXIT_USAGE;
	}
	free(config_dir);
	for (size_t i = 0; i < hosts.n; i++)
		config_fill_defaults(hosts.v[i]);

	if (libssh2_init(0) != 0) {
		log_error(NULL, "libssh2 could not be initialised");
		config_free_list(&hosts);
		return EXIT_USAGE;
	}
	switch (cli.command) {
	case CMD_HOSTS:
		status = cmd_hosts(&hosts);
		break;
	case CMD_CHECK:
		status = cmd_check(&hosts, &opts);
		break;
	default:
		status = cmd_collect(&cli, &hosts, &opts, date);
		break;
	}
	libssh2_exit();
	config_free_list(&hosts);
	return status;
}

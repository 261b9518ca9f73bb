/*
 * The command line. One table of options drives getopt_long, --help and
 * (through cli_option_names and a unit test) the man page's list, so the
 * three cannot drift apart.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_chart.h"
#include "xmalloc.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

enum cli_option_id {
	OPT_CONFIG,
	OPT_OUTPUT,
	OPT_JOBS,
	OPT_NOW,
	OPT_ACCEPT_NEW,
	OPT_CHART_FORMAT,
	OPT_NO_CHARTS,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_VERSION,
	OPT_COUNT
};

/* getopt_long's value for an option is this plus its id, so long-only
 * options never collide with a short option's character. */
#define OPT_BASE	256

static const struct cli_option {
	const char	*name;
	char		 short_name;	/* 0: long only */
	const char	*arg;		/* NULL: takes no argument */
	const char	*help;
} cli_options[OPT_COUNT] = {
	[OPT_CONFIG] = { "config", 'c', "DIR",
	    "configuration directory (default:\n"
	    "$SHINY_USAGE_CONFIG, else ~/.config/shiny-usage)" },
	[OPT_OUTPUT] = { "output", 'o', "DIR",
	    "write results under DIR (default: ./usage_trace)" },
	[OPT_JOBS] = { "jobs", 'j', "N",
	    "collect up to N hosts at once, 1-64 (default: 8)" },
	[OPT_NOW] = { "now", 0, "TIME",
	    "as-of time, ISO-8601 (default: now)" },
	[OPT_ACCEPT_NEW] = { "accept-new", 0, NULL,
	    "accept and record unknown host keys (changed keys\n"
	    "are always refused)" },
	[OPT_CHART_FORMAT] = { "chart-format", 0, "FORMAT",
	    "png, svg or pdf (default: png)" },
	[OPT_NO_CHARTS] = { "no-charts", 0, NULL,
	    "write CSV files only" },
	[OPT_QUIET] = { "quiet", 'q', NULL,
	    "show errors only" },
	[OPT_VERBOSE] = { "verbose", 'v', NULL,
	    "also show debug messages" },
	[OPT_HELP] = { "help", 'h', NULL,
	    "show this help and exit" },
	[OPT_VERSION] = { "version", 'V', NULL,
	    "show the version and exit" },
};

static const struct {
	const char		*name;
	enum cli_command	 command;
	const char		*help;
} cli_commands[] = {
	{ "collect", CMD_COLLECT,
	    "audit the hosts, write CSV files and charts (default)" },
	{ "check", CMD_CHECK,
	    "connect, verify, authenticate, check paths; write nothing" },
	{ "hosts", CMD_HOSTS,
	    "show each host's configuration and where it came from" },
	{ "report", CMD_REPORT,
	    "redraw charts from CSV files already written" },
};

/* Width of "-c, --config DIR" for option id. */
static size_t
option_width(int id)
{
	const struct cli_option *o = &cli_options[id];

	return 4 + 2 + strlen(o->name) + (o->arg ? 1 + strlen(o->arg) : 0);
}

void
cli_usage(FILE *fp)
{
	size_t width = 0;
	const char *p, *nl;

	for (int i = 0; i < OPT_COUNT; i++)
		if (option_width(i) > width)
			width = option_width(i);

	fprintf(fp, "usage: shiny-usage [OPTIONS] "
	    "[collect|check|hosts|report] [HOST...]\n\n"
	    "Audits Shiny Server hosts over SSH/SFTP. HOST is a label "
	    "(hosts.d/LABEL.conf)\nor [user@]hostname[:port]; "
	    "no HOST means every configured host.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof cli_commands / sizeof cli_commands[0];
	    i++)
		fprintf(fp, "  %-9s %s\n", cli_commands[i].name,
		    cli_commands[i].help);
	fprintf(fp, "\nOptions:\n");
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct cli_option *o = &cli_options[i];

		if (o->short_name != 0)
			fprintf(fp, "  -%c, ", o->short_name);
		else
			fprintf(fp, "      ");
		fprintf(fp, "--%s%s%s%*s", o->name, o->arg ? " " : "",
		    o->arg ? o->arg : "", (int)(width - option_width(i) + 2),
		    "");
		/* Help text may span lines; indent the continuations. */
		for (p = o->help; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			fprintf(fp, "%.*s\n%*s", (int)(nl - p), p,
			    (int)width + 4, "");
		fprintf(fp, "%s\n", p);
	}
	fprintf(fp, "\nExit status: 0 all hosts collected, 1 a host failed, "
	    "2 usage or configuration\nerror. See shiny-usage(1).\n");
}

const char **
cli_option_names(size_t *n)
{
	const char **v = xcalloc(OPT_COUNT, sizeof *v);

	for (int i = 0; i < OPT_COUNT; i++)
		v[i] = cli_options[i].name;
	*n = OPT_COUNT;
	return v;
}

/* Prints one usage error and the hint. Returns CLI_USAGE_ERROR. */
static enum cli_result
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static enum cli_result
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "shiny-usage: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'shiny-usage --help'.\n");
	return CLI_USAGE_ERROR;
}

/* The option's name as the user would write it, for messages. */
static const char *
option_spelling(int id, char *buf, size_t size)
{
	if (cli_options[id].short_name != 0)
		snprintf(buf, size, "-%c/--%s", cli_options[id].short_name,
		    cli_options[id].name);
	else
		snprintf(buf, size, "--%s", cli_options[id].name);
	return buf;
}

/* The option id for getopt_long's return value c, or -1. */
static int
option_id(int c)
{
	if (c >= OPT_BASE && c < OPT_BASE + OPT_COUNT)
		return c - OPT_BASE;
	for (int i = 0; i < OPT_COUNT; i++)
		if (cli_options[i].short_name != 0 &&
		    cli_options[i].short_name == c)
			return i;
	return -1;
}

/* Applies one option. Returns CLI_RUN to go on, or the final result. */
static enum cli_result
apply_option(int id, const char *arg, struct cli *out)
{
	char *end;
	long v;
	int f;

	switch ((enum cli_option_id)id) {
	case OPT_CONFIG:
		if (*arg == '\0')
			return usage_error("-c: empty directory name");
		out->config_dir = arg;
		break;
	case OPT_OUTPUT:
		if (*arg == '\0')
			return usage_error("-o: empty directory name");
		out->out_dir = arg;
		break;
	case OPT_JOBS:
		errno = 0;
		v = strtol(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || errno != 0 || *end != '\0' ||
		    v < 1 || v > 64)
			return usage_error("-j: \"%s\" is not a number from 1 "
			    "to 64", arg);
		out->jobs = (int)v;
		break;
	case OPT_NOW:
		if (*arg == '\0')
			return usage_error("--now: empty time");
		out->now = arg;
		break;
	case OPT_ACCEPT_NEW:
		out->accept_new = true;
		break;
	case OPT_CHART_FORMAT:
		/* Compared here rather than with chart_format_parse, so
		 * parsing the command line does not pull in plplot. */
		if (strcmp(arg, "png") == 0)
			f = CHART_PNG;
		else if (strcmp(arg, "svg") == 0)
			f = CHART_SVG;
		else if (strcmp(arg, "pdf") == 0)
			f = CHART_PDF;
		else
			return usage_error("--chart-format: \"%s\" is not png, "
			    "svg or pdf", arg);
		out->chart_format = f;
		break;
	case OPT_NO_CHARTS:
		out->no_charts = true;
		break;
	case OPT_QUIET:
		out->quiet = true;
		break;
	case OPT_VERBOSE:
		out->verbose = true;
		break;
	case OPT_HELP:
		cli_usage(stdout);
		return CLI_EXIT_OK;
	case OPT_VERSION:
		printf("shiny-usage %s\n", PACKAGE_VERSION);
		return CLI_EXIT_OK;
	case OPT_COUNT:
		break;
	}
	return CLI_RUN;
}

enum cli_result
cli_parse(int argc, char **argv, struct cli *out)
{
	struct option longopts[OPT_COUNT + 1];
	char shortopts[2 + 2 * OPT_COUNT + 1], spelling[64];
	size_t ns = 0;
	enum cli_result r;
	int c, id;

	memset(out, 0, sizeof *out);
	out->command = CMD_COLLECT;
	out->out_dir = "./usage_trace";
	out->jobs = 8;
	out->chart_format = CHART_PNG;

	/* ':' first: a missing argument returns ':' rather than '?'. */
	shortopts[ns++] = ':';
	memset(longopts, 0, sizeof longopts);
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct cli_option *o = &cli_options[i];

		longopts[i].name = o->name;
		longopts[i].has_arg = o->arg ? required_argument : no_argument;
		longopts[i].val = OPT_BASE + i;
		if (o->short_name != 0) {
			shortopts[ns++] = o->short_name;
			if (o->arg != NULL)
				shortopts[ns++] = ':';
		}
	}
	shortopts[ns] = '\0';

	optind = 0;	/* GNU: start afresh, also on a second call */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == ':') {
			id = option_id(optopt);
			return usage_error("option %s needs an argument",
			    id >= 0 ? option_spelling(id, spelling,
			    sizeof spelling) : argv[optind - 1]);
		}
		if (c == '?') {
			if ((id = option_id(optopt)) >= 0 && optopt >= OPT_BASE)
				return usage_error("option --%s takes no "
				    "argument", cli_options[id].name);
			if (optopt != 0)
				return usage_error("unknown option -%c",
				    optopt);
			return usage_error("unknown or ambiguous option %s",
			    argv[optind - 1]);
		}
		if ((id = option_id(c)) < 0)
			return usage_error("unexpected option");
		if ((r = apply_option(id, optarg, out)) != CLI_RUN)
			return r;
	}
	if (out->quiet && out->verbose)
		return usage_error("-q and -v cannot be used together");

	if (optind < argc) {
		for (size_t i = 0; i < sizeof cli_commands /
		    sizeof cli_commands[0]; i++) {
			if (strcmp(argv[optind], cli_commands[i].name) == 0) {
				out->command = cli_commands[i].command;
				optind++;
				break;
			}
		}
	}
	out->hosts = argv + optind;
	out->nhosts = argc - optind;
	for (int i = 0; i < out->nhosts; i++)
		if (out->hosts[i][0] == '\0')
			return usage_error("empty host name");
	return CLI_RUN;
}

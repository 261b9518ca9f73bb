/* The command line: one option table drives parsing and --help. */
#ifndef SU_CLI_H
#define SU_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cli_command { CMD_COLLECT, CMD_CHECK, CMD_HOSTS, CMD_REPORT };

struct cli {
	enum cli_command command;
	const char	*config_dir;	/* -c, or NULL */
	const char	*out_dir;	/* -o, default "./usage_trace" */
	int		 jobs;		/* -j, default 8 */
	const char	*now;		/* --now, or NULL */
	bool		 accept_new;
	int		 chart_format;	/* enum chart_format */
	bool		 no_charts;
	bool		 quiet;
	bool		 verbose;
	char	       **hosts;		/* HOST arguments (in argv) */
	int		 nhosts;
};

enum cli_result { CLI_RUN, CLI_EXIT_OK, CLI_USAGE_ERROR };

/*
 * Parses argv (getopt_long: options may follow the command and hosts;
 * "--" ends them). The first non-option argument is the command if it is
 * collect, check, hosts or report; the rest are hosts. Returns CLI_RUN
 * with out filled; CLI_EXIT_OK after -h or -V (printed to stdout);
 * CLI_USAGE_ERROR after printing one line and a hint to stderr. May be
 * called again (it resets getopt).
 */
enum cli_result cli_parse(int argc, char **argv, struct cli *out);
/* The --help text, from the option table. */
void cli_usage(FILE *fp);
/* The long names of every option ("config", "output", ...), in table
 * order, for checks that the man page documents them all. Returns an
 * allocated array of *n pointers to static strings; free the array. */
const char **cli_option_names(size_t *n);

#endif

/* The command line: one option table drives parsing and --help. */
#ifndef SU_CLI_H
#define SU_CLI_H

#include <stdbool.h>
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
	char	       **hosts;		/* HOST arguments (borrowed from argv) */
	int		 nhosts;
};

enum cli_result { CLI_RUN, CLI_EXIT_OK, CLI_USAGE_ERROR };

/* Parses argv. CLI_EXIT_OK after -h or -V (printed to stdout);
 * CLI_USAGE_ERROR after printing one line and a hint to stderr. */
enum cli_result cli_parse(int argc, char **argv, struct cli *out);
void cli_usage(FILE *fp);

#endif

/* Unit tests for sessionlog.c: worker-log names and crash lines, over
 * made-up names and the real files in tests/fixtures/real-shiny-server. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessionlog.h"
#include "tap.h"

static const char *
srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s != NULL && *s != '\0' ? s : ".";
}

/* Parses name and checks every field. */
static void
check_name(const char *name, const char *app, const char *user,
    const char *date_time, int port, const char *base, int rotation, bool gz)
{
	struct sessionlog_name n;
	char dt[32];

	memset(&n, 0x55, sizeof n);
	if (!ok(sessionlog_parse_name(name, &n), "parses %s", name))
		return;
	is_str(n.app, app, "%s: app", name);
	is_str(n.user, user, "%s: user", name);
	snprintf(dt, sizeof dt, "%04d%02d%02d-%02d%02d%02d", n.year, n.month,
	    n.day, n.hour, n.minute, n.second);
	is_str(dt, date_time, "%s: date and time", name);
	is_int(n.port, port, "%s: port", name);
	is_str(n.base, base, "%s: base", name);
	is_int(n.rotation, rotation, "%s: rotation", name);
	is_int(n.gz, gz, "%s: gz", name);
}

static void
check_bad(const char *name, const char *why)
{
	struct sessionlog_name n;

	ok(!sessionlog_parse_name(name, &n), "refuses %s (%s)", name, why);
}

static void
test_field_notes(void)
{
	check_name("hello-shiny-20180915-155656-46495.log", "hello", "shiny",
	    "20180915-155656", 46495, "hello-shiny-20180915-155656-46495.log",
	    0, false);
	check_name("ee-dev-shiny-20171021-232458-41093.log", "ee-dev", "shiny",
	    "20171021-232458", 41093, "ee-dev-shiny-20171021-232458-41093.log",
	    0, false);
	/* A dash in the user name reads as part of the app: the name
	 * cannot tell them apart. */
	check_name("app-shiny-user-20171021-232458-41093.log", "app-shiny",
	    "user", "20171021-232458", 41093,
	    "app-shiny-user-20171021-232458-41093.log", 0, false);
	check_name("dash-board-shiny-20261204-152201-1.log", "dash-board",
	    "shiny", "20261204-152201", 1,
	    "dash-board-shiny-20261204-152201-1.log", 0, false);
	check_name("a-b-20000229-000000-65535.log", "a", "b",
	    "20000229-000000", 65535, "a-b-20000229-000000-65535.log", 0,
	    false);
	check_name("x-y-20161231-235960-80.log", "x", "y", "20161231-235960",
	    80, "x-y-20161231-235960-80.log", 0, false);
	check_name("my app.v2-r.user-20240101-010203-4000.log", "my app.v2",
	    "r.user", "20240101-010203", 4000,
	    "my app.v2-r.user-20240101-010203-4000.log", 0, false);
	check_name("app--shiny-20240101-010203-4000.log", "app-", "shiny",
	    "20240101-010203", 4000, "app--shiny-20240101-010203-4000.log", 0,
	    false);
}

static void
test_rotations(void)
{
	const char *base = "hello-shiny-20261204-152201-40273.log";

	check_name("hello-shiny-20261204-152201-40273.log.1", "hello", "shiny",
	    "20261204-152201", 40273, base, 1, false);
	check_name("hello-shiny-20261204-152201-40273.log.12", "hello",
	    "shiny", "20261204-152201", 40273, base, 12, false);
	check_name("hello-shiny-20261204-152201-40273.log.0", "hello", "shiny",
	    "20261204-152201", 40273, base, 0, false);
	check_name("hello-shiny-20261204-152201-40273.log.2.gz", "hello",
	    "shiny", "20261204-152201", 40273, base, 2, true);
	check_name("hello-shiny-20261204-152201-40273.log-20261205", "hello",
	    "shiny", "20261204-152201", 40273, base, -1, false);
	check_name("hello-shiny-20261204-152201-40273.log-20261205.gz",
	    "hello", "shiny", "20261204-152201", 40273, base, -1, true);
	check_name("hello-shiny-20261204-152201-40273.log.gz", "hello",
	    "shiny", "20261204-152201", 40273, base, 0, true);
	check_name("ee-dev-shiny-20171021-232458-41093.log.3.gz", "ee-dev",
	    "shiny", "20171021-232458", 41093,
	    "ee-dev-shiny-20171021-232458-41093.log", 3, true);
}

static void
test_malformed(void)
{
	char longname[1200];
	char fits[600];
	size_t i;

	check_bad("", "empty");
	check_bad("access.log", "not a worker log");
	check_bad("access.log.1", "rotated access log");
	check_bad("shiny-server.log", "server log");
	check_bad("shiny-server-default.log", "server log with dashes");
	check_bad("hello-shiny-20261204-152201-40273", "no .log");
	check_bad("hello-shiny-20261204-152201-40273.txt", "wrong extension");
	check_bad("hello-shiny-20261204-152201-40273.log.", "'.log.' alone");
	check_bad("hello-shiny-20261204-152201-40273.log.gz.1", ".gz.N");
	check_bad("hello-shiny-20261204-152201-40273.log.bak", "junk suffix");
	check_bad("hello-shiny-20261204-152201-40273.log.1x", "junk rotation");
	check_bad("hello-shiny-20261204-152201-40273.log.01", "leading zero");
	check_bad("hello-shiny-20261204-152201-40273.log.1234567",
	    "rotation too long");
	check_bad("hello-shiny-20261204-152201-40273.log-2026120",
	    "short dateext");
	check_bad("hello-shiny-20261204-152201-40273.log-20261332",
	    "bad dateext");
	check_bad("hello-shiny-20261204-152201-40273.logx", "trailing junk");
	check_bad("hello-shiny-20261204-152201-40273.log ", "trailing space");
	check_bad("hello-shiny-20261204-152201-40273x.log", "junk in port");
	check_bad("-shiny-20261204-152201-40273.log", "empty app");
	check_bad("shiny-20261204-152201-40273.log", "no app field");
	check_bad("hello--20261204-152201-40273.log", "empty user");
	check_bad("-20261204-152201-40273.log", "no app or user");
	check_bad("20261204-152201-40273.log", "date only");
	check_bad("-20261204-x.log", "no time, bad port");
	check_bad("hello-shiny-20261204-152201-.log", "empty port");
	check_bad("hello-shiny-20261204-152201-0.log", "port 0");
	check_bad("hello-shiny-20261204-152201-70000.log", "port 70000");
	check_bad("hello-shiny-20261204-152201-65536.log", "port 65536");
	check_bad("hello-shiny-20261204-152201-123456.log", "six-digit port");
	check_bad("hello-shiny-20261204-152201-080.log", "port leading zero");
	check_bad("hello-shiny-20261204-152201-+80.log", "port sign");
	check_bad("hello-shiny-20261304-152201-40273.log", "month 13");
	check_bad("hello-shiny-20260004-152201-40273.log", "month 0");
	check_bad("hello-shiny-20261200-152201-40273.log", "day 0");
	check_bad("hello-shiny-20261232-152201-40273.log", "day 32");
	check_bad("hello-shiny-20260230-152201-40273.log", "February 30");
	check_bad("hello-shiny-21000229-152201-40273.log", "1900-style leap");
	check_bad("hello-shiny-20260431-152201-40273.log", "April 31");
	check_bad("hello-shiny-19691231-152201-40273.log", "before 1970");
	check_bad("hello-shiny-20261204-242201-40273.log", "hour 24");
	check_bad("hello-shiny-20261204-156001-40273.log", "minute 60");
	check_bad("hello-shiny-20261204-152261-40273.log", "second 61");
	check_bad("hello-shiny-2026124-152201-40273.log", "7-digit date");
	check_bad("hello-shiny-202612045-152201-40273.log", "9-digit date");
	check_bad("hello-shiny-20261204-15220-40273.log", "5-digit time");
	check_bad("hello-shiny-20261204-1522011-40273.log", "7-digit time");
	check_bad("hello-shiny-2026a204-152201-40273.log", "letter in date");
	check_bad("hello-shiny-20261204-15x201-40273.log", "letter in time");
	check_bad("hello-shiny-20261204_152201-40273.log", "underscore");
	check_bad("dir/hello-shiny-20261204-152201-40273.log", "a path");
	check_bad(".log", ".log alone");
	check_bad(".log.1", ".log.1 alone");
	ok(!sessionlog_parse_name(NULL, NULL), "refuses NULL");

	/* An app name that does not fit the buffer. */
	for (i = 0; i < 300; i++)
		longname[i] = 'a';
	snprintf(longname + 300, sizeof longname - 300,
	    "-shiny-20261204-152201-40273.log");
	check_bad(longname, "app of 300 bytes");
	/* A very long name of any kind. */
	memset(longname, 'z', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	check_bad(longname, "1199 bytes");
	/* The longest app that fits still parses. */
	memset(fits, 'a', SESSIONLOG_NAME_MAX - 1);
	snprintf(fits + SESSIONLOG_NAME_MAX - 1,
	    sizeof fits - (SESSIONLOG_NAME_MAX - 1),
	    "-shiny-20261204-152201-40273.log.9.gz");
	{
		struct sessionlog_name n;

		ok(sessionlog_parse_name(fits, &n) &&
		    strlen(n.app) == SESSIONLOG_NAME_MAX - 1 &&
		    n.rotation == 9 && n.gz, "app of %d bytes fits",
		    SESSIONLOG_NAME_MAX - 1);
	}
}

static void
test_crash_lines(void)
{
	static const struct {
		const char	*line;
		bool		 crash;
	} cases[] = {
		{ "Error in ..stacktraceon..({ : ", true },
		{ "Error in foo(): bar", true },
		{ "Error: object 'x' not found", true },
		{ "Error in ", true },
		{ "Error: ", true },
		{ "Execution halted", false },
		{ "Terminated", false },
		{ "Warning: Error in : boom", false },
		{ "Warning in server(...) : noisy", false },
		{ "  Error in foo", false },
		{ "Error in", false },
		{ "Error:", false },
		{ "error in foo", false },
		{ "Errors: 3", false },
		{ "", false },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(sessionlog_line_is_crash(cases[i].line,
		    strlen(cases[i].line)), cases[i].crash,
		    "crash line \"%s\"", cases[i].line);

	/* len bounds the line: no NUL needed, and nothing past len read. */
	ok(!sessionlog_line_is_crash("Error in x", 6), "len cuts \"Error \"");
	ok(sessionlog_line_is_crash("Error: xyz", 7), "exactly \"Error: \"");
	ok(!sessionlog_line_is_crash(NULL, 0), "NULL line");
}

/* True when any line of the file is a crash line. Sets *nlines, and
 * *halted when a line is "Execution halted". */
static bool
file_crashed(const char *path, int *nlines, bool *halted)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool crashed = false;

	*nlines = -1;
	*halted = false;
	if (f == NULL)
		return false;
	*nlines = 0;
	while ((n = getline(&line, &cap, f)) != -1) {
		(*nlines)++;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		if (sessionlog_line_is_crash(line, (size_t)n))
			crashed = true;
		if ((size_t)n == strlen("Execution halted") &&
		    memcmp(line, "Execution halted", (size_t)n) == 0)
			*halted = true;
	}
	free(line);
	fclose(f);
	return crashed;
}

/* Every worker log of the real sample runs: names parse, and exactly the
 * broken app's logs crashed. */
static void
test_real_logs(void)
{
	static const char *dirs[] = {
		"formats/log-formats/default", "formats/log-formats/common",
		"formats/log-formats/short", "formats/log-formats/tiny",
		"formats/log-formats/dev", "formats/log-formats/custom",
		"preserve-logs-false/log",
	};
	int nlogs = 0, ncrashed = 0;

	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char *dpath;
		DIR *d;
		struct dirent *de;

		if (asprintf(&dpath, "%s/tests/fixtures/real-shiny-server/%s",
		    srcdir(), dirs[i]) == -1)
			abort();
		d = opendir(dpath);
		if (!ok(d != NULL, "open %s", dirs[i])) {
			free(dpath);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			struct sessionlog_name n;
			char *fpath;
			bool parsed, crashed, is_broken, halted;
			int nlines;

			if (de->d_name[0] == '.')
				continue;
			parsed = sessionlog_parse_name(de->d_name, &n);
			if (strcmp(de->d_name, "access.log") == 0) {
				ok(!parsed, "%s/access.log is not a session",
				    dirs[i]);
				continue;
			}
			if (!ok(parsed, "real name %s parses", de->d_name))
				continue;
			nlogs++;
			ok(strcmp(n.app, "hello") == 0 ||
			    strcmp(n.app, "noisy") == 0 ||
			    strcmp(n.app, "broken") == 0,
			    "%s: app is a sample app", de->d_name);
			is_str(n.user, "shiny", "%s: user", de->d_name);
			is_str(n.base, de->d_name, "%s: base is the name",
			    de->d_name);
			ok(n.year == 2026 && n.month == 12 && n.day == 4 &&
			    n.hour == 15, "%s: date", de->d_name);

			if (asprintf(&fpath, "%s/%s", dpath, de->d_name) == -1)
				abort();
			crashed = file_crashed(fpath, &nlines, &halted);
			free(fpath);
			is_broken = strcmp(n.app, "broken") == 0;
			ok(nlines > 0, "%s: read %d lines", de->d_name, nlines);
			is_int(crashed, is_broken, "%s: crashed", de->d_name);
			/* Every one ends "Execution halted": alone, that is
			 * an idle worker stopped, not a crash. */
			ok(halted, "%s: has \"Execution halted\"", de->d_name);
			ncrashed += crashed;
		}
		closedir(d);
		free(dpath);
	}
	is_int(nlogs, 19, "19 real session logs");
	is_int(ncrashed, 7, "7 of them crashed (one broken per run)");
}

int
main(void)
{
	test_field_notes();
	test_rotations();
	test_malformed();
	test_crash_lines();
	test_real_logs();
	return done_testing();
}

/* The session-log verdict cache: a verdict is reused only for the same
 * path, size and mtime on the same server, and a damaged file costs reads,
 * never wrong answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sessioncache.h"
#include "xmalloc.h"

#include "tap.h"

static void
spew(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

int
main(void)
{
	char tmpl[] = "/tmp/test_sessioncache.XXXXXX", *dir, *path, *cause = NULL;
	struct sessioncache *sc;
	const char *id = "shiny@web1:22";
	const char *log = "/var/log/shiny-server/hello-shiny-20261204-152201-40273.log";

	if ((dir = mkdtemp(tmpl)) == NULL)
		return 99;
	path = xasprintf("%s/deep/er/web1.sessions", dir);

	sc = sessioncache_load(path, id);
	is_int(sessioncache_lookup(sc, log, 131, 1796397721), -1,
	    "a missing cache file knows nothing");
	sessioncache_put(sc, log, 131, 1796397721, false);
	sessioncache_put(sc, "/var/log/shiny-server/broken-shiny-20261204-152209-45189.log",
	    269, 1796397729, true);
	sessioncache_put(sc, "relative/path.log", 1, 1, true);
	ok(sessioncache_save(sc, path, &cause) == 0,
	    "saved, creating its directories (%s)", cause ? cause : "ok");
	sessioncache_free(sc);

	sc = sessioncache_load(path, id);
	is_int(sessioncache_lookup(sc, log, 131, 1796397721), 0,
	    "an unchanged log: no crash, from the cache");
	is_int(sessioncache_lookup(sc,
	    "/var/log/shiny-server/broken-shiny-20261204-152209-45189.log",
	    269, 1796397729), 1, "an unchanged crashed log: crash, from the cache");
	is_int(sessioncache_lookup(sc, log, 200, 1796397721), -1,
	    "a log that grew is read again");
	is_int(sessioncache_lookup(sc, log, 131, 1796397999), -1,
	    "a log with another mtime is read again");
	is_int(sessioncache_lookup(sc, "relative/path.log", 1, 1), -1,
	    "a path that is not absolute is never cached");
	/* Saving keeps only what this run put: logs that are gone drop out. */
	sessioncache_put(sc, log, 131, 1796397721, false);
	ok(sessioncache_save(sc, path, &cause) == 0, "saved again");
	sessioncache_free(sc);
	sc = sessioncache_load(path, id);
	is_int(sessioncache_lookup(sc,
	    "/var/log/shiny-server/broken-shiny-20261204-152209-45189.log",
	    269, 1796397729), -1, "a log not seen in the last run dropped out");
	is_int(sessioncache_lookup(sc, log, 131, 1796397721), 0,
	    "a log seen in the last run stayed");
	sessioncache_free(sc);

	sc = sessioncache_load(path, "shiny@web2:22");
	is_int(sessioncache_lookup(sc, log, 131, 1796397721), -1,
	    "another server's cache is not used");
	sessioncache_free(sc);

	spew(path, "# shiny-usage session-log cache v1 shiny@web1:22\n"
	    "1\tx\t1\t/a.log\n"
	    "2\t5\t1\t/b.log\n"
	    "1\t5\t1\trelative.log\n"
	    "\x01\x02garbage\n"
	    "1\t7\t9\t/good.log\n"
	    "1\t8\t9\t/cut-short.log");
	sc = sessioncache_load(path, id);
	is_int(sessioncache_lookup(sc, "/good.log", 7, 9), 1,
	    "a good line among damaged ones is used");
	is_int(sessioncache_lookup(sc, "/a.log", 5, 1), -1, "a bad size is ignored");
	is_int(sessioncache_lookup(sc, "/b.log", 5, 1), -1, "a bad verdict is ignored");
	is_int(sessioncache_lookup(sc, "/cut-short.log", 8, 9), -1,
	    "a last line without newline (cut short) is ignored");
	sessioncache_free(sc);

	spew(path, "something else entirely\n1\t7\t9\t/good.log\n");
	sc = sessioncache_load(path, id);
	is_int(sessioncache_lookup(sc, "/good.log", 7, 9), -1,
	    "a file without our header is not used");
	sessioncache_free(sc);

	free(cause);
	unlink(path);
	free(path);
	path = xasprintf("%s/deep/er", dir);
	rmdir(path);
	free(path);
	path = xasprintf("%s/deep", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
	return done_testing();
}

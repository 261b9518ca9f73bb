/* Unit tests for shinyconf.c (shiny-server.conf parser) and discovery.c
 * (host file over shiny-server.conf over built-in defaults), over the real
 * configs in tests/fixtures/real-shiny-server and made-up ones. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "discovery.h"
#include "shinyconf.h"
#include "strlist.h"
#include "tap.h"

static const char *
srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s != NULL && *s != '\0' ? s : ".";
}

/* Reads a fixture file into an allocated buffer; NULL when unreadable. */
static char *
read_fixture(const char *rel, size_t *len)
{
	char *path, *buf = NULL;
	FILE *f;
	long n;

	if (asprintf(&path, "%s/tests/fixtures/real-shiny-server/%s",
	    srcdir(), rel) == -1)
		abort();
	f = fopen(path, "rb");
	free(path);
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else
			*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* Parses a NUL-terminated text; on failure prints the cause. */
static int
parse(const char *text, struct shinyconf *sc)
{
	char *cause = NULL;
	int rc = shinyconf_parse(text, strlen(text), sc, &cause);

	if (rc != 0)
		printf("# unexpected error: %s\n", cause);
	free(cause);
	return rc;
}

static void
check_site(const struct shinyconf_site *sites, size_t n, size_t i,
    const char *url, const char *dir, bool single_app, const char *what)
{
	if (!ok(i < n, "%s: site %zu exists", what, i))
		return;
	is_str(sites[i].url_prefix, url, "%s: site %zu url", what, i);
	is_str(sites[i].dir, dir, "%s: site %zu dir", what, i);
	is_int(sites[i].single_app, single_app, "%s: site %zu kind", what, i);
}

/* The standard shape of every real config: one site at "/", one log dir. */
static void
check_standard(const struct shinyconf *sc, const char *what)
{
	is_str(sc->run_as, "shiny", "%s: run_as", what);
	is_int(sc->nsites, 1, "%s: one site", what);
	check_site(sc->sites, sc->nsites, 0, "/", "/srv/shiny-server", false,
	    what);
	is_int(sc->log_dirs.n, 1, "%s: one log_dir", what);
	if (sc->log_dirs.n == 1)
		is_str(sc->log_dirs.v[0], "/var/log/shiny-server",
		    "%s: log_dir", what);
	ok(!sc->user_dirs, "%s: no user_dirs", what);
	is_str(sc->access_log, "/var/log/shiny-server/access.log",
	    "%s: access_log", what);
}

static void
test_real_configs(void)
{
	static const struct {
		const char	*file;
		const char	*format;
		int		 preserve;
	} cases[] = {
		{ "formats/etc/shiny-server-default.conf", "default", 1 },
		{ "formats/etc/shiny-server-common.conf", "common", 1 },
		{ "formats/etc/shiny-server-short.conf", "short", 1 },
		{ "formats/etc/shiny-server-tiny.conf", "tiny", 1 },
		{ "formats/etc/shiny-server-dev.conf", "dev", 1 },
		{ "formats/etc/shiny-server-custom.conf",
		    ":remote-addr - :remote-user [:date[iso]] \":method :url "
		    "HTTP/:http-version\" :status :res[content-length] "
		    ":response-time ms \":referrer\" \":user-agent\"", 1 },
		{ "preserve-logs-false/etc/shiny-server-nopreserve.conf",
		    "combined", -1 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct shinyconf sc;
		char *buf, *cause = NULL;
		size_t len = 0;

		buf = read_fixture(cases[i].file, &len);
		if (!ok(buf != NULL, "read %s", cases[i].file))
			continue;
		if (!ok(shinyconf_parse(buf, len, &sc, &cause) == 0,
		    "parse %s", cases[i].file)) {
			printf("# %s\n", cause);
			free(cause);
			free(buf);
			continue;
		}
		check_standard(&sc, cases[i].file);
		is_str(sc.access_log_format, cases[i].format, "%s: format",
		    cases[i].file);
		is_int(sc.preserve_logs, cases[i].preserve,
		    "%s: preserve_logs", cases[i].file);
		shinyconf_free(&sc);
		ok(sc.sites == NULL && sc.run_as == NULL && sc.log_dirs.n == 0,
		    "%s: freed and zeroed", cases[i].file);
		free(buf);
	}
}

static void
test_packaged_default(void)
{
	struct shinyconf sc;

	if (!ok(parse("run_as shiny; server { listen 3838; location / { "
	    "site_dir /srv/shiny-server; log_dir /var/log/shiny-server; "
	    "directory_index on; } }", &sc) == 0, "packaged default parses"))
		return;
	is_str(sc.run_as, "shiny", "default: run_as");
	check_site(sc.sites, sc.nsites, 0, "/", "/srv/shiny-server", false,
	    "default");
	is_int(sc.nsites, 1, "default: one site");
	is_int(sc.log_dirs.n, 1, "default: one log dir");
	ok(sc.access_log == NULL, "default: access log off");
	ok(sc.access_log_format == NULL, "default: no format");
	is_int(sc.preserve_logs, -1, "default: preserve_logs not said");
	ok(!sc.user_dirs, "default: no user_dirs");
	shinyconf_free(&sc);
}

static const char nested_conf[] =
	"# several servers, nested locations, app_dir and user_dirs\n"
	"run_as shiny admin;\n"
	"log_dir /var/log/top/;\n"
	"access_log /var/log/shiny-server/access.log;\n"
	"server {\n"
	"  listen 3838;\n"
	"  location / {\n"
	"    site_dir /srv/shiny-server/;\n"
	"    log_dir /var/log/shiny-server;\n"
	"    location /apps {\n"
	"      site_dir /srv/other;   # log_dir inherited from /\n"
	"    }\n"
	"  }\n"
	"  location /hello {\n"
	"    app_dir \"/srv/apps/hello world\";\n"
	"  }\n"
	"  location /users { user_dirs; }\n"
	"  location /a {\n"
	"    location b {\n"
	"      location /c/ { log_dir /var/log/c; app_dir /srv/c; }\n"
	"    }\n"
	"  }\n"
	"  location /r { redirect \"http://example.org/\" 301 true; }\n"
	"}\n"
	"server {\n"
	"  listen 3839;\n"
	"  run_as other;\n"
	"  log_dir /var/log/second;\n"
	"  site_dir /srv/server-level;\n"
	"  location / { site_dir /srv/shiny-server; }\n"
	"}\n";

static void
test_nested(void)
{
	struct shinyconf sc;

	if (!ok(parse(nested_conf, &sc) == 0, "nested config parses"))
		return;
	is_str(sc.run_as, "shiny", "nested: first word of top-level run_as");
	is_int(sc.nsites, 5, "nested: five distinct sites");
	check_site(sc.sites, sc.nsites, 0, "/", "/srv/shiny-server", false,
	    "nested");
	check_site(sc.sites, sc.nsites, 1, "/apps/", "/srv/other", false,
	    "nested");
	check_site(sc.sites, sc.nsites, 2, "/hello/", "/srv/apps/hello world",
	    true, "nested");
	check_site(sc.sites, sc.nsites, 3, "/a/b/c/", "/srv/c", true,
	    "nested");
	check_site(sc.sites, sc.nsites, 4, "/", "/srv/server-level", false,
	    "nested (server level)");
	is_int(sc.log_dirs.n, 4, "nested: four log dirs");
	if (sc.log_dirs.n == 4) {
		is_str(sc.log_dirs.v[0], "/var/log/shiny-server", "log dir 0");
		is_str(sc.log_dirs.v[1], "/var/log/top", "log dir 1 (top)");
		is_str(sc.log_dirs.v[2], "/var/log/c", "log dir 2");
		is_str(sc.log_dirs.v[3], "/var/log/second",
		    "log dir 3 (second server, same site as the first)");
	}
	ok(sc.user_dirs, "nested: user_dirs in a location");
	is_str(sc.access_log, "/var/log/shiny-server/access.log",
	    "nested: access_log");
	ok(sc.access_log_format == NULL, "nested: no format written");
	shinyconf_free(&sc);
}

static void
test_user_dirs(void)
{
	struct shinyconf sc;

	if (ok(parse("server { listen 80; location / { user_apps; } }",
	    &sc) == 0, "user_apps config parses")) {
		ok(sc.user_dirs, "user_apps means user_dirs");
		is_int(sc.nsites, 0, "user_apps only: no site");
		is_int(sc.log_dirs.n, 0, "user_apps only: no log dir");
		ok(sc.run_as == NULL, "no run_as");
		shinyconf_free(&sc);
	}
	if (ok(parse("server { listen 80; location /u { user_dirs on; } }",
	    &sc) == 0, "user_dirs on parses")) {
		ok(sc.user_dirs, "user_dirs on");
		shinyconf_free(&sc);
	}
	if (ok(parse("server { location / { user_apps off; } }", &sc) == 0,
	    "user_apps off parses")) {
		ok(!sc.user_dirs, "user_apps off is not user_dirs");
		shinyconf_free(&sc);
	}
	/* No site: every log_dir written is kept. */
	if (ok(parse("log_dir /l1; server { log_dir /l2/; location / "
	    "{ user_dirs; log_dir /l1/; } }", &sc) == 0, "log dirs, no site")) {
		is_int(sc.log_dirs.n, 2, "no site: both log dirs");
		if (sc.log_dirs.n == 2) {
			is_str(sc.log_dirs.v[0], "/l1", "no site: /l1");
			is_str(sc.log_dirs.v[1], "/l2", "no site: /l2");
		}
		shinyconf_free(&sc);
	}
}

static void
test_lexing(void)
{
	struct shinyconf sc;
	static const char crlf[] =
	    "run_as shiny;\r\nserver {\r\n location / {\r\n"
	    "  site_dir /srv/x;\r\n }\r\n}\r\n";

	if (ok(parse("# a comment with { and ; and \" and '\n"
	    "run_as 'sh\\'iny';\n"
	    "server {\n"
	    "  location \"/we ird\" {\n"
	    "    site_dir \"/srv/{weird}#dir;\" ;\n"
	    "    log_dir /var/log/a#not part of the word\n"
	    "      ;\n"
	    "  }\n"
	    "}\n"
	    "access_log \"/x\\\\y\" \"a\\\"b\";", &sc) == 0,
	    "quotes, escapes and comments parse")) {
		is_str(sc.run_as, "sh'iny", "escaped quote inside quotes");
		check_site(sc.sites, sc.nsites, 0, "/we ird/",
		    "/srv/{weird}#dir;", false, "quoted");
		if (ok(sc.log_dirs.n == 1, "one log dir"))
			is_str(sc.log_dirs.v[0], "/var/log/a",
			    "'#' ends a word and starts a comment");
		is_str(sc.access_log, "/x\\y", "escaped backslash");
		is_str(sc.access_log_format, "a\"b", "escaped double quote");
		shinyconf_free(&sc);
	}
	if (ok(parse(crlf, &sc) == 0, "CRLF config parses")) {
		is_str(sc.run_as, "shiny", "CRLF: run_as");
		check_site(sc.sites, sc.nsites, 0, "/", "/srv/x", false,
		    "CRLF");
		shinyconf_free(&sc);
	}
	if (ok(parse(";;run_as \"\";;", &sc) == 0, "empty statements")) {
		is_str(sc.run_as, "", "empty quoted word");
		shinyconf_free(&sc);
	}
	if (ok(parse("", &sc) == 0, "empty config")) {
		ok(sc.run_as == NULL && sc.nsites == 0 && sc.log_dirs.n == 0 &&
		    sc.access_log == NULL && sc.preserve_logs == -1 &&
		    !sc.user_dirs, "empty config: nothing known");
		shinyconf_free(&sc);
	}
	ok(shinyconf_parse(NULL, 0, &sc, NULL) == 0, "NULL buffer, length 0");
	shinyconf_free(&sc);

	/* Words end at whitespace, braces, ';', quotes: "a"b is two words. */
	if (ok(parse("access_log /p\"fmt\";", &sc) == 0, "adjacent quote")) {
		is_str(sc.access_log, "/p", "word ends at a quote");
		is_str(sc.access_log_format, "fmt", "the quote is a new word");
		shinyconf_free(&sc);
	}
	/* The length bounds the buffer: no NUL needed after it. */
	if (ok(shinyconf_parse("run_as abc;XXXX", 11, &sc, NULL) == 0,
	    "length bounds the buffer")) {
		is_str(sc.run_as, "abc", "only len bytes read");
		shinyconf_free(&sc);
	}
}

static void
test_directives(void)
{
	static const struct {
		const char	*text;
		int		 preserve;
	} pl[] = {
		{ "preserve_logs true;", 1 }, { "preserve_logs TRUE;", 1 },
		{ "preserve_logs on;", 1 }, { "preserve_logs yes;", 1 },
		{ "preserve_logs;", 1 }, { "preserve_logs false;", 0 },
		{ "preserve_logs off;", 0 }, { "preserve_logs No;", 0 },
		{ "preserve_logs maybe;", -1 },
		{ "server { preserve_logs true; }", -1 },
	};
	struct shinyconf sc;

	for (size_t i = 0; i < sizeof pl / sizeof pl[0]; i++) {
		if (parse(pl[i].text, &sc) != 0) {
			ok(0, "%s parses", pl[i].text);
			continue;
		}
		is_int(sc.preserve_logs, pl[i].preserve, "%s", pl[i].text);
		shinyconf_free(&sc);
	}
	if (ok(parse("server { access_log /in/server; run_as inner; "
	    "location / { run_as loc; site_dir /s; } }", &sc) == 0,
	    "top-level-only directives inside blocks")) {
		ok(sc.access_log == NULL, "access_log only at top level");
		ok(sc.run_as == NULL, "run_as only at top level");
		is_int(sc.log_dirs.n, 0, "no log_dir anywhere");
		is_int(sc.nsites, 1, "site without log_dir still a site");
		shinyconf_free(&sc);
	}
	if (ok(parse("unknown_thing a b c; other { nested { deep; } }\n"
	    "application x { site_dir /ignored; }\n"
	    "server { location { site_dir /no-path; } "
	    "location / { site_dir \"\"; } }", &sc) == 0,
	    "unknown directives are ignored")) {
		is_int(sc.nsites, 0, "no site from unknown blocks, "
		    "path-less locations or empty dirs");
		shinyconf_free(&sc);
	}
	if (ok(parse("access_log \"\" combined;", &sc) == 0, "empty path")) {
		ok(sc.access_log == NULL && sc.access_log_format == NULL,
		    "empty access_log path is no access log");
		shinyconf_free(&sc);
	}
}

/* Expects a syntax error whose cause starts with want. */
static void
check_error(const char *text, size_t len, const char *want)
{
	struct shinyconf sc;
	char *cause = NULL;
	int rc;

	memset(&sc, 0x5a, sizeof sc);
	rc = shinyconf_parse(text, len, &sc, &cause);
	if (!ok(rc == -1, "error: %s", want)) {
		if (rc == 0)
			shinyconf_free(&sc);
		free(cause);
		return;
	}
	if (!ok(cause != NULL && strncmp(cause, want, strlen(want)) == 0,
	    "cause begins \"%s\"", want))
		printf("#   cause: %s\n", cause ? cause : "(null)");
	ok(sc.run_as == NULL && sc.sites == NULL && sc.nsites == 0 &&
	    sc.log_dirs.v == NULL && sc.access_log == NULL,
	    "out left empty after the error");
	shinyconf_free(&sc);
	free(cause);
}

#define CHECK_ERROR(text, want)	check_error((text), sizeof(text) - 1, (want))

static void
test_errors(void)
{
	char deep[400], *big;
	size_t o = 0;
	struct shinyconf sc;

	CHECK_ERROR("run_as shiny;\nserver {\n  listen 3838;\n",
	    "line 2: block of \"server\" is never closed");
	CHECK_ERROR("server {\n location / {\n site_dir /x;\n }\n",
	    "line 1: block of \"server\" is never closed");
	CHECK_ERROR("run_as shiny;\n}\n", "line 2: unexpected '}'");
	CHECK_ERROR("server { listen 1; }\n\n}", "line 3: unexpected '}'");
	CHECK_ERROR("run_as shiny", "line 1: directive \"run_as\" does not "
	    "end with ';'");
	CHECK_ERROR("run_as shiny;\n\nlog_dir\n /x\n", "line 3: directive "
	    "\"log_dir\" does not end with ';'");
	CHECK_ERROR("server {\n listen 3838\n}\n", "line 3: unexpected '}' "
	    "(missing ';' after \"listen\"?)");
	CHECK_ERROR("run_as shiny;\naccess_log \"/x;\n\n",
	    "line 2: quoted string never closed");
	CHECK_ERROR("run_as 'shiny;\n", "line 1: quoted string never closed");
	CHECK_ERROR("run_as 'a\\", "line 1: quoted string never closed");
	CHECK_ERROR("# { } ;\n{ }", "line 2: unexpected '{'");
	CHECK_ERROR("run_as shi\001ny;", "line 1: invalid control character");
	CHECK_ERROR("run_as\n\nshi\0ny;", "line 3: invalid control character");
	CHECK_ERROR("\x1b[31m", "line 1: invalid control character");

	/* Hostile nesting is refused, not recursed into. */
	for (int i = 0; i < 100 && o + 4 < sizeof deep; i++) {
		memcpy(deep + o, "a {", 3);
		o += 3;
	}
	deep[o] = '\0';
	check_error(deep, o, "line 1: blocks nested too deeply");

	/* A half-megabyte word is fine; more than the limit is refused. */
	big = malloc(SHINYCONF_MAX_SIZE + 1);
	if (big == NULL)
		abort();
	memcpy(big, "run_as ", 7);
	memset(big + 7, 'x', (1 << 19) - 8);
	big[(1 << 19) - 1] = ';';
	if (ok(shinyconf_parse(big, 1 << 19, &sc, NULL) == 0,
	    "a 512 KiB word parses")) {
		ok(sc.run_as != NULL && strlen(sc.run_as) == (1 << 19) - 8,
		    "the whole word is kept");
		shinyconf_free(&sc);
	}
	memset(big, ';', SHINYCONF_MAX_SIZE + 1);
	ok(shinyconf_parse(big, SHINYCONF_MAX_SIZE, &sc, NULL) == 0,
	    "%d bytes of empty statements parse", SHINYCONF_MAX_SIZE);
	shinyconf_free(&sc);
	check_error(big, SHINYCONF_MAX_SIZE + 1, "1048577 bytes is too large");
	/* Binary garbage is an error, never a crash. */
	for (size_t i = 0; i < SHINYCONF_MAX_SIZE; i++)
		big[i] = (char)((i * 2654435761u) >> 13);
	ok(shinyconf_parse(big, SHINYCONF_MAX_SIZE, &sc, NULL) == -1,
	    "binary garbage is a syntax error");
	/* Many directives and arguments (amortised growth). */
	for (size_t i = 0; i + 2 <= SHINYCONF_MAX_SIZE; i += 2)
		memcpy(big + i, i % 64 == 62 ? ";\n" : "a ", 2);
	big[SHINYCONF_MAX_SIZE - 1] = ';';
	ok(shinyconf_parse(big, SHINYCONF_MAX_SIZE, &sc, NULL) == 0,
	    "a megabyte of short directives parses");
	shinyconf_free(&sc);
	/* Thousands of site dirs: refused, the dedup is quadratic. */
	for (o = 0; o + 24 < SHINYCONF_MAX_SIZE && o < 5000 * 24; o += 24)
		snprintf(big + o, 25, "site_dir /s/%010zu;\n", o);
	check_error(big, o, "line 4097: more than 4096 site_dir");
	for (o = 0; o + 24 < SHINYCONF_MAX_SIZE && o < 4000 * 24; o += 24)
		snprintf(big + o, 25, "site_dir /s/%010zu;\n", o);
	if (ok(shinyconf_parse(big, o, &sc, NULL) == 0, "4000 sites parse"))
		is_int(sc.nsites, 4000, "4000 distinct sites");
	shinyconf_free(&sc);
	free(big);
}

/* A host_config as config.c leaves it before any key is set. */
static void
hc_init(struct host_config *hc)
{
	memset(hc, 0, sizeof *hc);
	hc->port = hc->host_key_policy = hc->connect_timeout = -1;
	hc->timeout = hc->user_dirs = hc->window_days = -1;
}

static void
test_discovery_builtin(void)
{
	struct host_config hc;
	struct host_paths p;

	hc_init(&hc);
	discovery_resolve(&hc, NULL, &p);
	is_int(p.nsites, 1, "builtin: one site");
	check_site(p.sites, p.nsites, 0, "/", "/srv/shiny-server", false,
	    "builtin");
	is_int(p.origin[CK_SITE_DIR], ORIGIN_BUILTIN, "builtin: site origin");
	if (ok(p.log_dirs.n == 1, "builtin: one log dir"))
		is_str(p.log_dirs.v[0], "/var/log/shiny-server",
		    "builtin: log dir");
	is_int(p.origin[CK_LOG_DIR], ORIGIN_BUILTIN, "builtin: log origin");
	is_str(p.access_log, "/var/log/shiny-server/access.log",
	    "builtin: access log");
	is_int(p.origin[CK_ACCESS_LOG], ORIGIN_BUILTIN, "builtin: al origin");
	is_str(p.access_log_format, "auto", "builtin: format");
	is_int(p.origin[CK_ACCESS_LOG_FORMAT], ORIGIN_BUILTIN,
	    "builtin: format origin");
	ok(!p.user_dirs, "builtin: no user_dirs");
	is_int(p.origin[CK_USER_DIRS], ORIGIN_BUILTIN, "builtin: ud origin");
	ok(p.run_as == NULL, "builtin: no run_as");
	is_int(p.preserve_logs, -1, "builtin: preserve_logs unknown");
	is_int(p.origin[CK_HOSTNAME], ORIGIN_UNSET, "other keys unset");
	discovery_free(&p);
	discovery_free(&p);
	ok(p.sites == NULL && p.access_log == NULL, "free twice is safe");

	/* A zeroed host_config (user_dirs 0 without an origin) says
	 * nothing either. */
	memset(&hc, 0, sizeof hc);
	discovery_resolve(&hc, NULL, &p);
	is_int(p.origin[CK_USER_DIRS], ORIGIN_BUILTIN,
	    "zeroed user_dirs without origin is unset");
	discovery_free(&p);
}

/* Parses a fixture config for the discovery tests. */
static int
parse_fixture(const char *rel, struct shinyconf *sc)
{
	char *buf;
	size_t len = 0;
	int rc = -1;

	if ((buf = read_fixture(rel, &len)) != NULL)
		rc = shinyconf_parse(buf, len, sc, NULL);
	free(buf);
	return rc;
}

static void
test_discovery_discovered(void)
{
	static const struct {
		const char	*file;
		const char	*format;
	} cases[] = {
		{ "formats/etc/shiny-server-default.conf", "combined" },
		{ "formats/etc/shiny-server-common.conf", "common" },
		{ "formats/etc/shiny-server-tiny.conf", "tiny" },
		{ "preserve-logs-false/etc/shiny-server-nopreserve.conf",
		    "combined" },
	};
	struct host_config hc;
	struct host_paths p;
	struct shinyconf sc;

	hc_init(&hc);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!ok(parse_fixture(cases[i].file, &sc) == 0, "parse %s",
		    cases[i].file))
			continue;
		discovery_resolve(&hc, &sc, &p);
		is_str(p.access_log_format, cases[i].format, "%s: format",
		    cases[i].file);
		is_int(p.origin[CK_ACCESS_LOG_FORMAT], ORIGIN_DISCOVERED,
		    "%s: format discovered", cases[i].file);
		is_str(p.access_log, "/var/log/shiny-server/access.log",
		    "%s: access log", cases[i].file);
		is_int(p.origin[CK_ACCESS_LOG], ORIGIN_DISCOVERED,
		    "%s: access log discovered", cases[i].file);
		check_site(p.sites, p.nsites, 0, "/", "/srv/shiny-server",
		    false, cases[i].file);
		is_int(p.origin[CK_SITE_DIR], ORIGIN_DISCOVERED,
		    "%s: site discovered", cases[i].file);
		is_int(p.origin[CK_LOG_DIR], ORIGIN_DISCOVERED,
		    "%s: log dir discovered", cases[i].file);
		is_int(p.origin[CK_USER_DIRS], ORIGIN_DISCOVERED,
		    "%s: user_dirs discovered", cases[i].file);
		is_str(p.run_as, "shiny", "%s: run_as", cases[i].file);
		is_int(p.preserve_logs, strstr(cases[i].file, "nopreserve") ?
		    0 : 1, "%s: preserve_logs", cases[i].file);
		discovery_free(&p);
		shinyconf_free(&sc);
	}

	/* The custom format is kept as the morgan string written. */
	if (ok(parse_fixture("formats/etc/shiny-server-custom.conf", &sc) == 0,
	    "parse custom")) {
		discovery_resolve(&hc, &sc, &p);
		ok(p.access_log_format != NULL &&
		    strncmp(p.access_log_format, ":remote-addr - :remote-user "
		    "[:date[iso]]", 40) == 0, "custom: morgan string kept");
		discovery_free(&p);
		shinyconf_free(&sc);
	}

	/* Nested: every site and log dir, with their URLs. */
	if (ok(parse(nested_conf, &sc) == 0, "parse nested")) {
		discovery_resolve(&hc, &sc, &p);
		is_int(p.nsites, 5, "nested: five sites");
		check_site(p.sites, p.nsites, 3, "/a/b/c/", "/srv/c", true,
		    "nested discovered");
		is_int(p.log_dirs.n, 4, "nested: four log dirs");
		ok(p.user_dirs, "nested: user_dirs discovered");
		is_str(p.access_log_format, "auto",
		    "no format written: auto");
		is_int(p.origin[CK_ACCESS_LOG_FORMAT], ORIGIN_BUILTIN,
		    "no format written: builtin origin");
		is_int(p.preserve_logs, 0, "not said: Shiny Server's default");
		discovery_free(&p);
		shinyconf_free(&sc);
	}

	/* Only user dirs: no site, built-in log dir, no run_as. */
	if (ok(parse("server { listen 1; location / { user_apps; } }",
	    &sc) == 0, "parse user_apps")) {
		discovery_resolve(&hc, &sc, &p);
		is_int(p.nsites, 0, "user_apps only: no site");
		is_int(p.origin[CK_SITE_DIR], ORIGIN_DISCOVERED,
		    "user_apps only: discovered");
		ok(p.user_dirs, "user_apps only: user_dirs");
		if (ok(p.log_dirs.n == 1, "user_apps only: one log dir"))
			is_str(p.log_dirs.v[0], "/var/log/shiny-server",
			    "user_apps only: built-in log dir");
		is_int(p.origin[CK_LOG_DIR], ORIGIN_BUILTIN,
		    "user_apps only: log dir built in");
		is_str(p.access_log, "/var/log/shiny-server/access.log",
		    "no access_log in the config: built-in path");
		is_int(p.origin[CK_ACCESS_LOG], ORIGIN_BUILTIN,
		    "no access_log in the config: builtin");
		discovery_free(&p);
		shinyconf_free(&sc);
	}
}

static void
test_discovery_host_wins(void)
{
	struct host_config hc;
	struct host_paths p;
	struct shinyconf sc;

	if (!ok(parse(nested_conf, &sc) == 0, "parse nested"))
		return;

	hc_init(&hc);
	strlist_add(&hc.site_dirs, "/data/apps");
	strlist_add(&hc.site_dirs, "/data/more");
	hc.origin[CK_SITE_DIR] = ORIGIN_HOSTFILE;
	strlist_add(&hc.log_dirs, "/data/log");
	hc.origin[CK_LOG_DIR] = ORIGIN_DEFAULTS;
	hc.access_log = strdup("none");
	hc.origin[CK_ACCESS_LOG] = ORIGIN_HOSTFILE;
	hc.access_log_format = strdup("common");
	hc.origin[CK_ACCESS_LOG_FORMAT] = ORIGIN_COMMAND_LINE;
	hc.user_dirs = 0;
	hc.origin[CK_USER_DIRS] = ORIGIN_HOSTFILE;

	discovery_resolve(&hc, &sc, &p);
	is_int(p.nsites, 2, "host file: two sites");
	check_site(p.sites, p.nsites, 0, "/", "/data/apps", false, "host");
	check_site(p.sites, p.nsites, 1, "/", "/data/more", false, "host");
	is_int(p.origin[CK_SITE_DIR], ORIGIN_HOSTFILE, "host: site origin");
	if (ok(p.log_dirs.n == 1, "host: one log dir"))
		is_str(p.log_dirs.v[0], "/data/log", "host: log dir");
	is_int(p.origin[CK_LOG_DIR], ORIGIN_DEFAULTS, "host: log origin");
	ok(p.access_log == NULL, "access_log none: no access log");
	is_int(p.origin[CK_ACCESS_LOG], ORIGIN_HOSTFILE, "none: origin kept");
	is_str(p.access_log_format, "common", "host: format");
	is_int(p.origin[CK_ACCESS_LOG_FORMAT], ORIGIN_COMMAND_LINE,
	    "host: format origin");
	ok(!p.user_dirs, "host: user_dirs no beats discovered yes");
	is_int(p.origin[CK_USER_DIRS], ORIGIN_HOSTFILE, "host: ud origin");
	is_str(p.run_as, "shiny", "run_as still discovered");
	discovery_free(&p);

	/* A host access_log path takes the config's format. */
	free(hc.access_log);
	hc.access_log = strdup("/elsewhere/access.log");
	free(hc.access_log_format);
	hc.access_log_format = NULL;
	hc.origin[CK_ACCESS_LOG_FORMAT] = ORIGIN_UNSET;
	shinyconf_free(&sc);
	if (ok(parse_fixture("formats/etc/shiny-server-default.conf", &sc) == 0,
	    "parse default")) {
		discovery_resolve(&hc, &sc, &p);
		is_str(p.access_log, "/elsewhere/access.log", "host path");
		is_int(p.origin[CK_ACCESS_LOG], ORIGIN_HOSTFILE,
		    "host path origin");
		is_str(p.access_log_format, "combined",
		    "config's \"default\" is combined");
		is_int(p.origin[CK_ACCESS_LOG_FORMAT], ORIGIN_DISCOVERED,
		    "format discovered");
		discovery_free(&p);
		shinyconf_free(&sc);
	}

	/* Without a config, the host's format is still the host's. */
	hc.access_log_format = strdup("auto");
	hc.origin[CK_ACCESS_LOG_FORMAT] = ORIGIN_HOSTFILE;
	hc.user_dirs = 1;
	discovery_resolve(&hc, NULL, &p);
	is_str(p.access_log_format, "auto", "host auto");
	ok(p.user_dirs, "host user_dirs yes");
	is_int(p.origin[CK_USER_DIRS], ORIGIN_HOSTFILE, "host yes origin");
	discovery_free(&p);

	strlist_clear(&hc.site_dirs);
	strlist_clear(&hc.log_dirs);
	free(hc.access_log);
	free(hc.access_log_format);
}

int
main(void)
{
	test_real_configs();
	test_packaged_default();
	test_nested();
	test_user_dirs();
	test_lexing();
	test_directives();
	test_errors();
	test_discovery_builtin();
	test_discovery_discovered();
	test_discovery_host_wins();
	return done_testing();
}

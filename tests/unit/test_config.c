/* Unit tests for the host configuration (config.c, config_load.c) and the
 * command line (cli.c): every key's validation, file:line messages, file
 * permissions, ad-hoc arguments, layering, and the man page listing every
 * option and key. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "out_chart.h"
#include "tap.h"
#include "xmalloc.h"

static char tmpdir[] = "/tmp/test_config.XXXXXX";
static int saved_fd[3] = { -1, -1, -1 };

/* Redirects fd (1 or 2) to a file of its own until capture_end(fd);
 * captures of fd 1 and fd 2 may overlap. */
static void
capture_begin(int fd)
{
	char *path = xasprintf("%s/capture.%d", tmpdir, fd);
	int t;

	fflush(stdout);
	fflush(stderr);
	if ((t = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    (saved_fd[fd] = dup(fd)) == -1 || dup2(t, fd) == -1) {
		perror("capture");
		exit(99);
	}
	close(t);
	free(path);
}

/* Restores fd. Returns what was written to it (static, one per fd). */
static const char *
capture_end(int fd)
{
	static char buf[3][65536];
	char *path = xasprintf("%s/capture.%d", tmpdir, fd);
	FILE *f;
	size_t n;

	fflush(stdout);
	fflush(stderr);
	dup2(saved_fd[fd], fd);
	close(saved_fd[fd]);
	if ((f = fopen(path, "r")) == NULL)
		exit(99);
	n = fread(buf[fd], 1, sizeof buf[fd] - 1, f);
	buf[fd][n] = '\0';
	fclose(f);
	free(path);
	return buf[fd];
}

/* Parses text as a file named "t.conf"; returns the error count and
 * leaves the messages in *msgs. */
static int
parse(const char *text, enum config_origin origin, struct host_config *hc,
    const char **msgs)
{
	int n;

	capture_begin(2);
	n = config_parse_buffer("t.conf", text, strlen(text), origin, hc);
	*msgs = capture_end(2);
	return n;
}

static void
write_file(const char *rel, const char *text, mode_t mode)
{
	char *path = xasprintf("%s/%s", tmpdir, rel);
	FILE *f;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(99);
	}
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	free(path);
}

static void
make_dir(const char *rel)
{
	char *path = xasprintf("%s/%s", tmpdir, rel);

	mkdir(path, 0700);
	free(path);
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	return remove(path);
}

static void
test_good_file(void)
{
	struct host_config hc;
	const char *msgs;
	int n;

	setenv("HOME", "/home/tester", 1);
	config_init(&hc);
	n = parse("\xef\xbb\xbf# a host\n"
	    "\n"
	    "hostname = shiny1.example.com\n"
	    "  port=2222   # not the default\n"
	    "user = \"deploy\"\r\n"
	    "identity_file = ~/.ssh/id_shiny\n"
	    "identity_file = /etc/keys/k # comment\n"
	    "known_hosts = ~/kh\n"
	    "host_key_policy = accept-new\n"
	    "connect_timeout = 5\n"
	    "timeout = 86400\n"
	    "shiny_conf = none\n"
	    "log_dir = /var/log/shiny-server/\n"
	    "log_dir = \"/srv/logs # not a comment\"\n"
	    "site_dir = /srv/shiny-server\n"
	    "user_dirs = on\n"
	    "access_log = /var/log/shiny-server/access.log\n"
	    "access_log_format = \":remote-addr [:date[iso]] \"x\"\" # c\n"
	    "TimeZone = America/Argentina/Buenos_Aires\n"
	    "window_days = 366\n"
	    "\t# indented comment", ORIGIN_HOSTFILE, &hc, &msgs);
	is_int(n, 0, "good file parses without errors");
	is_str(msgs, "", "and prints nothing");
	is_str(hc.hostname, "shiny1.example.com", "hostname");
	is_int(hc.port, 2222, "port, before a trailing comment");
	is_str(hc.user, "deploy", "quoted user, CRLF line");
	is_int(hc.identity_files.n, 2, "identity_file is repeatable");
	is_str(hc.identity_files.v[0], "/home/tester/.ssh/id_shiny",
	    "~/ expands with $HOME");
	is_str(hc.identity_files.v[1], "/etc/keys/k", "absolute identity");
	is_str(hc.known_hosts, "/home/tester/kh", "known_hosts expands ~");
	is_int(hc.host_key_policy, HKP_ACCEPT_NEW, "host_key_policy");
	is_int(hc.connect_timeout, 5, "connect_timeout");
	is_int(hc.timeout, 86400, "timeout upper bound");
	is_str(hc.shiny_conf, "none", "shiny_conf none");
	is_int(hc.log_dirs.n, 2, "two log dirs");
	is_str(hc.log_dirs.v[0], "/var/log/shiny-server",
	    "trailing slash dropped");
	is_str(hc.log_dirs.v[1], "/srv/logs # not a comment",
	    "'#' is literal inside quotes");
	is_str(hc.site_dirs.v[0], "/srv/shiny-server", "site_dir");
	is_int(hc.user_dirs, 1, "user_dirs on");
	is_str(hc.access_log, "/var/log/shiny-server/access.log",
	    "access_log");
	is_str(hc.access_log_format, ":remote-addr [:date[iso]] \"x\"",
	    "quoted morgan format keeps inner quotes");
	is_str(hc.timezone, "America/Argentina/Buenos_Aires",
	    "key names are case-insensitive");
	is_int(hc.window_days, 366, "window_days");
	for (int k = 0; k < CK_COUNT; k++)
		is_int(hc.origin[k], ORIGIN_HOSTFILE, "origin of %s",
		    config_key_name(k));
	config_free(&hc);
	is_int(hc.port, -1, "config_free leaves hc unset");

	/* The custom format of the real sample server, bare and quoted. */
	static const char custom[] = ":remote-addr - :remote-user "
	    "[:date[iso]] \":method :url HTTP/:http-version\" :status "
	    ":res[content-length] :response-time ms \":referrer\" "
	    "\":user-agent\"";
	char *text;

	for (int quoted = 0; quoted < 2; quoted++) {
		config_init(&hc);
		text = xasprintf("access_log_format = %s%s%s   # real\n",
		    quoted ? "\"" : "", custom, quoted ? "\"" : "");
		is_int(parse(text, ORIGIN_HOSTFILE, &hc, &msgs), 0,
		    "real custom format, %s", quoted ? "quoted" : "bare");
		is_str(hc.access_log_format, custom, "kept exactly");
		free(text);
		config_free(&hc);
	}
}

/* One bad line each: the error count, file:line and what is wrong. */
static const struct {
	const char	*line;
	const char	*want;
} bad_lines[] = {
	{ "hostname = \"\"", "hostname \"\" must be non-empty" },
	{ "hostname = \"a b\"", "without spaces" },
	{ "hostname = [::1]", "without brackets" },
	{ "hostname = -oProxyCommand=x", "not starting with '-'" },
	{ "port = 0", "port \"0\" must be a whole number from 1 to 65535" },
	{ "port = 65536", "from 1 to 65535" },
	{ "port = 22x", "port \"22x\"" },
	{ "port = -22", "port \"-22\"" },
	{ "port = +22", "port \"+22\"" },
	{ "port = 99999999999999999999", "from 1 to 65535" },
	{ "user = \"a b\"", "user \"a b\" must be non-empty" },
	{ "user = a@b", "'@'" },
	{ "identity_file = ~bob/.ssh/id", "not \"~user/\"" },
	{ "identity_file = \"\"", "identity_file must be a non-empty path" },
	{ "known_hosts = ~root/kh", "known_hosts \"~root/kh\"" },
	{ "host_key_policy = yes", "must be \"strict\" or \"accept-new\"" },
	{ "connect_timeout = 0", "connect_timeout \"0\"" },
	{ "connect_timeout = 3601", "from 1 to 3600" },
	{ "timeout = 86401", "from 1 to 86400" },
	{ "timeout = 1.5", "timeout \"1.5\"" },
	{ "shiny_conf = etc/shiny.conf", "absolute path or \"none\"" },
	{ "log_dir = var/log", "log_dir \"var/log\" must be an absolute" },
	{ "site_dir = ~/apps", "site_dir \"~/apps\" must be an absolute" },
	{ "user_dirs = maybe", "user_dirs \"maybe\" must be yes or no" },
	{ "access_log = access.log", "absolute path or \"none\"" },
	{ "access_log_format = fancy", "access_log_format \"fancy\"" },
	{ "timezone = /etc/localtime", "not an IANA zone name" },
	{ "timezone = Europe/../../etc", "not an IANA zone name" },
	{ "timezone = Europe/Par is", "timezone \"Europe/Par is\"" },
	{ "window_days = 0", "from 1 to 366" },
	{ "window_days = 367", "window_days \"367\"" },
	{ "colour = blue", "unknown key \"colour\"" },
	{ "port 22", "expected \"port = value\"" },
	{ "= 22", "missing key before '='" },
	{ "port =", "missing value for \"port\"" },
	{ "port = # nothing", "missing value for \"port\"" },
	{ "user = \"deploy", "unterminated quoted value" },
	{ "user = \"deploy\" extra", "unterminated quoted value" },
};

static void
test_bad_lines(void)
{
	struct host_config hc;
	const char *msgs;
	char *text;
	bool found;
	int n;

	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		config_init(&hc);
		text = xasprintf("# comment\n%s\nwindow_days = 7\n",
		    bad_lines[i].line);
		n = parse(text, ORIGIN_HOSTFILE, &hc, &msgs);
		is_int(n, 1, "one error for \"%s\"", bad_lines[i].line);
		ok(strstr(msgs, "t.conf:2: ") != NULL,
		    "message names t.conf:2 for \"%s\"", bad_lines[i].line);
		found = strstr(msgs, bad_lines[i].want) != NULL;
		if (!ok(found, "message says what is wrong"))
			printf("#   want '%s', got: %s", bad_lines[i].want,
			    msgs);
		is_int(hc.window_days, 7, "the next line still applies");
		free(text);
		config_free(&hc);
	}
}

static void
test_many_errors(void)
{
	struct host_config hc;
	const char *msgs;
	char nul[] = "port = 22\nuser = a\0b\n";
	int n;

	config_init(&hc);
	n = parse("port = 22\n"
	    "port = 23\n"		/* 2: duplicate */
	    "log_dir = /a\n"
	    "log_dir = /b\n"		/* repeatable: fine */
	    "bogus = 1\n"		/* 5 */
	    "user = ok\n"
	    "timeout = never\n"		/* 7 */
	    "user = again\n",		/* 8: duplicate */
	    ORIGIN_HOSTFILE, &hc, &msgs);
	is_int(n, 4, "four bad lines, all counted");
	ok(strstr(msgs, "t.conf:2: port is already set on line 1") != NULL,
	    "duplicate key names the first line");
	ok(strstr(msgs, "t.conf:5: unknown key \"bogus\"") != NULL,
	    "unknown key named");
	ok(strstr(msgs, "t.conf:7: timeout \"never\"") != NULL,
	    "bad timeout reported");
	ok(strstr(msgs, "t.conf:8: user is already set on line 6") != NULL,
	    "second duplicate reported");
	is_int(hc.port, 22, "the first value stays");
	is_str(hc.user, "ok", "the first user stays");
	is_int(hc.log_dirs.n, 2, "both log dirs kept");
	config_free(&hc);

	config_init(&hc);
	capture_begin(2);
	n = config_parse_buffer("nul.conf", nul, sizeof nul - 1,
	    ORIGIN_HOSTFILE, &hc);
	msgs = capture_end(2);
	is_int(n, 1, "a NUL byte is one bad line");
	ok(strstr(msgs, "nul.conf:2: line contains a NUL byte") != NULL,
	    "and says so");
	config_free(&hc);

	config_init(&hc);
	n = parse("hostname = x\nport = 2\n", ORIGIN_DEFAULTS, &hc, &msgs);
	is_int(n, 1, "hostname is refused in defaults.conf");
	ok(strstr(msgs, "t.conf:1: hostname cannot be set in defaults.conf")
	    != NULL, "with a reason");
	config_free(&hc);
}

static void
test_set(void)
{
	struct host_config hc;
	char *cause = NULL, *home, *want;

	config_init(&hc);
	ok(config_set(&hc, "log_dir", "/a", ORIGIN_DEFAULTS, &cause) == 0,
	    "config_set log_dir");
	ok(config_set(&hc, "log_dir", "/b", ORIGIN_HOSTFILE, &cause) == 0 &&
	    hc.log_dirs.n == 1 && strcmp(hc.log_dirs.v[0], "/b") == 0,
	    "a list from another origin is replaced");
	ok(config_set(&hc, "log_dir", "/", ORIGIN_HOSTFILE, &cause) == 0 &&
	    hc.log_dirs.n == 2 && strcmp(hc.log_dirs.v[1], "/") == 0,
	    "same origin appends; \"/\" stays \"/\"");
	ok(config_set(&hc, "log_dir", "/a\nb", ORIGIN_HOSTFILE, &cause) != 0 &&
	    strstr(cause, "newline") != NULL, "newline in a remote path");
	free(cause);
	ok(config_set(&hc, "port", "70000", ORIGIN_HOSTFILE, &cause) != 0 &&
	    hc.port == -1, "a bad value leaves the key unset");
	free(cause);
	unsetenv("HOME");
	cause = NULL;
	home = config_home_dir();
	if (home == NULL)
		ok(config_set(&hc, "known_hosts", "~/kh", ORIGIN_HOSTFILE,
		    &cause) != 0, "no home: ~ cannot expand");
	else {
		want = xasprintf("%s/kh", home);
		ok(config_set(&hc, "known_hosts", "~/kh", ORIGIN_HOSTFILE,
		    &cause) == 0 && strcmp(hc.known_hosts, want) == 0,
		    "without $HOME, ~ is the passwd home");
		free(want);
	}
	free(home);
	free(cause);
	setenv("HOME", "/home/tester", 1);
	is_int(config_key_lookup("ACCESS_LOG"), CK_ACCESS_LOG, "lookup");
	is_int(config_key_lookup("nope"), -1, "lookup of an unknown key");
	is_str(config_origin_name(ORIGIN_DISCOVERED), "discovered",
	    "origin name");
	config_free(&hc);
}

static const struct {
	const char	*arg;
	const char	*user, *hostname, *label;
	int		 port;
} adhoc_good[] = {
	{ "web1", NULL, "web1", "web1", -1 },
	{ "alice@web1.example.com:2222", "alice", "web1.example.com",
	    "web1.example.com", 2222 },
	{ "web1:22", NULL, "web1", "web1", 22 },
	{ "[::1]:2222", NULL, "::1", "host__1", 2222 },
	{ "[::1]", NULL, "::1", "host__1", -1 },
	{ "user@[fe80::1]", "user", "fe80::1", "fe80__1", -1 },
	{ "fe80::1%eth0", NULL, "fe80::1%eth0", "fe80__1_eth0", -1 },
	{ "bob@2001:db8::7", "bob", "2001:db8::7", "2001_db8__7", -1 },
	{ "_x.local", NULL, "_x.local", "host_x.local", -1 },
	{ ".x", NULL, ".x", "host.x", -1 },
};

static const struct {
	const char	*arg;
	const char	*want;
} adhoc_bad[] = {
	{ "host:0", "port \"0\"" },
	{ "host:99999", "from 1 to 65535" },
	{ "host:", "empty port" },
	{ "host:ssh", "port \"ssh\"" },
	{ "", "empty host argument" },
	{ "user@", "empty host name" },
	{ "@host", "empty user name" },
	{ "[::1", "unterminated '['" },
	{ "[::1]x", "unexpected text after ']'" },
	{ "[]:22", "empty host name" },
	{ "a@b@c", "'@'" },
	{ "-oProxyCommand=x", "not starting with '-'" },
};

static void
test_adhoc(void)
{
	struct host_config hc;
	char *cause;

	for (size_t i = 0; i < sizeof adhoc_good / sizeof adhoc_good[0]; i++) {
		config_init(&hc);
		cause = NULL;
		if (!ok(config_parse_adhoc(adhoc_good[i].arg, &hc, &cause) == 0,
		    "ad hoc \"%s\"", adhoc_good[i].arg))
			printf("#   %s\n", cause);
		is_str(hc.user, adhoc_good[i].user, "user");
		is_str(hc.hostname, adhoc_good[i].hostname, "hostname");
		is_str(hc.label, adhoc_good[i].label, "label");
		is_int(hc.port, adhoc_good[i].port, "port");
		ok(config_label_valid(hc.label),
		    "label is a valid label (a safe file name)");
		is_int(hc.origin[CK_HOSTNAME], ORIGIN_COMMAND_LINE, "origin");
		free(cause);
		config_free(&hc);
	}
	for (size_t i = 0; i < sizeof adhoc_bad / sizeof adhoc_bad[0]; i++) {
		config_init(&hc);
		cause = NULL;
		ok(config_parse_adhoc(adhoc_bad[i].arg, &hc, &cause) == -1,
		    "ad hoc \"%s\" refused", adhoc_bad[i].arg);
		ok(cause != NULL && strstr(cause, adhoc_bad[i].want) != NULL,
		    "because '%s' (%s)", adhoc_bad[i].want,
		    cause ? cause : "no cause");
		free(cause);
		config_free(&hc);
	}
	ok(config_label_valid("web-1.a_b"), "label valid");
	ok(!config_label_valid("-web"), "label with leading '-'");
	ok(!config_label_valid("a b"), "label with a space");
	ok(!config_label_valid(""), "empty label");
	ok(!config_label_valid("a/b"), "label with '/'");
}

static void
test_merge_fill(void)
{
	struct host_config hc, def, copy;
	const char *msgs;

	config_init(&hc);
	config_init(&def);
	parse("port = 2200\nlog_dir = /h\n", ORIGIN_HOSTFILE, &hc, &msgs);
	parse("port = 22\nuser = admin\nlog_dir = /d1\nlog_dir = /d2\n"
	    "window_days = 7\n", ORIGIN_DEFAULTS, &def, &msgs);
	config_merge(&hc, &def);
	is_int(hc.port, 2200, "host file beats defaults.conf");
	is_int(hc.origin[CK_PORT], ORIGIN_HOSTFILE, "and keeps its origin");
	is_str(hc.user, "admin", "defaults.conf fills what is unset");
	is_int(hc.origin[CK_USER], ORIGIN_DEFAULTS, "origin copied");
	is_int(hc.log_dirs.n, 1, "a host file list is not extended");
	is_int(hc.window_days, 7, "window_days from defaults");
	is_int(hc.origin[CK_TIMEOUT], ORIGIN_UNSET, "unset stays unset");

	hc.label = xstrdup("web7");
	config_fill_defaults(&hc);
	is_str(hc.hostname, "web7", "hostname defaults to the label");
	is_int(hc.origin[CK_HOSTNAME], ORIGIN_BUILTIN, "built-in origin");
	is_int(hc.port, 2200, "fill does not override");
	is_str(hc.user, "admin", "fill does not override user");
	is_int(hc.identity_files.n, 3, "three default identities");
	is_str(hc.identity_files.v[0], "/home/tester/.ssh/id_ed25519",
	    "ed25519 first, expanded");
	is_str(hc.identity_files.v[2], "/home/tester/.ssh/id_rsa",
	    "rsa last");
	is_str(hc.known_hosts, "/home/tester/.ssh/known_hosts", "known_hosts");
	is_int(hc.host_key_policy, HKP_STRICT, "strict");
	is_int(hc.connect_timeout, 10, "connect_timeout 10");
	is_int(hc.timeout, 300, "timeout 300");
	is_str(hc.shiny_conf, "/etc/shiny-server/shiny-server.conf",
	    "shiny_conf");
	ok(hc.timezone == NULL, "timezone NULL: the workstation zone");
	is_int(hc.origin[CK_TIMEZONE], ORIGIN_BUILTIN, "timezone built-in");
	is_int(hc.window_days, 7, "window_days kept");
	is_int(hc.origin[CK_SITE_DIR], ORIGIN_UNSET, "site_dir left");
	is_int(hc.origin[CK_USER_DIRS], ORIGIN_UNSET, "user_dirs left");
	is_int(hc.user_dirs, -1, "user_dirs unset");
	is_int(hc.origin[CK_ACCESS_LOG], ORIGIN_UNSET, "access_log left");
	is_int(hc.origin[CK_ACCESS_LOG_FORMAT], ORIGIN_UNSET, "format left");

	config_free(&def);
	config_init(&def);
	def.label = xstrdup("x");
	config_fill_defaults(&def);
	ok(def.user != NULL && *def.user != '\0', "user is the local user");
	is_int(def.port, 22, "port 22");
	is_int(def.window_days, 30, "window_days 30");

	config_copy(&copy, &hc);
	is_str(copy.label, "web7", "copy has the label");
	ok(copy.hostname != hc.hostname, "copy owns its strings");
	is_str(copy.log_dirs.v[0], "/h", "copy has the lists");
	is_int(copy.origin[CK_USER], ORIGIN_DEFAULTS, "copy has origins");
	config_free(&copy);
	config_free(&hc);
	config_free(&def);
}

/* config_load over a config dir built in tmpdir/name. Returns its
 * result and leaves the messages in *msgs. */
static int
load(const char *name, char *const *names, size_t n, struct host_list *l,
    const char **msgs)
{
	char *dir = xasprintf("%s/%s", tmpdir, name);
	int rc;

	capture_begin(2);
	rc = config_load(dir, names, n, l);
	*msgs = capture_end(2);
	free(dir);
	return rc;
}

static void
test_load(void)
{
	struct host_list l;
	const char *msgs;
	char *names1[] = { "b", "carol@adhoc.example:2200", "b" };
	char *names2[] = { "alice@web9", "bob@web9" };
	char *names3[] = { "web9" };

	make_dir("c1");
	make_dir("c1/hosts.d");
	write_file("c1/defaults.conf", "user = ops\nwindow_days = 14\n", 0644);
	write_file("c1/hosts.d/b.conf", "hostname = b.example\n", 0600);
	write_file("c1/hosts.d/a.conf", "port = 2201\nuser = root\n", 0644);
	write_file("c1/hosts.d/README", "not a host\n", 0644);
	write_file("c1/hosts.d/x.conf.sample", "junk\n", 0644);
	write_file("c1/hosts.d/.#a.conf", "junk\n", 0644);
	is_int(load("c1", NULL, 0, &l, &msgs), 0, "config dir loads");
	is_str(msgs, "", "quietly");
	is_int(l.n, 2, "two hosts; other files ignored");
	if (l.n == 2) {
		is_str(l.v[0]->label, "a", "sorted by label");
		is_str(l.v[0]->hostname, "a", "hostname from label");
		is_int(l.v[0]->port, 2201, "port from host file");
		is_str(l.v[0]->user, "root", "host file beats defaults.conf");
		is_int(l.v[0]->window_days, 14, "defaults.conf applies");
		is_int(l.v[0]->origin[CK_WINDOW_DAYS], ORIGIN_DEFAULTS,
		    "origin defaults.conf");
		is_int(l.v[0]->origin[CK_CONNECT_TIMEOUT], ORIGIN_BUILTIN,
		    "built-ins filled");
		ok(l.v[0]->source != NULL &&
		    strstr(l.v[0]->source, "c1/hosts.d/a.conf") != NULL,
		    "source is the host file");
		is_str(l.v[1]->hostname, "b.example", "second host");
		is_str(l.v[1]->user, "ops", "user from defaults.conf");
	}
	config_free_list(&l);

	is_int(load("c1", names1, 3, &l, &msgs), 0, "names: label + ad hoc");
	is_int(l.n, 2, "a name given twice counts once");
	if (l.n == 2) {
		is_str(l.v[0]->hostname, "b.example", "label selects its file");
		is_str(l.v[1]->label, "adhoc.example", "ad-hoc label");
		is_str(l.v[1]->user, "carol", "ad-hoc user wins");
		is_int(l.v[1]->port, 2200, "ad-hoc port");
		is_int(l.v[1]->window_days, 14, "ad hoc gets defaults.conf");
		ok(l.v[1]->source == NULL, "ad hoc has no source");
	}
	config_free_list(&l);

	is_int(load("c1", names2, 2, &l, &msgs), -1,
	    "two hosts with one label refused");
	ok(strstr(msgs, "share the label \"web9\"") != NULL, "and says so");
	is_int(l.n, 0, "list empty on failure");

	is_int(load("missing", names3, 1, &l, &msgs), 0,
	    "missing config dir is fine with names");
	ok(l.n == 1 && strcmp(l.v[0]->hostname, "web9") == 0 &&
	    l.v[0]->port == 22, "ad hoc with built-ins");
	config_free_list(&l);

	is_int(load("missing", NULL, 0, &l, &msgs), -1,
	    "missing dir and no names");
	ok(strstr(msgs, "no hosts configured: add ") != NULL &&
	    strstr(msgs, "missing/hosts.d/NAME.conf or name a host") != NULL,
	    "says how to configure a host");

	make_dir("c2");
	make_dir("c2/hosts.d");
	write_file("c2/hosts.d/ok.conf", "port = 22\n", 0644);
	write_file("c2/hosts.d/gw.conf", "port = 22\n", 0664);
	write_file("c2/hosts.d/bad.conf", "port = 0\nuser = x y\n", 0600);
	write_file("c2/hosts.d/bad name.conf", "port = 22\n", 0600);
	make_dir("c2/hosts.d/dir.conf");
	write_file("c2/defaults.conf", "window_days = 0\n", 0600);
	is_int(load("c2", NULL, 0, &l, &msgs), -1, "broken config dir");
	ok(strstr(msgs, "gw.conf: bad permissions") != NULL &&
	    strstr(msgs, "chmod go-w ") != NULL, "group-writable refused");
	ok(strstr(msgs, "bad.conf:1: port \"0\"") != NULL &&
	    strstr(msgs, "bad.conf:2: user \"x y\"") != NULL,
	    "every bad line of a host file");
	ok(strstr(msgs, "defaults.conf:1: window_days") != NULL,
	    "and of defaults.conf");
	ok(strstr(msgs, "\"bad name\" is not a valid host label") != NULL,
	    "bad label file name");
	ok(strstr(msgs, "dir.conf: not a regular file") != NULL,
	    "a directory is not a host file");
	ok(strstr(msgs, "ok.conf") == NULL, "a good file is not blamed");

	char *only_ok[] = { "ok" };
	write_file("c2/defaults.conf", "window_days = 9\n", 0602);
	is_int(load("c2", only_ok, 1, &l, &msgs), -1,
	    "world-writable defaults.conf refused");
	ok(strstr(msgs, "defaults.conf: bad permissions") != NULL,
	    "and says which file");
	write_file("c2/defaults.conf", "window_days = 9\n", 0644);
	is_int(load("c2", only_ok, 1, &l, &msgs), 0,
	    "named host loads despite broken unselected files");
	ok(l.n == 1 && l.v[0]->window_days == 9, "with defaults.conf");
	config_free_list(&l);

	make_dir("c3");
	make_dir("c3/hosts.d");
	write_file("c3/defaults.conf", "port = 2222\n", 0644);
	is_int(load("c3", NULL, 0, &l, &msgs), -1, "no host files");
	ok(strstr(msgs, "no hosts configured") != NULL, "says so");
}

static void
test_default_dir(void)
{
	char *d;

	setenv("SHINY_USAGE_CONFIG", "/cfg/here", 1);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	d = config_default_dir();
	is_str(d, "/cfg/here", "$SHINY_USAGE_CONFIG first");
	free(d);
	unsetenv("SHINY_USAGE_CONFIG");
	d = config_default_dir();
	is_str(d, "/xdg/shiny-usage", "then $XDG_CONFIG_HOME");
	free(d);
	unsetenv("XDG_CONFIG_HOME");
	d = config_default_dir();
	is_str(d, "/home/tester/.config/shiny-usage", "then ~/.config");
	free(d);
}

/* cli_parse over a NULL-terminated argument list; output captured. */
static enum cli_result
cli(struct cli *c, const char **msgs, ...)
{
	static char *argv[32];
	enum cli_result r;
	va_list ap;
	int argc = 0;

	argv[argc++] = "shiny-usage";
	va_start(ap, msgs);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	capture_begin(2);
	r = cli_parse(argc, argv, c);
	*msgs = capture_end(2);
	return r;
}

static void
test_cli(void)
{
	struct cli c;
	const char *msgs, *out;
	int rc;

	is_int(cli(&c, &msgs, NULL), CLI_RUN, "no arguments");
	ok(c.command == CMD_COLLECT && c.nhosts == 0 && c.jobs == 8 &&
	    strcmp(c.out_dir, "./usage_trace") == 0 &&
	    c.chart_format == CHART_PNG && c.config_dir == NULL,
	    "defaults");
	is_int(cli(&c, &msgs, "-c", "/etc/su", "--output=/o", "-j", "64",
	    "check", "web1", "--now", "2024-03-05T00:00:00Z", "-v",
	    "alice@web2:2222", "--accept-new", "--chart-format", "svg",
	    "--no-charts", NULL), CLI_RUN, "every option");
	is_int(c.command, CMD_CHECK, "command check");
	is_str(c.config_dir, "/etc/su", "-c");
	is_str(c.out_dir, "/o", "--output=");
	is_int(c.jobs, 64, "-j 64");
	is_str(c.now, "2024-03-05T00:00:00Z", "--now stored as given");
	ok(c.accept_new && c.no_charts && c.verbose && !c.quiet, "flags");
	is_int(c.chart_format, CHART_SVG, "--chart-format svg");
	is_int(c.nhosts, 2, "two hosts around options");
	if (c.nhosts == 2) {
		is_str(c.hosts[0], "web1", "host 1");
		is_str(c.hosts[1], "alice@web2:2222", "host 2");
	}
	is_int(cli(&c, &msgs, "web1", "hosts", NULL), CLI_RUN, "host first");
	ok(c.command == CMD_COLLECT && c.nhosts == 2,
	    "a non-command first word is a host");
	is_int(cli(&c, &msgs, "report", "-q", "--chart-format=pdf", NULL),
	    CLI_RUN, "report");
	ok(c.command == CMD_REPORT && c.quiet && c.chart_format == CHART_PDF,
	    "report -q pdf");
	is_int(cli(&c, &msgs, "hosts", "--", "-x", NULL), CLI_RUN, "--");
	ok(c.command == CMD_HOSTS && c.nhosts == 1 &&
	    strcmp(c.hosts[0], "-x") == 0, "after -- a dash is a host");

	static const struct {
		const char *a1, *a2, *want;
	} bad[] = {
		{ "-j", "0", "-j: \"0\" is not a number from 1 to 64" },
		{ "-j", "65", "from 1 to 64" },
		{ "-j", "8x", "\"8x\"" },
		{ "--jobs", "", "\"\"" },
		{ "-j", NULL, "option -j/--jobs needs an argument" },
		{ "--now", NULL, "option --now needs an argument" },
		{ "--chart-format", "gif", "\"gif\" is not png, svg or pdf" },
		{ "-x", NULL, "unknown option -x" },
		{ "--bogus", NULL, "unknown or ambiguous option --bogus" },
		{ "--no-charts=1", NULL, "--no-charts takes no argument" },
		{ "-q", "-v", "-q and -v cannot be used together" },
		{ "-c", "", "-c: empty directory name" },
		{ "check", "", "empty host name" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		is_int(cli(&c, &msgs, bad[i].a1, bad[i].a2, NULL),
		    CLI_USAGE_ERROR, "%s %s refused", bad[i].a1,
		    bad[i].a2 ? bad[i].a2 : "");
		ok(strncmp(msgs, "shiny-usage: ", 13) == 0 &&
		    strstr(msgs, bad[i].want) != NULL &&
		    strstr(msgs, "\nTry 'shiny-usage --help'.\n") != NULL,
		    "says '%s' and the hint", bad[i].want);
	}

	capture_begin(1);
	/* TAP lines must not go into the capture: assert after it ends. */
	rc = cli(&c, &msgs, "-V", NULL);
	out = capture_end(1);
	is_int(rc, CLI_EXIT_OK, "-V");
	ok(strncmp(out, "shiny-usage ", 12) == 0 && strlen(out) > 13,
	    "-V prints the version");
	capture_begin(1);
	rc = cli(&c, &msgs, "--help", NULL);
	out = capture_end(1);
	is_int(rc, CLI_EXIT_OK, "--help");
	ok(strstr(out, "usage: shiny-usage [OPTIONS]") != NULL,
	    "--help prints usage to stdout");
	is_str(msgs, "", "and nothing to stderr");
	ok(strstr(out, "  -j, --jobs N ") != NULL &&
	    strstr(out, "      --chart-format FORMAT ") != NULL,
	    "help lists options from the table");

	size_t n;
	const char **names = cli_option_names(&n);
	char *pat;

	is_int(n, 11, "eleven options");
	for (size_t i = 0; i < n; i++) {
		pat = xasprintf("--%s", names[i]);
		ok(strstr(out, pat) != NULL, "--help shows %s", pat);
		free(pat);
	}
	free(names);
}

/* Reads $top_srcdir/rel. Returns it allocated, or NULL after a failed
 * test line. */
static char *
read_source(const char *rel, size_t *lenp)
{
	const char *srcdir = getenv("top_srcdir");
	char *path = xasprintf("%s/%s", srcdir ? srcdir : ".", rel), *text;
	size_t len;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "open %s: %s (set top_srcdir)", path, strerror(errno));
		free(path);
		return NULL;
	}
	text = xmalloc(1 << 20);
	len = fread(text, 1, (1 << 20) - 1, f);
	text[len] = '\0';
	fclose(f);
	free(path);
	if (lenp != NULL)
		*lenp = len;
	return text;
}

/* The sample files show every key, and parse once uncommented. */
static void
test_samples(void)
{
	static const struct {
		const char		*file;
		enum config_origin	 origin;
	} samples[] = {
		{ "hosts.d/example.conf.sample", ORIGIN_HOSTFILE },
		{ "hosts.d/defaults.conf.sample", ORIGIN_DEFAULTS },
	};
	struct host_config hc;
	const char *msgs;
	char *text;
	size_t len;

	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		if ((text = read_source(samples[i].file, &len)) == NULL)
			continue;
		/* "#key = value" lines are settings; "# ..." are prose. */
		for (char *p = text; (p = strstr(p, "\n#")) != NULL; p++)
			if (p[2] >= 'a' && p[2] <= 'z')
				p[1] = ' ';
		config_init(&hc);
		is_int(parse(text, samples[i].origin, &hc, &msgs), 0,
		    "%s parses uncommented", samples[i].file);
		if (*msgs != '\0')
			printf("# %s", msgs);
		for (int k = 0; k < CK_COUNT; k++)
			ok(hc.origin[k] != ORIGIN_UNSET || (k == CK_HOSTNAME &&
			    samples[i].origin == ORIGIN_DEFAULTS),
			    "%s shows %s", samples[i].file, config_key_name(k));
		config_free(&hc);
		free(text);
	}
}

/* The man page documents every option of the table and every key. */
static void
test_man_page(void)
{
	char *text, *pat;
	const char **names;
	size_t n;

	if ((text = read_source("man/shiny-usage.1", NULL)) == NULL)
		return;
	names = cli_option_names(&n);
	for (size_t i = 0; i < n; i++) {
		pat = xasprintf("Fl \\-%s", names[i]);
		ok(strstr(text, pat) != NULL, "man page documents --%s",
		    names[i]);
		free(pat);
	}
	free(names);
	for (int k = 0; k < CK_COUNT; k++) {
		pat = xasprintf(".It Cm %s", config_key_name(k));
		ok(strstr(text, pat) != NULL, "man page documents key %s",
		    config_key_name(k));
		free(pat);
	}
	free(text);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	umask(022);
	test_good_file();
	test_bad_lines();
	test_many_errors();
	test_set();
	test_adhoc();
	test_merge_fill();
	test_load();
	test_default_dir();
	test_cli();
	test_man_page();
	test_samples();
	nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}

/*
 * The config dir and the workstation: reading defaults.conf and
 * hosts.d/\*.conf safely (regular files only its owner can write),
 * choosing the hosts named on the command line, and the built-in defaults
 * that depend on the local user (config_fill_defaults).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "xmalloc.h"

/* A host file is a few lines; anything bigger is not one. */
#define CONFIG_MAX_FILE		(1024 * 1024)

/* The local user's name: the password database, else $USER. Allocated,
 * or NULL. */
static char *
local_user(void)
{
	const char *user;
	struct passwd pw, *result = NULL;
	char buf[16384];

	if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &result) == 0 &&
	    result != NULL && pw.pw_name != NULL && *pw.pw_name != '\0')
		return xstrdup(pw.pw_name);
	user = getenv("USER");
	if (user != NULL && *user != '\0')
		return xstrdup(user);
	return NULL;
}

/* Sets an int key to a built-in value when nothing set it. */
static void
fill_int(struct host_config *hc, int k, int *dst, int v)
{
	if (hc->origin[k] != ORIGIN_UNSET)
		return;
	*dst = v;
	hc->origin[k] = ORIGIN_BUILTIN;
}

void
config_fill_defaults(struct host_config *hc)
{
	static const char *const identities[] = {
		"id_ed25519", "id_ecdsa", "id_rsa"
	};
	char *home;

	if (hc->origin[CK_HOSTNAME] == ORIGIN_UNSET && hc->label != NULL) {
		free(hc->hostname);
		hc->hostname = xstrdup(hc->label);
		hc->origin[CK_HOSTNAME] = ORIGIN_BUILTIN;
	}
	fill_int(hc, CK_PORT, &hc->port, 22);
	if (hc->origin[CK_USER] == ORIGIN_UNSET) {
		free(hc->user);
		if ((hc->user = local_user()) != NULL)
			hc->origin[CK_USER] = ORIGIN_BUILTIN;
	}

	/* Without any home the paths are still absolute, never relative to
	 * wherever the program happens to run. */
	if ((home = config_home_dir()) == NULL)
		home = xstrdup("");
	if (hc->origin[CK_IDENTITY_FILE] == ORIGIN_UNSET) {
		strlist_clear(&hc->identity_files);
		for (size_t i = 0; i < sizeof identities / sizeof identities[0];
		    i++)
			strlist_add_owned(&hc->identity_files,
			    xasprintf("%s/.ssh/%s", home, identities[i]));
		hc->origin[CK_IDENTITY_FILE] = ORIGIN_BUILTIN;
	}
	if (hc->origin[CK_KNOWN_HOSTS] == ORIGIN_UNSET) {
		free(hc->known_hosts);
		hc->known_hosts = xasprintf("%s/.ssh/known_hosts", home);
		hc->origin[CK_KNOWN_HOSTS] = ORIGIN_BUILTIN;
	}
	free(home);

	fill_int(hc, CK_HOST_KEY_POLICY, &hc->host_key_policy, HKP_STRICT);
	fill_int(hc, CK_CONNECT_TIMEOUT, &hc->connect_timeout, 10);
	fill_int(hc, CK_TIMEOUT, &hc->timeout, 300);
	if (hc->origin[CK_SHINY_CONF] == ORIGIN_UNSET) {
		free(hc->shiny_conf);
		hc->shiny_conf = xstrdup("/etc/shiny-server/shiny-server.conf");
		hc->origin[CK_SHINY_CONF] = ORIGIN_BUILTIN;
	}
	if (hc->origin[CK_TIMEZONE] == ORIGIN_UNSET) {
		free(hc->timezone);
		hc->timezone = NULL;
		hc->origin[CK_TIMEZONE] = ORIGIN_BUILTIN;
	}
	fill_int(hc, CK_WINDOW_DAYS, &hc->window_days, 30);
}

/*
 * Reads a config file after checking it is a regular file that only its
 * owner can write. Returns 0 with *bufp (allocated) and *lenp set, 1 when
 * it does not exist and missing_ok, or -1 after logging why.
 */
static int
read_config_file(const char *path, bool missing_ok, char **bufp,
    size_t *lenp)
{
	struct stat st;
	char *buf;
	size_t len = 0;
	ssize_t r;
	int fd;

	/* O_NONBLOCK: a FIFO must not hang us before fstat refuses it. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && missing_ok)
			return 1;
		log_error(NULL, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		log_error(NULL, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		log_error(NULL, "%s: not a regular file", path);
		goto fail;
	}
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		log_error(NULL, "%s: bad permissions: group- or world-writable "
		    "(run `chmod go-w %s`)", path, path);
		goto fail;
	}
	if (st.st_size > CONFIG_MAX_FILE) {
		log_error(NULL, "%s: too large for a config file (over %d "
		    "bytes)", path, CONFIG_MAX_FILE);
		goto fail;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	/* Read one byte past the size seen, to notice growth. */
	while (len <= (size_t)st.st_size) {
		r = read(fd, buf + len, (size_t)st.st_size + 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			log_error(NULL, "%s: %s", path, strerror(errno));
			free(buf);
			goto fail;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len > (size_t)st.st_size) {
		log_error(NULL, "%s: changed while being read", path);
		free(buf);
		return -1;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	close(fd);
	return -1;
}

/* Reads and parses one file. Returns the number of errors reported (a
 * missing file is none when missing_ok). */
static int
load_file(const char *path, enum config_origin origin, bool missing_ok,
    struct host_config *hc)
{
	char *buf;
	size_t len;
	int rc, errors;

	if ((rc = read_config_file(path, missing_ok, &buf, &len)) == 1)
		return 0;
	if (rc != 0)
		return 1;
	errors = config_parse_buffer(path, buf, len, origin, hc);
	free(buf);
	return errors;
}

static int
cmp_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists DIR/hosts.d into labels, sorted. Invalid file names are errors
 * when report is set. Returns the number of errors reported. */
static int
list_host_files(const char *dir, bool report, struct strlist *labels)
{
	char *path = xasprintf("%s/hosts.d", dir);
	struct dirent *de;
	size_t len;
	int errors = 0;
	DIR *d;

	if ((d = opendir(path)) == NULL) {
		if (errno != ENOENT) {
			log_error(NULL, "%s: %s", path, strerror(errno));
			errors++;
		}
		free(path);
		return errors;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		/* Hidden files are editors' and tools' own. */
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".conf") != 0)
			continue;
		de->d_name[len - 5] = '\0';
		if (config_label_valid(de->d_name))
			strlist_add(labels, de->d_name);
		else if (report) {
			log_error(NULL, "%s/%s.conf: \"%s\" is not a valid "
			    "host label: rename the file to match "
			    "[A-Za-z0-9][A-Za-z0-9._-]*.conf", path, de->d_name,
			    de->d_name);
			errors++;
		}
	}
	closedir(d);
	free(path);
	if (labels->n > 1)
		qsort(labels->v, labels->n, sizeof *labels->v, cmp_strings);
	return errors;
}

static void
list_add(struct host_list *list, struct host_config *hc)
{
	list->v = xreallocarray(list->v, list->n + 1, sizeof *list->v);
	list->v[list->n++] = hc;
}

int
config_load(const char *dir, char *const names[], size_t n,
    struct host_list *out)
{
	struct host_config defaults, *hc;
	struct strlist labels = { 0 };
	char *path, *cause;
	bool dup;
	int errors = 0;

	out->v = NULL;
	out->n = 0;
	config_init(&defaults);
	path = xasprintf("%s/defaults.conf", dir);
	errors += load_file(path, ORIGIN_DEFAULTS, true, &defaults);
	free(path);
	errors += list_host_files(dir, n == 0, &labels);

	if (n == 0 && labels.n == 0 && errors == 0) {
		log_error(NULL, "no hosts configured: add %s/hosts.d/NAME.conf "
		    "or name a host on the command line", dir);
		errors++;
	}
	for (size_t i = 0; i < (n == 0 ? labels.n : n); i++) {
		const char *name = n == 0 ? labels.v[i] : names[i];

		dup = false;
		for (size_t j = 0; j < i && n != 0; j++)
			dup = dup || strcmp(names[j], name) == 0;
		if (dup)
			continue;
		hc = xmalloc(sizeof *hc);
		config_init(hc);
		if (strlist_contains(&labels, name)) {
			hc->label = xstrdup(name);
			hc->source = xasprintf("%s/hosts.d/%s.conf", dir, name);
			errors += load_file(hc->source, ORIGIN_HOSTFILE, false,
			    hc);
		} else if (config_parse_adhoc(name, hc, &cause) != 0) {
			log_error(NULL, "%s", cause);
			free(cause);
			errors++;
			config_free(hc);
			free(hc);
			continue;
		}
		list_add(out, hc);
	}

	/* Labels name output dirs: two hosts must never share one. */
	for (size_t i = 0; i < out->n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(out->v[i]->label, out->v[j]->label) != 0)
				continue;
			log_error(NULL, "two hosts would share the label "
			    "\"%s\" (and its output directory): describe one "
			    "in %s/hosts.d/NAME.conf", out->v[i]->label, dir);
			errors++;
			break;
		}
	}

	for (size_t i = 0; i < out->n; i++) {
		config_merge(out->v[i], &defaults);
		config_fill_defaults(out->v[i]);
	}
	config_free(&defaults);
	strlist_clear(&labels);
	if (errors != 0) {
		config_free_list(out);
		return -1;
	}
	return 0;
}

void
config_free_list(struct host_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		config_free(list->v[i]);
		free(list->v[i]);
	}
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

char *
config_default_dir(void)
{
	const char *env;
	char *home, *dir;

	if ((env = getenv("SHINY_USAGE_CONFIG")) != NULL && *env != '\0')
		return xstrdup(env);
	/* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && env[0] == '/')
		return xasprintf("%s/shiny-usage", env);
	if ((home = config_home_dir()) == NULL)
		return xstrdup("/.config/shiny-usage");
	dir = xasprintf("%s/.config/shiny-usage", home);
	free(home);
	return dir;
}

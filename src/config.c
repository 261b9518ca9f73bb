/*
 * Host configuration in the manner of OpenSSH's readconf.c: every value
 * starts unset, each layer (host file, defaults.conf, built-in) fills only
 * what is still unset, and every bad line is reported as file:line before
 * one failure. This file is the pure part: keys, values, lines, ad-hoc
 * arguments. Reading the config dir is in config_load.c.
 */

#include <errno.h>
#include <pwd.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "xmalloc.h"

#define CONFIG_MAX_VALUE	4096

/* How a key's text is checked and stored. */
enum config_check {
	CHECK_HOSTNAME, CHECK_INT, CHECK_USER, CHECK_LOCAL_PATH, CHECK_POLICY,
	CHECK_REMOTE_OR_NONE, CHECK_REMOTE_PATH, CHECK_BOOL, CHECK_FORMAT,
	CHECK_TIMEZONE
};
enum config_type { TYPE_STRING, TYPE_INT, TYPE_LIST };

#define F(field)	offsetof(struct host_config, field)
static const struct config_keydef {
	const char		*name;
	enum config_type	 type;	/* TYPE_LIST keys are repeatable */
	size_t			 off;
	enum config_check	 check;
	long			 min, max;	/* CHECK_INT */
} config_keys[CK_COUNT] = {
	[CK_HOSTNAME] = { "hostname", TYPE_STRING, F(hostname),
	    CHECK_HOSTNAME, 0, 0 },
	[CK_PORT] = { "port", TYPE_INT, F(port), CHECK_INT, 1, 65535 },
	[CK_USER] = { "user", TYPE_STRING, F(user), CHECK_USER, 0, 0 },
	[CK_IDENTITY_FILE] = { "identity_file", TYPE_LIST, F(identity_files),
	    CHECK_LOCAL_PATH, 0, 0 },
	[CK_KNOWN_HOSTS] = { "known_hosts", TYPE_STRING, F(known_hosts),
	    CHECK_LOCAL_PATH, 0, 0 },
	[CK_HOST_KEY_POLICY] = { "host_key_policy", TYPE_INT,
	    F(host_key_policy), CHECK_POLICY, 0, 0 },
	[CK_CONNECT_TIMEOUT] = { "connect_timeout", TYPE_INT,
	    F(connect_timeout), CHECK_INT, 1, 3600 },
	[CK_TIMEOUT] = { "timeout", TYPE_INT, F(timeout), CHECK_INT, 1, 86400 },
	[CK_SHINY_CONF] = { "shiny_conf", TYPE_STRING, F(shiny_conf),
	    CHECK_REMOTE_OR_NONE, 0, 0 },
	[CK_LOG_DIR] = { "log_dir", TYPE_LIST, F(log_dirs), CHECK_REMOTE_PATH,
	    0, 0 },
	[CK_SITE_DIR] = { "site_dir", TYPE_LIST, F(site_dirs),
	    CHECK_REMOTE_PATH, 0, 0 },
	[CK_USER_DIRS] = { "user_dirs", TYPE_INT, F(user_dirs), CHECK_BOOL,
	    0, 0 },
	[CK_ACCESS_LOG] = { "access_log", TYPE_STRING, F(access_log),
	    CHECK_REMOTE_OR_NONE, 0, 0 },
	[CK_ACCESS_LOG_FORMAT] = { "access_log_format", TYPE_STRING,
	    F(access_log_format), CHECK_FORMAT, 0, 0 },
	[CK_TIMEZONE] = { "timezone", TYPE_STRING, F(timezone), CHECK_TIMEZONE,
	    0, 0 },
	[CK_WINDOW_DAYS] = { "window_days", TYPE_INT, F(window_days), CHECK_INT,
	    1, 366 },
};
#undef F

/* The storage of key k in hc, by its type. */
static char **
str_field(struct host_config *hc, int k)
{
	return (char **)(void *)((char *)hc + config_keys[k].off);
}

static int *
int_field(struct host_config *hc, int k)
{
	return (int *)(void *)((char *)hc + config_keys[k].off);
}

static struct strlist *
list_field(struct host_config *hc, int k)
{
	return (struct strlist *)(void *)((char *)hc + config_keys[k].off);
}

static const char *const access_log_formats[] = {
	"auto", "combined", "default", "common", "short", "tiny", "dev"
};

const char *
config_key_name(enum config_key key)
{
	if ((unsigned)key >= CK_COUNT)
		return "?";
	return config_keys[key].name;
}

int
config_key_lookup(const char *name)
{
	for (int k = 0; k < CK_COUNT; k++)
		if (strcasecmp(name, config_keys[k].name) == 0)
			return k;
	return -1;
}

const char *
config_origin_name(enum config_origin origin)
{
	switch (origin) {
	case ORIGIN_UNSET:
		return "unset";
	case ORIGIN_BUILTIN:
		return "built-in";
	case ORIGIN_DEFAULTS:
		return "defaults.conf";
	case ORIGIN_HOSTFILE:
		return "host file";
	case ORIGIN_COMMAND_LINE:
		return "command line";
	case ORIGIN_DISCOVERED:
		return "discovered";
	}
	return "?";
}

void
config_init(struct host_config *hc)
{
	memset(hc, 0, sizeof *hc);
	for (int k = 0; k < CK_COUNT; k++) {
		if (config_keys[k].type == TYPE_INT)
			*int_field(hc, k) = -1;
		hc->origin[k] = ORIGIN_UNSET;
	}
}

/* Sets key k of dst to a copy of src's value, replacing dst's. */
static void
copy_key(struct host_config *dst, const struct host_config *src, int k)
{
	struct host_config *s = (struct host_config *)(uintptr_t)src;

	switch (config_keys[k].type) {
	case TYPE_STRING:
		free(*str_field(dst, k));
		*str_field(dst, k) = *str_field(s, k) != NULL ?
		    xstrdup(*str_field(s, k)) : NULL;
		break;
	case TYPE_INT:
		*int_field(dst, k) = *int_field(s, k);
		break;
	case TYPE_LIST:
		strlist_clear(list_field(dst, k));
		strlist_copy(list_field(dst, k), list_field(s, k));
		break;
	}
	dst->origin[k] = src->origin[k];
}

void
config_free(struct host_config *hc)
{
	free(hc->label);
	free(hc->source);
	for (int k = 0; k < CK_COUNT; k++) {
		if (config_keys[k].type == TYPE_STRING)
			free(*str_field(hc, k));
		else if (config_keys[k].type == TYPE_LIST)
			strlist_clear(list_field(hc, k));
	}
	config_init(hc);
}

void
config_copy(struct host_config *dst, const struct host_config *src)
{
	config_init(dst);
	dst->label = src->label != NULL ? xstrdup(src->label) : NULL;
	dst->source = src->source != NULL ? xstrdup(src->source) : NULL;
	for (int k = 0; k < CK_COUNT; k++)
		copy_key(dst, src, k);
}

/* The user's home directory: $HOME, else the password database.
 * Returns an allocated string, or NULL when neither knows it. */
char *
config_home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd pw, *result = NULL;
	char buf[16384];

	if (home != NULL && *home != '\0')
		return xstrdup(home);
	if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &result) != 0 ||
	    result == NULL || pw.pw_dir == NULL || *pw.pw_dir == '\0')
		return NULL;
	return xstrdup(pw.pw_dir);
}

/* True when s holds a control character. Tabs are allowed when tab. */
static bool
has_control(const char *s, bool tab)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && !(tab && c == '\t')) || c == 0x7f)
			return true;
	}
	return false;
}

/* True when s is non-empty and holds no whitespace or control character:
 * host and user names. */
static bool
is_word(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

/* Parses a decimal integer in [min, max] with strtol and every check.
 * Returns 0 and *out, or -1. */
static int
parse_int(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* A local path: "~" and "~/..." expand with the home directory. Returns
 * the allocated path, or NULL with *cause. */
static char *
local_path(const char *key, const char *v, char **cause)
{
	char *home, *path;

	if (*v == '\0' || has_control(v, true)) {
		*cause = xasprintf("%s must be a non-empty path without "
		    "control characters", key);
		return NULL;
	}
	if (v[0] != '~')
		return xstrdup(v);
	if (v[1] != '\0' && v[1] != '/') {
		*cause = xasprintf("%s \"%s\": only \"~/\" is expanded, not "
		    "\"~user/\"", key, v);
		return NULL;
	}
	if ((home = config_home_dir()) == NULL) {
		*cause = xasprintf("%s \"%s\": cannot expand \"~\": $HOME is "
		    "not set", key, v);
		return NULL;
	}
	path = xasprintf("%s%s", home, v + 1);
	free(home);
	return path;
}

/* An absolute remote path, trailing slashes removed ("/" stays "/").
 * Returns the allocated path, or NULL with *cause. */
static char *
remote_path(const char *key, const char *v, char **cause)
{
	size_t len = strlen(v);

	if (v[0] != '/') {
		*cause = xasprintf("%s \"%s\" must be an absolute path "
		    "(starting with '/')", key, v);
		return NULL;
	}
	if (strchr(v, '\n') != NULL || strchr(v, '\r') != NULL) {
		*cause = xasprintf("%s must not contain a newline", key);
		return NULL;
	}
	while (len > 1 && v[len - 1] == '/')
		len--;
	return xstrndup(v, len);
}

/* user_dirs: yes/no/true/false/on/off/1/0. Returns 0 or 1, or -1. */
static int
parse_bool(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* An IANA-looking zone name; whether the zone exists is tz_load's job. */
static bool
timezone_valid(const char *v)
{
	if (*v == '\0' || *v == '/' || strlen(v) > 255 ||
	    strstr(v, "..") != NULL)
		return false;
	for (const char *p = v; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '/' || c == '_' ||
		    c == '+' || c == '-'))
			return false;
	}
	return true;
}

static bool
access_log_format_valid(const char *v)
{
	for (size_t i = 0; i < sizeof access_log_formats /
	    sizeof access_log_formats[0]; i++)
		if (strcmp(v, access_log_formats[i]) == 0)
			return true;
	/* Anything else must be a morgan format string (":remote-addr ..."). */
	return strchr(v, ':') != NULL && !has_control(v, true);
}

static void
replace(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/*
 * Checks value for key k. Returns 0 with *str (allocated) or *num set,
 * as the key's type needs, or -1 with *cause.
 */
static int
check_value(int k, const char *value, char **str, int *num, char **cause)
{
	const struct config_keydef *kd = &config_keys[k];

	*str = NULL;
	switch (kd->check) {
	case CHECK_HOSTNAME:
		if (!is_word(value) || value[0] == '-' ||
		    strpbrk(value, "@/[]") != NULL) {
			*cause = xasprintf("hostname \"%s\" must be non-empty, "
			    "without spaces, '@', '/' or brackets, not "
			    "starting with '-' (write IPv6 addresses without "
			    "brackets)",
			    value);
			return -1;
		}
		*str = xstrdup(value);
		return 0;
	case CHECK_INT:
		if (parse_int(value, kd->min, kd->max, num) != 0) {
			*cause = xasprintf("%s \"%s\" must be a whole number "
			    "from %ld to %ld", kd->name, value, kd->min,
			    kd->max);
			return -1;
		}
		return 0;
	case CHECK_USER:
		if (!is_word(value) || value[0] == '-' ||
		    strchr(value, '@') != NULL) {
			*cause = xasprintf("user \"%s\" must be non-empty, "
			    "without spaces or '@', not starting with '-'",
			    value);
			return -1;
		}
		*str = xstrdup(value);
		return 0;
	case CHECK_LOCAL_PATH:
		*str = local_path(kd->name, value, cause);
		return *str != NULL ? 0 : -1;
	case CHECK_POLICY:
		if (strcmp(value, "strict") == 0)
			*num = HKP_STRICT;
		else if (strcmp(value, "accept-new") == 0)
			*num = HKP_ACCEPT_NEW;
		else {
			*cause = xasprintf("host_key_policy \"%s\" must be "
			    "\"strict\" or \"accept-new\"", value);
			return -1;
		}
		return 0;
	case CHECK_REMOTE_OR_NONE:
		if (strcmp(value, "none") == 0) {
			*str = xstrdup(value);
			return 0;
		}
		if ((*str = remote_path(kd->name, value, cause)) != NULL)
			return 0;
		free(*cause);
		*cause = xasprintf("%s \"%s\" must be an absolute path or "
		    "\"none\"", kd->name, value);
		return -1;
	case CHECK_REMOTE_PATH:
		*str = remote_path(kd->name, value, cause);
		return *str != NULL ? 0 : -1;
	case CHECK_BOOL:
		if ((*num = parse_bool(value)) < 0) {
			*cause = xasprintf("user_dirs \"%s\" must be yes or no",
			    value);
			return -1;
		}
		return 0;
	case CHECK_FORMAT:
		if (!access_log_format_valid(value)) {
			*cause = xasprintf("access_log_format \"%s\" must be "
			    "auto, combined, default, common, short, tiny, dev "
			    "or a morgan format string such as \":remote-addr "
			    ":method :url\"", value);
			return -1;
		}
		*str = xstrdup(value);
		return 0;
	case CHECK_TIMEZONE:
		if (!timezone_valid(value)) {
			*cause = xasprintf("timezone \"%s\" is not an IANA "
			    "zone name such as \"Europe/Paris\"", value);
			return -1;
		}
		*str = xstrdup(value);
		return 0;
	}
	fatal("%s: bad check for key %d", __func__, k);
}

int
config_set(struct host_config *hc, const char *key, const char *value,
    enum config_origin origin, char **cause)
{
	int k = config_key_lookup(key), num = -1;
	struct strlist *l;
	char *str;

	if (k < 0) {
		*cause = xasprintf("unknown key \"%s\"", key);
		return -1;
	}
	if (strlen(value) > CONFIG_MAX_VALUE) {
		*cause = xasprintf("%s: value longer than %d bytes",
		    config_keys[k].name, CONFIG_MAX_VALUE);
		return -1;
	}
	if (check_value(k, value, &str, &num, cause) != 0)
		return -1;
	switch (config_keys[k].type) {
	case TYPE_STRING:
		replace(str_field(hc, k), str);
		break;
	case TYPE_INT:
		*int_field(hc, k) = num;
		break;
	case TYPE_LIST:
		/* A higher layer's list replaces a lower one's. */
		l = list_field(hc, k);
		if (hc->origin[k] != ORIGIN_UNSET && hc->origin[k] != origin)
			strlist_clear(l);
		strlist_add_owned(l, str);
		break;
	}
	hc->origin[k] = origin;
	return 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Splits one NUL-terminated line (modified in place) into key and value.
 * Returns 1 with *keyp and *valuep pointing into line, 0 for a blank or
 * comment line, or -1 with *cause allocated.
 */
static int
split_line(char *line, char **keyp, char **valuep, char **cause)
{
	char *p = line, *key, *value, *end;

	while (is_space(*p))
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	key = p;
	while (*p != '\0' && *p != '=' && !is_space(*p))
		p++;
	if (p == key) {
		*cause = xstrdup("missing key before '='");
		return -1;
	}
	end = p;
	while (is_space(*p))
		p++;
	if (*p != '=') {
		*end = '\0';
		*cause = xasprintf("expected \"%s = value\"", key);
		return -1;
	}
	*end = '\0';
	p++;
	while (is_space(*p))
		p++;

	if (*p == '"') {
		/* The first quote followed only by blanks or a comment
		 * closes the value, so a value may itself hold quotes. */
		value = p + 1;
		for (char *q = value; (q = strchr(q, '"')) != NULL; q++) {
			char *r = q + 1;

			while (is_space(*r))
				r++;
			if (*r == '\0' || (*r == '#' && r > q + 1)) {
				*q = '\0';
				*keyp = key;
				*valuep = value;
				return 1;
			}
		}
		*cause = xasprintf("%s: unterminated quoted value", key);
		return -1;
	}

	value = p;
	for (; *p != '\0'; p++) {
		/* value[-1] is '=' or a blank, so this looks back safely. */
		if (*p == '#' && is_space(p[-1])) {
			*p = '\0';
			break;
		}
	}
	end = value + strlen(value);
	while (end > value && is_space(end[-1]))
		*--end = '\0';
	if (*value == '\0') {
		*cause = xasprintf("missing value for \"%s\"", key);
		return -1;
	}
	*keyp = key;
	*valuep = value;
	return 1;
}

/* Parses one line (modified in place) of n bytes. Returns NULL, or an
 * allocated message saying what is wrong with it. */
static char *
parse_line(char *line, size_t n, int lineno, int first_line[CK_COUNT],
    enum config_origin origin, struct host_config *hc)
{
	char *key, *value, *cause = NULL;
	int k;

	if (strlen(line) != n)
		return xstrdup("line contains a NUL byte");
	if (split_line(line, &key, &value, &cause) <= 0)
		return cause;
	if ((k = config_key_lookup(key)) < 0)
		return xasprintf("unknown key \"%s\"", key);
	if (config_keys[k].type != TYPE_LIST && first_line[k] != 0)
		return xasprintf("%s is already set on line %d",
		    config_keys[k].name, first_line[k]);
	if (k == CK_HOSTNAME && origin == ORIGIN_DEFAULTS)
		return xstrdup("hostname cannot be set in defaults.conf "
		    "(every host would connect to it)");
	if (config_set(hc, key, value, origin, &cause) != 0)
		return cause;
	first_line[k] = lineno;
	return NULL;
}

int
config_parse_buffer(const char *filename, const char *buf, size_t len,
    enum config_origin origin, struct host_config *hc)
{
	int first_line[CK_COUNT] = { 0 };
	int errors = 0, lineno = 0;
	size_t off = 0, n;
	const char *nl;
	char *line, *cause;

	/* An editor's UTF-8 byte-order mark is not part of the first key. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	while (off < len) {
		lineno++;
		nl = memchr(buf + off, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;
		line = xstrndup(buf + off, n);
		off += n + 1;
		cause = parse_line(line, n, lineno, first_line, origin, hc);
		if (cause != NULL) {
			log_error(NULL, "%s:%d: %s", filename, lineno, cause);
			free(cause);
			errors++;
		}
		free(line);
	}
	return errors;
}

void
config_merge(struct host_config *hc, const struct host_config *base)
{
	for (int k = 0; k < CK_COUNT; k++)
		if (hc->origin[k] == ORIGIN_UNSET &&
		    base->origin[k] != ORIGIN_UNSET)
			copy_key(hc, base, k);
}

bool
config_label_valid(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	    (*s >= '0' && *s <= '9')))
		return false;
	for (s++; *s != '\0'; s++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		    *s == '-'))
			return false;
	}
	return true;
}

/* The label of an ad-hoc host: its name made a valid label (a safe path
 * component), "host" prefixed when it would not start with a letter or
 * digit ("::1" gives "host__1"). */
static char *
adhoc_label(const char *hostname)
{
	char *label;
	bool lead_ok = (*hostname >= 'A' && *hostname <= 'Z') ||
	    (*hostname >= 'a' && *hostname <= 'z') ||
	    (*hostname >= '0' && *hostname <= '9');

	label = xasprintf("%s%s", lead_ok ? "" : "host", hostname);
	for (char *p = label; *p != '\0'; p++) {
		bool alnum = (*p >= 'A' && *p <= 'Z') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');

		if (!alnum && *p != '.' && *p != '_' && *p != '-')
			*p = '_';
	}
	return label;
}

int
config_parse_adhoc(const char *arg, struct host_config *hc, char **cause)
{
	const char *at, *host, *port = NULL, *close;
	char *user = NULL, *hostname = NULL, *sub = NULL;
	int rc = -1;

	if (*arg == '\0') {
		*cause = xstrdup("empty host argument");
		return -1;
	}
	if ((at = strchr(arg, '@')) != NULL) {
		if (at == arg) {
			*cause = xasprintf("\"%s\": empty user name before '@'",
			    arg);
			return -1;
		}
		user = xstrndup(arg, (size_t)(at - arg));
		host = at + 1;
	} else
		host = arg;

	if (*host == '[') {
		if ((close = strchr(host, ']')) == NULL) {
			*cause = xasprintf("\"%s\": unterminated '[' (expected "
			    "\"[address]\" or \"[address]:port\")", arg);
			goto out;
		}
		hostname = xstrndup(host + 1, (size_t)(close - host - 1));
		if (close[1] == ':')
			port = close + 2;
		else if (close[1] != '\0') {
			*cause = xasprintf("\"%s\": unexpected text after ']'",
			    arg);
			goto out;
		}
	} else {
		const char *colon = strchr(host, ':');

		/* Two or more colons: a bare IPv6 address, no port. */
		if (colon != NULL && strchr(colon + 1, ':') == NULL) {
			hostname = xstrndup(host, (size_t)(colon - host));
			port = colon + 1;
		} else
			hostname = xstrdup(host);
	}
	if (*hostname == '\0') {
		*cause = xasprintf("\"%s\": empty host name", arg);
		goto out;
	}
	if (port != NULL && *port == '\0') {
		*cause = xasprintf("\"%s\": empty port after ':'", arg);
		goto out;
	}

	if (config_set(hc, "hostname", hostname, ORIGIN_COMMAND_LINE,
	    &sub) != 0 ||
	    (user != NULL && config_set(hc, "user", user,
	    ORIGIN_COMMAND_LINE, &sub) != 0) ||
	    (port != NULL && config_set(hc, "port", port,
	    ORIGIN_COMMAND_LINE, &sub) != 0)) {
		*cause = xasprintf("\"%s\": %s", arg, sub);
		free(sub);
		goto out;
	}
	replace(&hc->label, adhoc_label(hostname));
	rc = 0;
out:
	free(user);
	free(hostname);
	return rc;
}


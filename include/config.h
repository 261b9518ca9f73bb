/* Configuration: defaults.conf and hosts.d/<label>.conf in the config dir,
 * and ad-hoc [user@]host[:port] arguments. Parsing is split from I/O so the
 * parser is a pure function over bytes (config_parse_buffer). */
#ifndef SU_CONFIG_H
#define SU_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

/* One entry per key of DESIGN.md's table; also indexes host_config.origin. */
enum config_key {
	CK_HOSTNAME,
	CK_PORT,
	CK_USER,
	CK_IDENTITY_FILE,
	CK_KNOWN_HOSTS,
	CK_HOST_KEY_POLICY,
	CK_CONNECT_TIMEOUT,
	CK_TIMEOUT,
	CK_SHINY_CONF,
	CK_LOG_DIR,
	CK_SITE_DIR,
	CK_USER_DIRS,
	CK_ACCESS_LOG,
	CK_ACCESS_LOG_FORMAT,
	CK_TIMEZONE,
	CK_WINDOW_DAYS,
	CK_COUNT
};

/* Where a value came from, shown by `hosts` and `check`. */
enum config_origin {
	ORIGIN_UNSET = 0,
	ORIGIN_BUILTIN,		/* built-in default */
	ORIGIN_DEFAULTS,	/* defaults.conf */
	ORIGIN_HOSTFILE,	/* hosts.d/<label>.conf */
	ORIGIN_COMMAND_LINE,	/* ad-hoc argument or option */
	ORIGIN_DISCOVERED	/* the host's shiny-server.conf */
};

enum host_key_policy { HKP_STRICT, HKP_ACCEPT_NEW };

/* Values are "unset" (NULL, empty list, or -1) until filled, so the layers
 * (host file over defaults.conf over discovery over built-in) can be merged
 * in one pass, as OpenSSH's fill_default_options does. */
struct host_config {
	char		*label;		/* hosts.d file name without .conf */
	char		*source;	/* host file path, or NULL for ad hoc */

	char		*hostname;
	int		 port;
	char		*user;
	struct strlist	 identity_files;
	char		*known_hosts;
	int		 host_key_policy;	/* enum host_key_policy */
	int		 connect_timeout;	/* seconds */
	int		 timeout;		/* whole-host deadline, s */
	char		*shiny_conf;		/* "none" disables discovery */
	struct strlist	 log_dirs;
	struct strlist	 site_dirs;
	int		 user_dirs;		/* 0/1 */
	char		*access_log;		/* "none": explicitly none */
	char		*access_log_format;	/* a name or a morgan string */
	char		*timezone;		/* IANA; NULL: workstation's */
	int		 window_days;

	enum config_origin origin[CK_COUNT];
};

struct host_list {
	struct host_config	**v;
	size_t			  n;
};

/* Name of a key as written in config files ("log_dir"). */
const char *config_key_name(enum config_key key);
/* The key named name (case-insensitive), or -1 when there is none. */
int config_key_lookup(const char *name);
/* "built-in", "defaults.conf", "host file", "command line", "discovered",
 * "unset". */
const char *config_origin_name(enum config_origin origin);

void config_init(struct host_config *hc);	/* every value unset */
void config_free(struct host_config *hc);	/* frees members, not hc */
/* Deep copy; dst's previous contents are not freed (pass an uninitialised
 * or freed struct). */
void config_copy(struct host_config *dst, const struct host_config *src);

/*
 * Parses one file's bytes into hc, marking each set key with origin.
 * Lines are "key = value", blank, or "# comment"; a " #" after the value
 * starts a comment; a value may be wrapped in double quotes (then '#' is
 * literal). Every bad line is reported as "file:line: message" through
 * log_error. Returns the number of bad lines (0 on success). Repeatable
 * keys (identity_file, log_dir, site_dir) append; others may appear once.
 * hostname is refused in defaults.conf (origin ORIGIN_DEFAULTS).
 */
int config_parse_buffer(const char *filename, const char *buf, size_t len,
	enum config_origin origin, struct host_config *hc);

/* Sets one key from its text form, validating it ("~/" in local paths
 * expands to $HOME). A single-valued key is replaced; a repeatable key
 * appends, or starts a new list when the previous values came from
 * another origin (a higher layer replaces a lower one's list). Returns 0,
 * or -1 with *cause set to an allocated message that the caller frees
 * (hc is then unchanged). */
int config_set(struct host_config *hc, const char *key, const char *value,
	enum config_origin origin, char **cause);

/* Fills unset values from base (defaults.conf) without overriding. */
void config_merge(struct host_config *hc, const struct host_config *base);

/*
 * Fills the connection keys that nothing set with built-in defaults
 * (hostname = label, port 22, local user, ~/.ssh identities and
 * known_hosts, strict, 10 s, 300 s, workstation zone, 30 days), with
 * ORIGIN_BUILTIN. timezone stays NULL (the workstation's zone). user stays
 * NULL only if the local user name cannot be found at all. Path keys
 * (log_dir, site_dir, user_dirs, access_log, access_log_format) are left
 * for discovery (see discovery.h).
 */
void config_fill_defaults(struct host_config *hc);

/* True when s is a valid label: [A-Za-z0-9][A-Za-z0-9._-]*. */
bool config_label_valid(const char *s);

/*
 * Parses an ad-hoc "[user@]hostname[:port]" ("[v6addr]:port" too; a bare
 * address with several ':' is an IPv6 hostname without port) into hc
 * (config_init'ed by the caller), with origin ORIGIN_COMMAND_LINE; the
 * label is the hostname with characters outside the label set (and a
 * leading non-alphanumeric) replaced by '_'. Returns 0, or -1 with *cause
 * allocated; hc may then hold part of the values (config_free it).
 */
int config_parse_adhoc(const char *arg, struct host_config *hc, char **cause);

/*
 * Loads DIR/defaults.conf (optional) and DIR/hosts.d/\*.conf (sorted by
 * label; files whose name starts with '.' or does not end in ".conf" are
 * ignored). Files that are group- or world-writable, or not regular files,
 * are refused. With names (n > 0) only those hosts are returned, each
 * once, in the order named: a name that is a label selects that host
 * file, anything else is parsed as ad hoc; only the selected files are
 * read. Every host is merged with defaults.conf and filled with built-in
 * defaults (config_fill_defaults). Two hosts with one label are refused
 * (they would share an output dir). Every problem is reported through
 * log_error before returning. Returns 0 with out filled, or -1
 * (configuration error, exit 2) with out empty. The caller frees the list
 * with config_free_list.
 */
int config_load(const char *dir, char *const names[], size_t n,
	struct host_list *out);
void config_free_list(struct host_list *list);

/* The user's home directory: $HOME, else the password database.
 * Allocated, or NULL when neither knows it. */
char *config_home_dir(void);

/* The config dir when -c is not given (the caller handles -c):
 * $SHINY_USAGE_CONFIG, else $XDG_CONFIG_HOME/shiny-usage, else
 * ~/.config/shiny-usage. Allocated. */
char *config_default_dir(void);

#endif

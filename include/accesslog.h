/* Shiny Server access-log lines (morgan formats). Pure functions. */
#ifndef SU_ACCESSLOG_H
#define SU_ACCESSLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longer lines cannot come from Shiny Server (node caps request headers at
 * 16 KiB): accesslog_parse_line rejects them without looking. */
#define ACCESSLOG_MAX_LINE	65536

/* One parsed line. Pointers point into the caller's line buffer. A line
 * whose address is "-" does not parse. */
struct access_record {
	const char	*addr;		/* client address, "::ffff:" folded away; NULL when the format has none */
	size_t		 addr_len;
	int64_t		 time;		/* Unix seconds (UTC), or -1 when the format has none */
	const char	*method;
	size_t		 method_len;
	const char	*url;		/* request target as logged, query included */
	size_t		 url_len;
	int		 status;	/* HTTP status, or -1 when absent */
};

/* A compiled format: one of the named morgan formats or a custom morgan
 * format string (":remote-addr - [:date[iso]] ..."). Opaque. */
struct accesslog_format;

/*
 * Compiles a format name (combined, default, common, short, tiny, dev) or
 * a morgan format string. "auto" is not a format: use accesslog_detect.
 * Tokens: remote-addr, remote-user, date[clf|iso|web], method, url,
 * http-version, status, res[..], req[..], response-time, total-time,
 * referrer/referer, user-agent; any other token matches text without
 * blanks. A string without any token is refused. Returns an allocated
 * format (free with accesslog_format_free), or NULL with *cause allocated
 * (the caller frees it).
 */
struct accesslog_format *accesslog_format_new(const char *spec, char **cause);
void accesslog_format_free(struct accesslog_format *f);
/* The name as given ("combined", "default", ...) or the format string. */
const char *accesslog_format_name(const struct accesslog_format *f);
bool accesslog_format_has_addr(const struct accesslog_format *f);
bool accesslog_format_has_time(const struct accesslog_format *f);

/*
 * Parses one line (without its newline). ANSI colour sequences (dev) are
 * removed in place first, so line may be modified. Quotes inside the
 * user agent are not escaped in real logs: the parser still accepts the
 * line (a free-text token takes the shortest text that lets the rest of
 * the line match; the work per line is bounded, linear in its length).
 * Returns true and fills rec, or false when the line does not match, is
 * longer than ACCESSLOG_MAX_LINE, or holds NUL or other control bytes
 * (the caller counts it in Skipped Lines). Thread safe.
 */
bool accesslog_parse_line(const struct accesslog_format *f, char *line,
	size_t len, struct access_record *rec);

/*
 * Guesses the format from sample lines (the first non-empty lines of a
 * file): the named format that parses the most of them, preferring richer
 * formats on ties (combined, common, short, dev, tiny). The lines are not
 * modified. Returns a newly allocated format, or NULL when none parses
 * any line.
 */
struct accesslog_format *accesslog_detect(char *const *lines,
	const size_t *lens, size_t n);

/* If url is "<app path>/__sockjs__/n=<id>/..." stores the app path
 * ("/hello/" style, ending in '/'; "/" for "/__sockjs__/...") and the id
 * (pointers into url), and returns true. Only the path before '?' is
 * looked at. o=<id> (a reconnect), an empty id and anything else return
 * false. */
bool accesslog_sockjs_visit(const char *url, size_t url_len,
	const char **app_path, size_t *app_path_len,
	const char **id, size_t *id_len);

#endif

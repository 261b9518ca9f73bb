/* Splits a byte stream into lines, inflating gzip (every member) when asked.
 * Memory is bounded: a line longer than max_line is not kept; it is handed
 * to the callback with truncated = true so the caller can count it as
 * skipped. Pure: the caller feeds bytes it read from anywhere. */
#ifndef SU_LINEREADER_H
#define SU_LINEREADER_H

#include <stdbool.h>
#include <stddef.h>

/* Called once per line, without the "\n" (and without a trailing "\r").
 * line is writable and NUL-terminated at len; it is valid only during the
 * call. Return 0 to go on, non-zero to stop (linereader_feed returns it). */
typedef int (*linereader_cb)(void *arg, char *line, size_t len,
	bool truncated);

struct linereader;

/* gz: inflate the input (zlib, gzip members one after another). */
struct linereader *linereader_new(bool gz, size_t max_line,
	linereader_cb cb, void *arg);

/* Returns 0, the callback's non-zero value, or -1 on corrupt gzip data
 * with *cause allocated. */
int linereader_feed(struct linereader *lr, const char *buf, size_t len,
	char **cause);

/* Delivers a last line without a newline. Returns as linereader_feed;
 * -1 also for a gzip stream cut short. */
int linereader_finish(struct linereader *lr, char **cause);
void linereader_free(struct linereader *lr);

#endif

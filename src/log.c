/* Messages to stderr, one write per line so threads never interleave. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static enum log_level log_level = LOG_LEVEL_NOTICE;

void
log_set_level(enum log_level level)
{
	log_level = level;
}

enum log_level
log_get_level(void)
{
	return log_level;
}

/* Formats prefix + message into one line, control characters (which may
 * come from remote file names) replaced by '?', and writes it at once. */
static void
log_write(const char *prefix, const char *label, const char *fmt, va_list ap)
{
	char msg[2048], line[2304];
	int n;

	vsnprintf(msg, sizeof msg, fmt, ap);
	for (char *p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	n = snprintf(line, sizeof line, "shiny-usage: %s%s%s%s\n", prefix,
	    label ? label : "", label ? ": " : "", msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line) {
		n = sizeof line - 1;
		line[n - 1] = '\n';
	}
	/* A short write to stderr has nowhere to be reported. */
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}

void
log_msg(enum log_level level, const char *label, const char *fmt, ...)
{
	va_list ap;
	const char *prefix;

	if (level > log_level)
		return;
	switch (level) {
	case LOG_LEVEL_ERROR:
		prefix = "error: ";
		break;
	case LOG_LEVEL_WARN:
		prefix = "warning: ";
		break;
	default:
		prefix = "";
		break;
	}
	va_start(ap, fmt);
	log_write(prefix, label, fmt, ap);
	va_end(ap);
}

void
log_debug_at(const char *file, const char *func, int line, const char *label,
    const char *fmt, ...)
{
	va_list ap;
	char prefix[256];

	if (log_level < LOG_LEVEL_DEBUG)
		return;
	snprintf(prefix, sizeof prefix, "debug: %s:%d %s: ", file, line, func);
	va_start(ap, fmt);
	log_write(prefix, label, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("fatal: ", NULL, fmt, ap);
	va_end(ap);
	exit(2);
}

/* Messages to stderr. Thread safe: each message is one write of one line.
 * -q shows errors only; default shows warnings and notices; -v adds debug
 * lines carrying where they were logged from. */
#ifndef SU_LOG_H
#define SU_LOG_H

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_NOTICE, LOG_LEVEL_DEBUG };

void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* Every message is prefixed "shiny-usage: " and, when label is non-NULL,
 * "<label>: ". Text is sanitised: control characters from remote input are
 * shown as '?', so a hostile file name cannot drive the terminal. */
void log_msg(enum log_level level, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void log_debug_at(const char *file, const char *func, int line,
	const char *label, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#define log_error(label, ...)	log_msg(LOG_LEVEL_ERROR, (label), __VA_ARGS__)
#define log_warn(label, ...)	log_msg(LOG_LEVEL_WARN, (label), __VA_ARGS__)
#define log_notice(label, ...)	log_msg(LOG_LEVEL_NOTICE, (label), __VA_ARGS__)
#define log_debug(label, ...) \
	log_debug_at(__FILE__, __func__, __LINE__, (label), __VA_ARGS__)

/* Out of memory or an impossible state: print and exit(2). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif

/* A minimal TAP producer for the unit tests: ok(), is_int(), is_str(), and
 * done_testing() printing the plan. Header-only; each test is one .c. */
#ifndef SU_TAP_H
#define SU_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run;
static int tap_failed;

static inline int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static inline int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_run++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   Failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return pass;
}

#define ok(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...) do {					\
	intmax_t g_ = (intmax_t)(got), w_ = (intmax_t)(want);		\
	if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__))		\
		printf("#   got %jd, want %jd\n", g_, w_);		\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int p_ = (g_ == NULL && w_ == NULL) ||				\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	if (!tap_ok(p_, __FILE__, __LINE__, __VA_ARGS__))		\
		printf("#   got \"%s\", want \"%s\"\n",			\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_run);
	return tap_failed == 0 ? 0 : 1;
}

#endif

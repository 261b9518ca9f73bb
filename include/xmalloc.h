/* Allocation that never returns NULL: out of memory is fatal(). */
#ifndef SU_XMALLOC_H
#define SU_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/* Grows array v (of *cap elements of size bytes) so it can hold n + 1;
 * returns the possibly moved array. */
void *xgrowarray(void *v, size_t n, size_t *cap, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

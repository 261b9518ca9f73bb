/* A growable list of owned strings. */
#ifndef SU_STRLIST_H
#define SU_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

void strlist_add(struct strlist *l, const char *s);	/* copies s */
void strlist_add_owned(struct strlist *l, char *s);	/* takes s */
bool strlist_contains(const struct strlist *l, const char *s);
void strlist_copy(struct strlist *dst, const struct strlist *src);
void strlist_clear(struct strlist *l);			/* frees, leaves empty */

#endif

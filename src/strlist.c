/* Growable lists of owned strings. */
#include <stdlib.h>
#include <string.h>

#include "strlist.h"
#include "xmalloc.h"

void
strlist_add_owned(struct strlist *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = s;
}

void
strlist_add(struct strlist *l, const char *s)
{
	strlist_add_owned(l, xstrdup(s));
}

bool
strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void
strlist_copy(struct strlist *dst, const struct strlist *src)
{
	for (size_t i = 0; i < src->n; i++)
		strlist_add(dst, src->v[i]);
}

void
strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

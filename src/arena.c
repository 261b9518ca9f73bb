/* String arena (see arena.h). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_CHUNK	(64 * 1024)

struct arena {
	struct arena	*next;
	size_t		 used, size;
	char		 data[];
};

const char *
arena_copy(struct arena **arena, const char *s, size_t n, const char *s2,
    size_t n2)
{
	struct arena *c = *arena;
	size_t need = n + n2 + 1;
	char *p;

	if (c == NULL || c->size - c->used < need) {
		size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;

		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = *arena;
		*arena = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	if (n2 > 0)
		memcpy(p + n, s2, n2);
	p[n + n2] = '\0';
	c->used += need;
	return p;
}

void
arena_free(struct arena *c)
{
	while (c != NULL) {
		struct arena *next = c->next;

		free(c);
		c = next;
	}
}

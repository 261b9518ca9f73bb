/* Strings copied into large chunks: one allocation per 64 KiB of keys
 * rather than one per key, all freed at once. */
#ifndef SU_ARENA_H
#define SU_ARENA_H

#include <stddef.h>

struct arena;	/* NULL is an empty arena */

/* Copies s (n bytes) then s2 (n2 bytes) and a NUL into *arena. Returns the
 * copy, valid until arena_free. */
const char *arena_copy(struct arena **arena, const char *s, size_t n,
	const char *s2, size_t n2);
void arena_free(struct arena *arena);

#endif

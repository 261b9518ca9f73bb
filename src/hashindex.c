/* Open-addressing hash index (see hashindex.h). */
#include <stdlib.h>

#include "hashindex.h"
#include "log.h"
#include "xmalloc.h"

uint64_t
hashindex_fnv1a(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * HASHINDEX_FNV_PRIME;
	return h;
}

static uint32_t
fold_hash(uint64_t h)
{
	return (uint32_t)(h ^ h >> 32);
}

void
hashindex_reserve(struct hashindex *ix)
{
	struct hashindex_slot *old = ix->slots;
	size_t oldcap = ix->cap;

	if (ix->cap != 0 && (ix->n + 1) * 10 <= ix->cap * 7)
		return;
	ix->cap = oldcap ? oldcap * 2 : 64;
	ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
	for (size_t i = 0; i < oldcap; i++) {
		size_t j = old[i].hash & (ix->cap - 1);

		if (old[i].ref == 0)
			continue;
		while (ix->slots[j].ref != 0)
			j = (j + 1) & (ix->cap - 1);
		ix->slots[j] = old[i];
	}
	free(old);
}

struct hashindex_slot *
hashindex_find(const struct hashindex *ix, uint64_t hash, hashindex_eq_fn eq,
    const void *ctx)
{
	uint32_t h = fold_hash(hash);
	size_t i;

	if (ix->cap == 0)
		return NULL;
	for (i = h & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		struct hashindex_slot *s = &ix->slots[i];

		if (s->ref == 0 || (s->hash == h && eq(ctx, s->ref - 1)))
			return s;
	}
}

void
hashindex_set(struct hashindex *ix, struct hashindex_slot *s, uint64_t hash,
    size_t id)
{
	if (id >= UINT32_MAX - 1)
		fatal("more than 4 billion distinct keys");
	s->ref = (uint32_t)id + 1;
	s->hash = fold_hash(hash);
	ix->n++;
}

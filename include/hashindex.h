/* An open-addressing hash index over an array the caller owns: a slot holds
 * an entry's id + 1 (0 empty) and 32 bits of its hash, enough to rehash
 * without touching the entries. Linear probing, grown at 70% load. The
 * caller compares keys, so entries can be any struct. */
#ifndef SU_HASHINDEX_H
#define SU_HASHINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HASHINDEX_FNV_INIT	UINT64_C(0xcbf29ce484222325)
#define HASHINDEX_FNV_PRIME	UINT64_C(0x100000001b3)

struct hashindex_slot {
	uint32_t	ref;
	uint32_t	hash;
};

struct hashindex {
	struct hashindex_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 n;
};

/* True when entry id holds the key the caller is looking for. */
typedef bool (*hashindex_eq_fn)(const void *ctx, uint32_t id);

/* FNV-1a of n bytes, continuing from h (start with HASHINDEX_FNV_INIT). */
uint64_t hashindex_fnv1a(const void *p, size_t n, uint64_t h);

/* Makes room for one more entry, so a slot found next stays valid. */
void hashindex_reserve(struct hashindex *ix);

/* Returns the slot holding the entry eq accepts, or the empty slot where
 * it belongs; NULL only when the index has no slots at all. */
struct hashindex_slot *hashindex_find(const struct hashindex *ix,
	uint64_t hash, hashindex_eq_fn eq, const void *ctx);

/* Stores entry id in the empty slot s (from hashindex_find). */
void hashindex_set(struct hashindex *ix, struct hashindex_slot *s,
	uint64_t hash, size_t id);

#endif

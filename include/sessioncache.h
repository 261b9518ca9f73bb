/* What earlier runs learnt about each session log (did R crash?), keyed by
 * path, size and mtime, so an unchanged log is never read again: a log dir
 * holds thousands of them and each read costs round trips. One file per
 * host under $XDG_CACHE_HOME/shiny-usage (else ~/.cache/shiny-usage). */
#ifndef SU_SESSIONCACHE_H
#define SU_SESSIONCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sessioncache;

/* The cache file of a host, or NULL when no home or cache dir is known.
 * Allocated. */
char *sessioncache_path(const char *label);

/*
 * Loads path, if it exists and was written for identity (e.g.
 * "host:port"); a missing, foreign or damaged file gives an empty cache,
 * since the cache only saves work. Never NULL.
 */
struct sessioncache *sessioncache_load(const char *path, const char *identity);

/* 1 crashed, 0 did not, -1 unknown (not cached, or size/mtime changed). */
int sessioncache_lookup(const struct sessioncache *sc, const char *path,
	uint64_t size, int64_t mtime);

/* Records a verdict of this run; only these are saved, so logs that are
 * gone drop out of the cache. */
void sessioncache_put(struct sessioncache *sc, const char *path,
	uint64_t size, int64_t mtime, bool crashed);

/* Writes this run's verdicts atomically, creating the directory. Returns 0,
 * or -1 with *cause (a failed save only costs reads next time). */
int sessioncache_save(const struct sessioncache *sc, const char *path,
	char **cause);
void sessioncache_free(struct sessioncache *sc);

#endif

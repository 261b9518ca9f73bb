/* Session-log verdicts remembered between runs (see sessioncache.h).
 * The file is text: a header naming the host, then one
 * "crashed<TAB>size<TAB>mtime<TAB>path" line per log. */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "atomicfile.h"
#include "config.h"
#include "hashindex.h"
#include "sessioncache.h"
#include "xmalloc.h"

#define HEADER	"# shiny-usage session-log cache v1 "

struct entry {
	const char	*path;
	uint64_t	 size;
	int64_t		 mtime;
	bool		 crashed;
};

struct table {
	struct entry		*v;
	size_t			 n, cap;
	struct hashindex	 ix;
};

struct sessioncache {
	struct arena	*strings;
	struct table	 old;	/* loaded */
	struct table	 now;	/* this run's verdicts */
	char		*identity;
};

static bool
entry_eq(const void *ctx, uint32_t id)
{
	const void *const *pair = ctx;
	const struct table *t = pair[0];

	return strcmp(t->v[id].path, pair[1]) == 0;
}

static struct entry *
table_find(const struct table *t, const char *path,
    struct hashindex_slot **slot)
{
	const void *pair[2] = { t, path };
	struct hashindex_slot *s;

	s = hashindex_find(&t->ix, hashindex_fnv1a(path, strlen(path),
	    HASHINDEX_FNV_INIT), entry_eq, pair);
	if (slot != NULL)
		*slot = s;
	return s != NULL && s->ref != 0 ? &t->v[s->ref - 1] : NULL;
}

static void
table_put(struct sessioncache *sc, struct table *t, const char *path,
    uint64_t size, int64_t mtime, bool crashed)
{
	struct hashindex_slot *slot;
	struct entry *e;

	hashindex_reserve(&t->ix);
	if ((e = table_find(t, path, &slot)) == NULL) {
		t->v = xgrowarray(t->v, t->n, &t->cap, sizeof *t->v);
		e = &t->v[t->n];
		e->path = arena_copy(&sc->strings, path, strlen(path), NULL, 0);
		hashindex_set(&t->ix, slot, hashindex_fnv1a(path, strlen(path),
		    HASHINDEX_FNV_INIT), t->n);
		t->n++;
	}
	e->size = size;
	e->mtime = mtime;
	e->crashed = crashed;
}

char *
sessioncache_path(const char *label)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	char *home, *path;

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/shiny-usage/%s.sessions", xdg, label);
	if ((home = config_home_dir()) == NULL)
		return NULL;
	path = xasprintf("%s/.cache/shiny-usage/%s.sessions", home, label);
	free(home);
	return path;
}

/* Parses "crashed\tsize\tmtime\tpath". Returns false for anything else. */
static bool
parse_line(char *line, bool *crashed, uint64_t *size, int64_t *mtime,
    const char **path)
{
	char *end;

	if ((line[0] != '0' && line[0] != '1') || line[1] != '\t')
		return false;
	*crashed = line[0] == '1';
	errno = 0;
	*size = strtoumax(line + 2, &end, 10);
	if (errno != 0 || end == line + 2 || *end != '\t')
		return false;
	line = end + 1;
	*mtime = strtoimax(line, &end, 10);
	if (errno != 0 || end == line || *end != '\t' || end[1] != '/')
		return false;
	*path = end + 1;
	return true;
}

struct sessioncache *
sessioncache_load(const char *path, const char *identity)
{
	struct sessioncache *sc = xcalloc(1, sizeof *sc);
	char *line = NULL, *header;
	size_t cap = 0;
	ssize_t len;
	FILE *fp;

	sc->identity = xstrdup(identity);
	if (path == NULL || (fp = fopen(path, "r")) == NULL)
		return sc;
	header = xasprintf(HEADER "%s\n", identity);
	if (getline(&line, &cap, fp) > 0 && strcmp(line, header) == 0) {
		while ((len = getline(&line, &cap, fp)) > 0) {
			const char *p;
			uint64_t size;
			int64_t mtime;
			bool crashed;

			if (line[len - 1] != '\n')
				break;	/* cut short: ignore the rest */
			line[len - 1] = '\0';
			if (parse_line(line, &crashed, &size, &mtime, &p))
				table_put(sc, &sc->old, p, size, mtime, crashed);
		}
	}
	free(header);
	free(line);
	fclose(fp);
	return sc;
}

int
sessioncache_lookup(const struct sessioncache *sc, const char *path,
    uint64_t size, int64_t mtime)
{
	const struct entry *e = table_find(&sc->old, path, NULL);

	if (e == NULL || e->size != size || e->mtime != mtime)
		return -1;
	return e->crashed ? 1 : 0;
}

void
sessioncache_put(struct sessioncache *sc, const char *path, uint64_t size,
    int64_t mtime, bool crashed)
{
	/* A path with a newline could not be read back: do not cache it. */
	if (path[0] == '/' && strchr(path, '\n') == NULL)
		table_put(sc, &sc->now, path, size, mtime, crashed);
}

/* Creates the directories leading to path, mode 0700 (the cache names
 * servers and paths on them). Returns 0, or -1 with *cause. */
static int
make_parent_dirs(const char *path, char **cause)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*cause = xasprintf("cannot create %s: %s", dir,
			    strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

int
sessioncache_save(const struct sessioncache *sc, const char *path,
    char **cause)
{
	struct atomic_file af;

	if (make_parent_dirs(path, cause) != 0 || atomic_open(&af, path, cause) != 0)
		return -1;
	fprintf(af.fp, HEADER "%s\n", sc->identity);
	for (size_t i = 0; i < sc->now.n; i++) {
		const struct entry *e = &sc->now.v[i];

		fprintf(af.fp, "%d\t%" PRIu64 "\t%" PRId64 "\t%s\n",
		    e->crashed ? 1 : 0, e->size, e->mtime, e->path);
	}
	return atomic_commit(&af, cause);
}

void
sessioncache_free(struct sessioncache *sc)
{
	if (sc == NULL)
		return;
	free(sc->old.v);
	free(sc->old.ix.slots);
	free(sc->now.v);
	free(sc->now.ix.slots);
	arena_free(sc->strings);
	free(sc->identity);
	free(sc);
}

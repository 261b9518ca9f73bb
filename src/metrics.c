/*
 * Usage metrics of one host. Records arrive one at a time (millions of
 * access-log lines), so everything a line touches is O(1) amortised: hash
 * sets with open addressing for addresses, visits, per-app addresses and
 * session logs, and a hash of app URL prefixes probed at each '/' of the
 * request path for the longest match. Keys live in a string arena, so
 * memory grows with distinct keys, never with lines.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hashindex.h"
#include "log.h"
#include "metrics.h"
#include "xmalloc.h"

#define MAX_WINDOW_DAYS	366
#define NO_ID		UINT32_MAX

/* ---- state --------------------------------------------------------------- */

struct addr {
	const char	*key;
	size_t		 len;
	size_t		 bits;		/* 1 + its day bitset in m->bits, or 0 */
	bool		 in_window;
};

struct visit {
	const char	*key;		/* app path, then the id */
	size_t		 path_len, id_len;
	int64_t		 first;		/* first sighting, -1 unknown */
	uint32_t	 app;		/* NO_ID when unattributed */
};

struct session {
	const char	*base;		/* name without rotation suffix */
	const char	*app;		/* app directory basename */
	int64_t		 start;		/* UTC, from the name in the host zone */
	bool		 crashed;
};

struct app {
	char		*name;
	char		*prefix;	/* "/" ... "/" */
	size_t		 prefix_len;
	char		*base;		/* directory basename: session-log key */
	int64_t		 requests, unique_ips, last_seen;
};

/* A stretch of the window with one UTC offset, for day numbers. */
struct segment {
	int64_t		 from;
	int32_t		 off;
};

/* Request candidates: the path up to each '/', longest probed first. */
struct candidate {
	uint64_t	 hash;
	size_t		 len;
	bool		 slash;		/* the whole path plus an implied '/' */
};

struct metrics {
	int64_t		 now, wstart;	/* W = (wstart, now] */
	const struct tz	*zone;
	struct tz	*own_zone;

	struct segment	*segs;
	size_t		 nsegs;
	int64_t		 day0;		/* day number of W's first Z-date */
	size_t		 ndays, daywords;
	int64_t		*day_requests, *day_ips;

	struct arena	*arena;

	struct addr	*addrs;
	size_t		 naddrs, addrcap, nonloopback, naddr_w;
	struct hashindex	 addr_ix;
	uint64_t	*bits;		/* daywords per address seen in W */
	size_t		 nbits, bitcap;

	struct visit	*visits;
	size_t		 nvisits, visitcap;
	struct hashindex	 visit_ix;

	uint64_t	*pairs;		/* app << 32 | addr */
	size_t		 npairs, paircap;
	struct hashindex	 pair_ix;

	struct session	*sessions;
	size_t		 nsessions, sessioncap;
	struct hashindex	 session_ix;

	struct app	*apps;
	size_t		 napps, appcap;
	struct hashindex	 prefix_ix;
	bool		 prefixes_ready;
	struct candidate *cands;
	size_t		 maxdepth;

	bool		 access_read, all_addr, all_time;
	uint64_t	 requests, requests_w, skipped;
};

/* ---- days ---------------------------------------------------------------- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Index of the Z-date of t among the window's days, or -1. */
static int
day_index(const struct metrics *m, int64_t t)
{
	size_t lo = 0, hi = m->nsegs;
	int64_t d;

	if (t <= m->wstart || t > m->now)
		return -1;
	while (hi - lo > 1) {	/* last segment starting at or before t */
		size_t mid = lo + (hi - lo) / 2;

		if (m->segs[mid].from <= t)
			lo = mid;
		else
			hi = mid;
	}
	d = floor_div(t + m->segs[lo].off, 86400) - m->day0;
	return d >= 0 && (size_t)d < m->ndays ? (int)d : -1;
}

static bool
in_window(const struct metrics *m, int64_t t)
{
	return t != -1 && t > m->wstart && t <= m->now;
}

struct metrics *
metrics_new(int64_t now, int window_days, const struct tz *zone)
{
	struct metrics *m = xcalloc(1, sizeof *m);
	size_t segcap = 0;
	int64_t t, next, last;

	if (window_days < 1 || window_days > MAX_WINDOW_DAYS)
		fatal("metrics: window of %d days", window_days);
	m->now = now;
	m->wstart = now - (int64_t)window_days * 86400;
	if (zone == NULL)
		zone = m->own_zone = tz_utc();
	m->zone = zone;
	m->all_addr = m->all_time = true;

	/* Offsets change a few times a year: list them across W once. */
	for (t = m->wstart + 1; t <= now; t = next) {
		m->segs = xgrowarray(m->segs, m->nsegs, &segcap, sizeof *m->segs);
		m->segs[m->nsegs].from = t;
		m->segs[m->nsegs++].off = tz_offset_at(zone, t, &next);
	}
	m->day0 = floor_div(m->wstart + 1 + m->segs[0].off, 86400);
	last = floor_div(now + m->segs[m->nsegs - 1].off, 86400);
	m->ndays = last >= m->day0 ? (size_t)(last - m->day0 + 1) : 1;
	m->daywords = (m->ndays + 63) / 64;
	m->day_requests = xcalloc(m->ndays, sizeof *m->day_requests);
	m->day_ips = xcalloc(m->ndays, sizeof *m->day_ips);
	return m;
}

void
metrics_free(struct metrics *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->napps; i++) {
		free(m->apps[i].name);
		free(m->apps[i].prefix);
		free(m->apps[i].base);
	}
	free(m->apps);
	free(m->prefix_ix.slots);
	free(m->cands);
	free(m->addrs);
	free(m->addr_ix.slots);
	free(m->bits);
	free(m->visits);
	free(m->visit_ix.slots);
	free(m->pairs);
	free(m->pair_ix.slots);
	free(m->sessions);
	free(m->session_ix.slots);
	arena_free(m->arena);
	free(m->segs);
	free(m->day_requests);
	free(m->day_ips);
	tz_free(m->own_zone);
	free(m);
}

/* ---- apps and prefixes --------------------------------------------------- */

void
metrics_add_app_base(struct metrics *m, const char *name,
    const char *url_prefix, const char *basename)
{
	struct app *a;
	const char *p = url_prefix;
	size_t len;

	if (p == NULL || *p == '\0')
		p = name;
	while (*p == '/')
		p++;
	len = strlen(p);
	while (len > 0 && p[len - 1] == '/')
		len--;
	m->apps = xgrowarray(m->apps, m->napps, &m->appcap, sizeof *m->apps);
	a = &m->apps[m->napps++];
	memset(a, 0, sizeof *a);
	a->name = xstrdup(name);
	a->prefix = len == 0 ? xstrdup("/") : xasprintf("/%.*s/", (int)len, p);
	a->prefix_len = strlen(a->prefix);
	a->base = xstrdup(basename);
	a->last_seen = -1;
	m->prefixes_ready = false;
}

void
metrics_add_app(struct metrics *m, const char *name, const char *url_prefix)
{
	const char *slash = strrchr(name, '/');

	metrics_add_app_base(m, name, url_prefix, slash ? slash + 1 : name);
}

/* What index_find compares entries with. */
struct key_ctx {
	const struct metrics	*m;
	const char		*s, *s2;
	size_t			 len, len2;
	uint64_t		 key;
	bool			 slash;	/* s + an implied '/' (prefixes) */
};

static bool
prefix_eq(const void *ctx, uint32_t id)
{
	const struct key_ctx *c = ctx;
	const struct app *a = &c->m->apps[id];

	return a->prefix_len == c->len + c->slash &&
	    memcmp(a->prefix, c->s, c->len) == 0 &&
	    (!c->slash || a->prefix[c->len] == '/');
}

/* Indexes every app's prefix (the first app wins a shared one). Runs
 * again only when apps were added since. */
static void
prepare_prefixes(struct metrics *m)
{
	free(m->prefix_ix.slots);
	memset(&m->prefix_ix, 0, sizeof m->prefix_ix);
	m->maxdepth = 0;
	for (size_t i = 0; i < m->napps; i++) {
		struct app *a = &m->apps[i];
		struct key_ctx c = { .m = m, .s = a->prefix,
		    .len = a->prefix_len };
		uint64_t h = hashindex_fnv1a(a->prefix, a->prefix_len, HASHINDEX_FNV_INIT);
		struct hashindex_slot *s;
		size_t depth = 0;

		hashindex_reserve(&m->prefix_ix);
		s = hashindex_find(&m->prefix_ix, h, prefix_eq, &c);
		if (s->ref == 0)
			hashindex_set(&m->prefix_ix, s, h, i);
		for (size_t j = 0; j < a->prefix_len; j++)
			depth += a->prefix[j] == '/';
		if (depth > m->maxdepth)
			m->maxdepth = depth;
	}
	free(m->cands);
	m->cands = xreallocarray(NULL, m->maxdepth + 1, sizeof *m->cands);
	m->prefixes_ready = true;
}

/* The app whose prefix is the longest that path starts with (or equals
 * without its last '/'), or NO_ID. */
static uint32_t
match_app(struct metrics *m, const char *path, size_t len)
{
	uint64_t h = HASHINDEX_FNV_INIT;
	size_t n = 0, i;

	if (!m->prefixes_ready)
		prepare_prefixes(m);
	if (m->napps == 0)
		return NO_ID;
	for (i = 0; i < len && n < m->maxdepth; i++) {
		h = (h ^ (unsigned char)path[i]) * HASHINDEX_FNV_PRIME;
		if (path[i] == '/')
			m->cands[n++] = (struct candidate){ h, i + 1, false };
	}
	if (i == len && len > 0 && path[len - 1] != '/' && n < m->maxdepth)
		m->cands[n++] = (struct candidate){
		    (h ^ '/') * HASHINDEX_FNV_PRIME, len, true };
	while (n-- > 0) {
		struct candidate *k = &m->cands[n];
		struct key_ctx c = { .m = m, .s = path, .len = k->len,
		    .slash = k->slash };
		struct hashindex_slot *s = hashindex_find(&m->prefix_ix, k->hash, prefix_eq,
		    &c);

		if (s != NULL && s->ref != 0)
			return s->ref - 1;
	}
	return NO_ID;
}

/* ---- session logs -------------------------------------------------------- */

static bool
session_eq(const void *ctx, uint32_t id)
{
	const struct key_ctx *c = ctx;
	const char *base = c->m->sessions[id].base;

	return strncmp(base, c->s, c->len) == 0 && base[c->len] == '\0';
}

void
metrics_add_session_log(struct metrics *m,
    const struct sessionlog_name *name, bool crashed)
{
	struct key_ctx c = { .m = m, .s = name->base,
	    .len = strnlen(name->base, sizeof name->base) };
	uint64_t h = hashindex_fnv1a(c.s, c.len, HASHINDEX_FNV_INIT);
	struct session *se;
	struct hashindex_slot *s;

	hashindex_reserve(&m->session_ix);
	s = hashindex_find(&m->session_ix, h, session_eq, &c);
	if (s->ref != 0) {
		/* A rotated copy of a log already seen. */
		m->sessions[s->ref - 1].crashed |= crashed;
		return;
	}
	m->sessions = xgrowarray(m->sessions, m->nsessions, &m->sessioncap,
	    sizeof *m->sessions);
	se = &m->sessions[m->nsessions];
	se->base = arena_copy(&m->arena, c.s, c.len, NULL, 0);
	se->app = arena_copy(&m->arena, name->app,
	    strnlen(name->app, sizeof name->app), NULL, 0);
	se->start = tz_local_to_utc(m->zone, name->year, name->month,
	    name->day, name->hour, name->minute, name->second);
	se->crashed = crashed;
	hashindex_set(&m->session_ix, s, h, m->nsessions++);
}

/* ---- access log ---------------------------------------------------------- */

void
metrics_begin_access_file(struct metrics *m, bool has_addr, bool has_time)
{
	m->access_read = true;
	m->all_addr &= has_addr;
	m->all_time &= has_time;
}

void
metrics_add_skipped_lines(struct metrics *m, uint64_t n)
{
	/* A file whose lines all failed was still read. */
	if (n > 0)
		m->access_read = true;
	m->skipped += n;
}

/* 127.0.0.0/8 and ::1 (also as ::ffff:127.x.y.z). */
static bool
addr_is_loopback(const char *s, size_t len)
{
	char buf[INET6_ADDRSTRLEN + 1];
	struct in_addr a4;
	struct in6_addr a6;

	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, buf, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6) ||
		    (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
	return false;
}

static bool
addr_eq(const void *ctx, uint32_t id)
{
	const struct key_ctx *c = ctx;
	const struct addr *a = &c->m->addrs[id];

	return a->len == c->len && memcmp(a->key, c->s, c->len) == 0;
}

/* Counts the address (and its day, when in W). Returns its id. */
static uint32_t
add_addr(struct metrics *m, const char *addr, size_t len, bool in_w, int day)
{
	struct key_ctx c = { .m = m, .s = addr, .len = len };
	uint64_t h = hashindex_fnv1a(addr, len, HASHINDEX_FNV_INIT);
	struct hashindex_slot *s;
	struct addr *a;
	uint64_t *word, bit;

	hashindex_reserve(&m->addr_ix);
	s = hashindex_find(&m->addr_ix, h, addr_eq, &c);
	if (s->ref == 0) {
		m->addrs = xgrowarray(m->addrs, m->naddrs, &m->addrcap,
		    sizeof *m->addrs);
		a = &m->addrs[m->naddrs];
		a->key = arena_copy(&m->arena, addr, len, NULL, 0);
		a->len = len;
		a->bits = 0;
		a->in_window = false;
		if (!addr_is_loopback(addr, len))
			m->nonloopback++;
		hashindex_set(&m->addr_ix, s, h, m->naddrs++);
	}
	a = &m->addrs[s->ref - 1];
	if (in_w && !a->in_window) {
		a->in_window = true;
		m->naddr_w++;
	}
	if (day >= 0) {
		if (a->bits == 0) {
			/* Only addresses seen in W carry a day bitset. */
			while (m->nbits + m->daywords > m->bitcap) {
				m->bitcap = m->bitcap ? m->bitcap * 2 : 1024;
				m->bits = xreallocarray(m->bits, m->bitcap,
				    sizeof *m->bits);
			}
			memset(m->bits + m->nbits, 0,
			    m->daywords * sizeof *m->bits);
			a->bits = m->nbits + 1;
			m->nbits += m->daywords;
		}
		word = &m->bits[a->bits - 1 + (size_t)day / 64];
		bit = UINT64_C(1) << (day % 64);
		if ((*word & bit) == 0) {
			*word |= bit;
			m->day_ips[day]++;
		}
	}
	return s->ref - 1;
}

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= UINT64_C(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64_C(0x94d049bb133111eb);
	return x ^ x >> 31;
}

static bool
pair_eq(const void *ctx, uint32_t id)
{
	const struct key_ctx *c = ctx;

	return c->m->pairs[id] == c->key;
}

/* Adds (app, addr) to the per-app address set. Returns true when new. */
static bool
add_pair(struct metrics *m, uint32_t app, uint32_t addr)
{
	struct key_ctx c = { .m = m, .key = (uint64_t)app << 32 | addr };
	uint64_t h = mix64(c.key);
	struct hashindex_slot *s;

	hashindex_reserve(&m->pair_ix);
	s = hashindex_find(&m->pair_ix, h, pair_eq, &c);
	if (s->ref != 0)
		return false;
	m->pairs = xgrowarray(m->pairs, m->npairs, &m->paircap, sizeof *m->pairs);
	m->pairs[m->npairs] = c.key;
	hashindex_set(&m->pair_ix, s, h, m->npairs++);
	return true;
}

static bool
visit_eq(const void *ctx, uint32_t id)
{
	const struct key_ctx *c = ctx;
	const struct visit *v = &c->m->visits[id];

	return v->path_len == c->len && v->id_len == c->len2 &&
	    memcmp(v->key, c->s, c->len) == 0 &&
	    memcmp(v->key + c->len, c->s2, c->len2) == 0;
}

static void
add_visit(struct metrics *m, const char *path, size_t plen, const char *id,
    size_t idlen, int64_t t)
{
	struct key_ctx c = { .m = m, .s = path, .s2 = id, .len = plen,
	    .len2 = idlen };
	uint64_t h = hashindex_fnv1a(id, idlen, hashindex_fnv1a("", 1, hashindex_fnv1a(path, plen,
	    HASHINDEX_FNV_INIT)));
	struct visit *v;
	struct hashindex_slot *s;

	hashindex_reserve(&m->visit_ix);
	s = hashindex_find(&m->visit_ix, h, visit_eq, &c);
	if (s->ref == 0) {
		m->visits = xgrowarray(m->visits, m->nvisits, &m->visitcap,
		    sizeof *m->visits);
		v = &m->visits[m->nvisits];
		v->key = arena_copy(&m->arena, path, plen, id, idlen);
		v->path_len = plen;
		v->id_len = idlen;
		v->first = -1;
		v->app = match_app(m, path, plen);
		hashindex_set(&m->visit_ix, s, h, m->nvisits++);
	}
	v = &m->visits[s->ref - 1];
	if (t != -1 && (v->first == -1 || t < v->first))
		v->first = t;
}

void
metrics_add_request(struct metrics *m, const struct access_record *rec)
{
	int64_t t = rec->time;
	bool in_w = in_window(m, t);
	int day = in_w ? day_index(m, t) : -1;
	uint32_t addr = NO_ID, app = NO_ID;
	const char *q, *vpath, *vid;
	size_t plen = 0, vplen, vidlen;

	m->access_read = true;
	m->requests++;
	if (in_w)
		m->requests_w++;
	if (day >= 0)
		m->day_requests[day]++;
	if (rec->addr != NULL)
		addr = add_addr(m, rec->addr, rec->addr_len, in_w, day);
	if (rec->url == NULL)
		return;
	q = memchr(rec->url, '?', rec->url_len);
	plen = q != NULL ? (size_t)(q - rec->url) : rec->url_len;
	app = match_app(m, rec->url, plen);
	if (app != NO_ID) {
		struct app *a = &m->apps[app];

		a->requests++;
		if (t != -1 && t > a->last_seen)
			a->last_seen = t;
		if (addr != NO_ID && add_pair(m, app, addr))
			a->unique_ips++;
	}
	if (accesslog_sockjs_visit(rec->url, rec->url_len, &vpath, &vplen,
	    &vid, &vidlen))
		add_visit(m, vpath, vplen, vid, vidlen, t);
}

/* ---- report -------------------------------------------------------------- */

/* Apps and session logs meet on the app directory's basename. */
struct group {
	const char	*base;
	size_t		 napps;
	int64_t		 logs, logs_w, crashed, last;
};

struct groups {
	struct group	*v;
	size_t		 n, cap;
	struct hashindex	 ix;
};

struct group_ctx {
	const struct groups	*gs;
	const char		*base;
};

static bool
group_eq(const void *ctx, uint32_t id)
{
	const struct group_ctx *c = ctx;

	return strcmp(c->gs->v[id].base, c->base) == 0;
}

/* Returns the index of base's group, created empty when new. */
static size_t
group_get(struct groups *gs, const char *base)
{
	struct group_ctx c = { gs, base };
	uint64_t h = hashindex_fnv1a(base, strlen(base), HASHINDEX_FNV_INIT);
	struct hashindex_slot *s;

	hashindex_reserve(&gs->ix);
	s = hashindex_find(&gs->ix, h, group_eq, &c);
	if (s->ref != 0)
		return s->ref - 1;
	gs->v = xgrowarray(gs->v, gs->n, &gs->cap, sizeof *gs->v);
	gs->v[gs->n] = (struct group){ base, 0, 0, 0, 0, -1 };
	hashindex_set(&gs->ix, s, h, gs->n);
	return gs->n++;
}

static struct count
count_if(int64_t v, bool known)
{
	return (struct count){ known ? v : 0, known };
}

static int64_t
sort_key(struct count c)
{
	return c.known ? c.value : -1;
}

/* Visits, then requests, then session logs (all descending, unknown as
 * -1), then name. */
static int
row_cmp(const void *pa, const void *pb)
{
	const struct app_row *a = pa, *b = pb;
	int64_t ka, kb;

	if ((ka = sort_key(a->visits)) != (kb = sort_key(b->visits)))
		return ka > kb ? -1 : 1;
	if ((ka = sort_key(a->requests)) != (kb = sort_key(b->requests)))
		return ka > kb ? -1 : 1;
	if ((ka = sort_key(a->session_logs)) != (kb = sort_key(b->session_logs)))
		return ka > kb ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void
fill_session_columns(struct app_row *row, const struct group *g, bool known)
{
	row->session_logs = count_if(g->logs, known);
	row->session_logs_last_month = count_if(g->logs_w, known);
	row->crashed_sessions = count_if(g->crashed, known);
}

void
metrics_report(const struct metrics *m, struct host_report *r)
{
	bool acc = m->access_read, has_addr = acc && m->all_addr;
	bool has_time = acc && m->all_time;
	struct groups gs = { NULL, 0, 0, { NULL, 0, 0 } };
	size_t *app_group = xcalloc(m->napps, sizeof *app_group);
	int64_t *visits = xcalloc(m->napps, sizeof *visits);
	int64_t *visits_w = xcalloc(m->napps, sizeof *visits_w);
	int64_t *day_sessions = xcalloc(m->ndays, sizeof *day_sessions);
	int64_t *day_visits = xcalloc(m->ndays, sizeof *day_visits);
	int64_t sessions_w = 0, crashed = 0, all_visits_w = 0;
	size_t nrows, k;
	int d;

	for (size_t i = 0; i < m->napps; i++) {
		app_group[i] = group_get(&gs, m->apps[i].base);
		gs.v[app_group[i]].napps++;
	}
	for (size_t i = 0; i < m->nsessions; i++) {
		const struct session *se = &m->sessions[i];
		size_t gi = group_get(&gs, se->app);	/* may move gs.v */
		struct group *g = &gs.v[gi];

		g->logs++;
		g->crashed += se->crashed;
		crashed += se->crashed;
		if (se->start > g->last)
			g->last = se->start;
		if (in_window(m, se->start)) {
			g->logs_w++;
			sessions_w++;
			if ((d = day_index(m, se->start)) >= 0)
				day_sessions[d]++;
		}
	}
	for (size_t i = 0; i < m->nvisits; i++) {
		const struct visit *v = &m->visits[i];
		bool w = in_window(m, v->first);

		if (w) {
			all_visits_w++;
			if ((d = day_index(m, v->first)) >= 0)
				day_visits[d]++;
		}
		if (v->app != NO_ID) {
			visits[v->app]++;
			visits_w[v->app] += w;
		}
	}

	r->stats[STAT_TOTAL_SESSIONS] = count_if((int64_t)m->nsessions, true);
	r->stats[STAT_SESSIONS_LAST_MONTH] = count_if(sessions_w, true);
	r->stats[STAT_TOTAL_APPS] = count_if((int64_t)m->napps, true);
	r->stats[STAT_UNIQUE_IPS] = count_if((int64_t)m->naddrs, has_addr);
	r->stats[STAT_UNIQUE_IPS_LAST_MONTH] = count_if((int64_t)m->naddr_w,
	    has_addr && has_time);
	r->stats[STAT_VISITS] = count_if((int64_t)m->nvisits, acc);
	r->stats[STAT_VISITS_LAST_MONTH] = count_if(all_visits_w, has_time);
	r->stats[STAT_REQUESTS] = count_if((int64_t)m->requests, acc);
	r->stats[STAT_REQUESTS_LAST_MONTH] = count_if((int64_t)m->requests_w,
	    has_time);
	r->stats[STAT_CRASHED_SESSIONS] = count_if(crashed, true);
	r->stats[STAT_SKIPPED_LINES] = count_if((int64_t)m->skipped, acc);

	nrows = m->napps;
	for (size_t i = 0; i < gs.n; i++)
		nrows += gs.v[i].napps != 1;
	r->apps = xcalloc(nrows, sizeof *r->apps);
	r->napps = nrows;
	for (k = 0; k < m->napps; k++) {
		const struct app *a = &m->apps[k];
		const struct group *g = &gs.v[app_group[k]];
		struct app_row *row = &r->apps[k];

		row->name = xstrdup(a->name);
		fill_session_columns(row, g, g->napps == 1);
		row->visits = count_if(visits[k], acc);
		row->visits_last_month = count_if(visits_w[k], has_time);
		row->unique_ips = count_if(a->unique_ips, has_addr);
		row->requests = count_if(a->requests, acc);
		row->last_seen = a->last_seen;
		if (g->napps == 1 && g->last > row->last_seen)
			row->last_seen = g->last;
	}
	for (size_t i = 0; i < gs.n; i++) {
		const struct group *g = &gs.v[i];
		struct app_row *row;

		if (g->napps == 1)
			continue;
		row = &r->apps[k++];
		/* One combined row for an ambiguous or unmatched basename. */
		if (g->napps == 0)
			row->name = xasprintf("%s (no app dir)", g->base);
		else
			row->name = xasprintf("%s (%zu apps)", g->base, g->napps);
		fill_session_columns(row, g, true);
		row->last_seen = g->last;
	}
	qsort(r->apps, r->napps, sizeof *r->apps, row_cmp);

	r->days = xcalloc(m->ndays, sizeof *r->days);
	r->ndays = m->ndays;
	for (size_t i = 0; i < m->ndays; i++) {
		struct daily_row *day = &r->days[i];

		tz_civil_from_days(m->day0 + (int64_t)i, &day->year,
		    &day->month, &day->day);
		day->session_logs = count_if(day_sessions[i], true);
		day->visits = count_if(day_visits[i], has_time);
		day->unique_ips = count_if(m->day_ips[i], has_addr && has_time);
		day->requests = count_if(m->day_requests[i], has_time);
	}

	if (m->naddrs > 0 && m->nonloopback == 0)
		report_warn(r, "every client address is loopback: a reverse "
		    "proxy hides the real clients (Unique IPs counts the "
		    "proxy)");
	if (m->nsessions == 0)
		report_warn(r, "no session logs found: is preserve_logs on in "
		    "shiny-server.conf? Without it Shiny Server deletes each "
		    "worker's log when it stops");

	free(gs.v);
	free(gs.ix.slots);
	free(app_group);
	free(visits);
	free(visits_w);
	free(day_sessions);
	free(day_visits);
}

/*
 * shiny-server.conf: tokenizer, parser and the facts shiny-usage needs.
 *
 * The syntax follows Shiny Server's lib/config/lexer.js and parser.js: a
 * word runs until whitespace, '{', '}', ';', '#', a quote or a control
 * character; '#' starts a comment to the end of the line; "..." and '...'
 * are one word each, in which a backslash takes the next byte literally;
 * a directive is a word followed by words and ended by ';' or by a '{}'
 * block. The file is parsed into a tree first, because log_dir applies to
 * a whole block whatever its place in it, and then walked.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shinyconf.h"
#include "strlist.h"
#include "xmalloc.h"

/* Deeper nesting than any real config; bounds recursion on hostile input. */
#define SHINYCONF_MAX_DEPTH 32
/* More site_dir, app_dir and log_dir directives than any real config; the
 * deduplication is quadratic in them. */
#define SHINYCONF_MAX_PATHS 4096

struct node {
	char		 *name;
	char		**args;
	size_t		  nargs;
	size_t		  argscap;
	struct node	**children;
	size_t		  nchildren;
	size_t		  childrencap;
	int		  line;
	bool		  block;
};

enum token_type { TOK_WORD, TOK_OPEN, TOK_CLOSE, TOK_SEMI, TOK_EOF };

struct token {
	enum token_type	 type;
	char		*word;	/* TOK_WORD only; owned by the receiver */
	int		 line;
};

struct lexer {
	const char	*p;
	const char	*end;
	int		 line;
	char		**cause;
};

/* A growable byte buffer for quoted words. */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
buf_add(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

/* Control characters other than tab, newline and carriage return are
 * refused, as Shiny Server's lexer refuses them. */
static bool
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
}

static bool
is_word_byte(unsigned char c)
{
	if (is_control(c))
		return false;
	return strchr(" \t\r\n{};#'\"", c) == NULL;
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	free(n->name);
	for (size_t i = 0; i < n->nargs; i++)
		free(n->args[i]);
	free(n->args);
	for (size_t i = 0; i < n->nchildren; i++)
		node_free(n->children[i]);
	free(n->children);
	free(n);
}

static void
node_add_child(struct node *parent, struct node *child)
{
	if (parent->nchildren == parent->childrencap) {
		parent->childrencap = parent->childrencap ?
		    parent->childrencap * 2 : 8;
		parent->children = xreallocarray(parent->children,
		    parent->childrencap, sizeof *parent->children);
	}
	parent->children[parent->nchildren++] = child;
}

static void
node_add_arg(struct node *n, char *arg)
{
	if (n->nargs == n->argscap) {
		n->argscap = n->argscap ? n->argscap * 2 : 4;
		n->args = xreallocarray(n->args, n->argscap, sizeof *n->args);
	}
	n->args[n->nargs++] = arg;
}

/*
 * Reads a quoted word; lx->p is on the opening quote. Returns the word
 * (allocated, the caller frees) or NULL with *lx->cause set when the
 * closing quote is missing.
 */
static char *
lex_quoted(struct lexer *lx)
{
	struct buf b = { xmalloc(64), 0, 64 };
	char quote = *lx->p++;
	int start = lx->line;

	b.s[0] = '\0';
	while (lx->p < lx->end) {
		char c = *lx->p++;

		if (c == quote)
			return b.s;
		if (c == '\\') {
			if (lx->p == lx->end)
				break;
			c = *lx->p++;
		}
		if (c == '\n')
			lx->line++;
		buf_add(&b, c);
	}
	free(b.s);
	*lx->cause = xasprintf("line %d: quoted string never closed (no "
	    "closing %c)", start,
	    quote);
	return NULL;
}

/*
 * Reads the next token into *t, skipping whitespace and comments.
 * Returns 0, or -1 with *lx->cause set (control character, unterminated
 * quote).
 */
static int
lex_next(struct lexer *lx, struct token *t)
{
	const char *start;
	unsigned char c;

	t->word = NULL;
	for (;;) {
		if (lx->p == lx->end) {
			t->type = TOK_EOF;
			t->line = lx->line;
			return 0;
		}
		c = (unsigned char)*lx->p;
		if (c == '\n') {
			lx->line++;
			lx->p++;
		} else if (c == ' ' || c == '\t' || c == '\r')
			lx->p++;
		else if (c == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else
			break;
	}

	t->line = lx->line;
	switch (c) {
	case '{':
		t->type = TOK_OPEN;
		lx->p++;
		return 0;
	case '}':
		t->type = TOK_CLOSE;
		lx->p++;
		return 0;
	case ';':
		t->type = TOK_SEMI;
		lx->p++;
		return 0;
	case '"':
	case '\'':
		t->type = TOK_WORD;
		t->word = lex_quoted(lx);
		return t->word == NULL ? -1 : 0;
	}
	if (is_control(c)) {
		*lx->cause = xasprintf("line %d: invalid control character "
		    "0x%02x", lx->line, c);
		return -1;
	}
	start = lx->p;
	while (lx->p < lx->end && is_word_byte((unsigned char)*lx->p))
		lx->p++;
	t->type = TOK_WORD;
	t->word = xstrndup(start, (size_t)(lx->p - start));
	return 0;
}

static int parse_block(struct lexer *, struct node *, int, int, bool);

/*
 * Reads the rest of one directive whose name is already in n: arguments,
 * then ';' or a block. Returns 0, or -1 with *lx->cause set.
 */
static int
parse_directive(struct lexer *lx, struct node *n, int depth)
{
	struct token t;

	for (;;) {
		if (lex_next(lx, &t) != 0)
			return -1;
		switch (t.type) {
		case TOK_WORD:
			node_add_arg(n, t.word);
			break;
		case TOK_SEMI:
			return 0;
		case TOK_OPEN:
			n->block = true;
			if (depth + 1 > SHINYCONF_MAX_DEPTH) {
				*lx->cause = xasprintf("line %d: blocks nested "
				    "too deeply", t.line);
				return -1;
			}
			return parse_block(lx, n, depth + 1, n->line, false);
		case TOK_CLOSE:
			*lx->cause = xasprintf("line %d: unexpected '}' "
			    "(missing ';' after \"%.40s\"?)", t.line, n->name);
			return -1;
		case TOK_EOF:
			*lx->cause = xasprintf("line %d: directive \"%.40s\" "
			    "does not end with ';'", n->line, n->name);
			return -1;
		}
	}
}

/*
 * Reads directives into parent until its closing '}' (or the end of the
 * data at the root). open_line is the line of the directive that opened
 * the block, for the error when it never closes. Returns 0, or -1 with
 * *lx->cause set.
 */
static int
parse_block(struct lexer *lx, struct node *parent, int depth, int open_line,
    bool at_root)
{
	struct token t;
	struct node *n;

	for (;;) {
		if (lex_next(lx, &t) != 0)
			return -1;
		switch (t.type) {
		case TOK_EOF:
			if (at_root)
				return 0;
			*lx->cause = xasprintf("line %d: block of \"%.40s\" "
			    "is never closed", open_line, parent->name);
			return -1;
		case TOK_CLOSE:
			if (!at_root)
				return 0;
			*lx->cause = xasprintf("line %d: unexpected '}'",
			    t.line);
			return -1;
		case TOK_SEMI:
			continue;	/* an empty statement */
		case TOK_OPEN:
			*lx->cause = xasprintf("line %d: unexpected '{' "
			    "without a directive name", t.line);
			return -1;
		case TOK_WORD:
			n = xcalloc(1, sizeof *n);
			n->name = t.word;
			n->line = t.line;
			node_add_child(parent, n);
			if (parse_directive(lx, n, depth) != 0)
				return -1;
			break;
		}
	}
}

/* Shiny Server's Boolean: 1 for true/yes/on, 0 for false/no/off, -1 for
 * anything else. */
static int
word_bool(const char *s)
{
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "on") == 0)
		return 1;
	if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "off") == 0)
		return 0;
	return -1;
}

/* First child of n named name with at least min_args arguments, or NULL. */
static const struct node *
find_child(const struct node *n, const char *name, size_t min_args)
{
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct node *c = n->children[i];

		if (strcmp(c->name, name) == 0 && c->nargs >= min_args)
			return c;
	}
	return NULL;
}

/* A copy of a directory path without trailing '/' (but "/" stays "/"),
 * so "/var/log/x/" and "/var/log/x" are one dir. Allocated. */
static char *
dir_clean(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return xstrndup(path, n);
}

/*
 * Joins a location path onto its parent's as Shiny Server's
 * deriveLocationPath does, and normalises the result to start and end
 * with '/' with no empty segments ("/apps" + "hello" -> "/apps/hello/").
 * Returns an allocated string.
 */
static char *
url_join(const char *parent, const char *child)
{
	size_t n = strlen(parent) + strlen(child) + 3, o = 0;
	char *tmp = xasprintf("/%s/%s/", parent, child), *out = xmalloc(n);

	for (size_t i = 0; tmp[i] != '\0'; i++) {
		if (tmp[i] == '/' && o > 0 && out[o - 1] == '/')
			continue;
		out[o++] = tmp[i];
	}
	out[o] = '\0';
	free(tmp);
	return out;
}

/* What the walk collects: sites, and the log_dir in effect for each. */
struct walk {
	struct shinyconf_site	*v;
	size_t			 n;
	struct strlist		*log_dirs;
};

static void
add_dir_once(struct strlist *l, const char *dir)
{
	char *clean = dir_clean(dir);

	if (strlist_contains(l, clean))
		free(clean);
	else
		strlist_add_owned(l, clean);
}

/* Adds a site unless the same one is listed; its log_dir (NULL when none
 * is in effect) is recorded either way, since two servers may serve one
 * dir and write logs to two places. */
static void
walk_add_site(struct walk *w, const char *url, const char *dir,
    bool single_app, const char *log_dir)
{
	char *clean;

	if (*dir == '\0')
		return;
	if (log_dir != NULL)
		add_dir_once(w->log_dirs, log_dir);
	clean = dir_clean(dir);
	for (size_t i = 0; i < w->n; i++) {
		struct shinyconf_site *s = &w->v[i];

		if (s->single_app == single_app &&
		    strcmp(s->url_prefix, url) == 0 &&
		    strcmp(s->dir, clean) == 0) {
			free(clean);
			return;
		}
	}
	w->v = xreallocarray(w->v, w->n + 1, sizeof *w->v);
	w->v[w->n].url_prefix = xstrdup(url);
	w->v[w->n].dir = clean;
	w->v[w->n].single_app = single_app;
	w->n++;
}

/*
 * Collects the sites under n (the root, a server or a location whose URL
 * path is url) with log_dir inherited from the enclosing blocks. Only
 * blocks that Shiny Server nests (server, location) are entered; the
 * parser bounded the depth.
 */
static void
walk_sites(const struct node *n, const char *url, bool is_location,
    const char *inherited_log_dir, struct walk *w)
{
	const struct node *ld = find_child(n, "log_dir", 1);
	const char *log_dir = inherited_log_dir;
	char *child_url;

	if (ld != NULL && ld->args[0][0] != '\0')
		log_dir = ld->args[0];
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct node *c = n->children[i];

		if (c->nargs >= 1 && !c->block &&
		    strcmp(c->name, "site_dir") == 0)
			walk_add_site(w, url, c->args[0], false, log_dir);
		else if (c->nargs >= 1 && !c->block &&
		    strcmp(c->name, "app_dir") == 0)
			walk_add_site(w, url, c->args[0], true, log_dir);
		else if (c->block && strcmp(c->name, "server") == 0)
			walk_sites(c, "/", false, log_dir, w);
		else if (c->block && c->nargs >= 1 &&
		    strcmp(c->name, "location") == 0) {
			/* A location path continues its parent location's
			 * path; under a server it starts from "/". */
			child_url = url_join(is_location ? url : "",
			    c->args[0]);
			walk_sites(c, child_url, true, log_dir, w);
			free(child_url);
		}
	}
}

/* Every log_dir directive anywhere, in file order, cleaned and deduped. */
static void
collect_all_log_dirs(const struct node *n, struct strlist *out)
{
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct node *c = n->children[i];

		if (!c->block && c->nargs >= 1 && c->args[0][0] != '\0' &&
		    strcmp(c->name, "log_dir") == 0)
			add_dir_once(out, c->args[0]);
		collect_all_log_dirs(c, out);
	}
}

/* True when user_dirs or user_apps is enabled anywhere below n (they
 * take an optional Boolean that defaults to on). */
static bool
find_user_dirs(const struct node *n)
{
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct node *c = n->children[i];

		if (strcmp(c->name, "user_dirs") == 0 ||
		    strcmp(c->name, "user_apps") == 0) {
			if (c->nargs == 0 || word_bool(c->args[0]) != 0)
				return true;
		}
		if (find_user_dirs(c))
			return true;
	}
	return false;
}

/* Counts site_dir, app_dir and log_dir directives below n; sets *line to
 * the line of the one that passes limit. */
static size_t
count_paths(const struct node *n, size_t count, int *line)
{
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct node *c = n->children[i];

		if (strcmp(c->name, "site_dir") == 0 ||
		    strcmp(c->name, "app_dir") == 0 ||
		    strcmp(c->name, "log_dir") == 0) {
			if (++count == SHINYCONF_MAX_PATHS + 1)
				*line = c->line;
		}
		count = count_paths(c, count, line);
	}
	return count;
}

/* Fills out from the parsed tree. Returns 0, or -1 with *cause set when
 * the tree holds more paths than a config can sensibly have. */
static int
interpret(const struct node *root, struct shinyconf *out, char **cause)
{
	const struct node *n;
	struct walk w = { NULL, 0, NULL };
	int line = 0;

	if (count_paths(root, 0, &line) > SHINYCONF_MAX_PATHS) {
		*cause = xasprintf("line %d: more than %d site_dir, app_dir "
		    "and log_dir directives", line, SHINYCONF_MAX_PATHS);
		return -1;
	}

	if ((n = find_child(root, "run_as", 1)) != NULL)
		out->run_as = xstrdup(n->args[0]);
	if ((n = find_child(root, "access_log", 1)) != NULL &&
	    n->args[0][0] != '\0') {
		out->access_log = xstrdup(n->args[0]);
		if (n->nargs >= 2)
			out->access_log_format = xstrdup(n->args[1]);
	}
	if ((n = find_child(root, "preserve_logs", 0)) != NULL)
		out->preserve_logs = n->nargs == 0 ? 1 : word_bool(n->args[0]);
	out->user_dirs = find_user_dirs(root);

	w.log_dirs = &out->log_dirs;
	walk_sites(root, "/", false, NULL, &w);
	out->sites = w.v;
	out->nsites = w.n;

	/* With no site to tie them to, every log_dir written is a lead. */
	if (w.n == 0)
		collect_all_log_dirs(root, &out->log_dirs);
	return 0;
}

int
shinyconf_parse(const char *buf, size_t len, struct shinyconf *out,
    char **cause)
{
	struct node *root;
	struct lexer lx;
	char *dummy = NULL;

	memset(out, 0, sizeof *out);
	out->preserve_logs = -1;
	if (cause == NULL)
		cause = &dummy;
	*cause = NULL;
	if (len > SHINYCONF_MAX_SIZE) {
		*cause = xasprintf("%zu bytes is too large for a "
		    "shiny-server.conf (limit %d)", len, SHINYCONF_MAX_SIZE);
		free(dummy);
		return -1;
	}

	root = xcalloc(1, sizeof *root);
	root->name = xstrdup("(top level)");
	lx.p = buf;
	lx.end = buf == NULL ? buf : buf + len;
	lx.line = 1;
	lx.cause = cause;
	if (parse_block(&lx, root, 0, 1, true) != 0) {
		node_free(root);
		free(dummy);
		return -1;
	}
	if (interpret(root, out, cause) != 0) {
		node_free(root);
		free(dummy);
		return -1;
	}
	node_free(root);
	return 0;
}

void
shinyconf_free(struct shinyconf *sc)
{
	if (sc == NULL)
		return;
	free(sc->run_as);
	for (size_t i = 0; i < sc->nsites; i++) {
		free(sc->sites[i].url_prefix);
		free(sc->sites[i].dir);
	}
	free(sc->sites);
	strlist_clear(&sc->log_dirs);
	free(sc->access_log);
	free(sc->access_log_format);
	memset(sc, 0, sizeof *sc);
	sc->preserve_logs = -1;
}

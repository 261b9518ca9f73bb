/* Line splitting over arbitrary chunks, long lines, and gzip members. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "linereader.h"
#include "tap.h"

/* What the callback saw, as "line|line|T:trunc|" text. */
struct seen {
	char	 text[4096];
	size_t	 len;
	int	 calls;
	int	 stop_at;	/* return 7 on this call (1-based), 0: never */
	bool	 bad_nul;
};

static int
collect(void *arg, char *line, size_t len, bool truncated)
{
	struct seen	*s = arg;
	int		 w;

	s->calls++;
	if (line[len] != '\0' || strlen(line) != len)
		s->bad_nul = true;
	w = snprintf(s->text + s->len, sizeof s->text - s->len, "%s%.*s|",
	    truncated ? "T:" : "", (int)len, line);
	if (w > 0 && (size_t)w < sizeof s->text - s->len)
		s->len += (size_t)w;
	return s->stop_at == s->calls ? 7 : 0;
}

/* Feeds data split at the given offsets (a sorted list, n of them) and
 * finishes. Returns the last non-zero result, or 0. */
static int
run(bool gz, size_t max_line, const char *data, size_t len,
    const size_t *cuts, size_t ncuts, struct seen *s, char **cause)
{
	struct linereader	*lr;
	size_t			 from = 0, to;
	int			 rv = 0;

	memset(s, 0, sizeof *s);
	*cause = NULL;
	lr = linereader_new(gz, max_line, collect, s);
	for (size_t i = 0; i <= ncuts && rv == 0; i++) {
		to = i < ncuts ? cuts[i] : len;
		rv = linereader_feed(lr, data + from, to - from, cause);
		from = to;
	}
	if (rv == 0)
		rv = linereader_finish(lr, cause);
	linereader_free(lr);
	return rv;
}

/* Runs data cut at every single offset and byte by byte; every run must
 * see want. Returns true when all did. */
static bool
all_cuts(bool gz, size_t max_line, const char *data, size_t len,
    const char *want, const char *what)
{
	struct seen	 s;
	size_t		 cut, *bytes;
	char		*cause;
	bool		 good = true;
	int		 rv;

	for (cut = 0; cut <= len; cut++) {
		rv = run(gz, max_line, data, len, &cut, 1, &s, &cause);
		if (rv != 0 || strcmp(s.text, want) != 0 || s.bad_nul) {
			printf("# %s: cut at %zu: rv %d \"%s\" (%s)\n", what,
			    cut, rv, s.text, cause ? cause : "");
			good = false;
		}
		free(cause);
	}
	bytes = calloc(len + 1, sizeof *bytes);
	for (cut = 0; cut < len; cut++)
		bytes[cut] = cut + 1;
	rv = run(gz, max_line, data, len, bytes, len, &s, &cause);
	if (rv != 0 || strcmp(s.text, want) != 0) {
		printf("# %s: byte by byte: \"%s\"\n", what, s.text);
		good = false;
	}
	free(cause);
	free(bytes);
	return good;
}

/* Compresses data as one gzip member appended to out. Returns its size. */
static size_t
gzip_member(const char *data, size_t len, unsigned char *out, size_t cap)
{
	z_stream	 z;
	size_t		 n;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		return 0;
	}
	n = cap - z.avail_out;
	deflateEnd(&z);
	return n;
}

static void
test_plain(void)
{
	static const char in[] = "a\nbb\n\nccc\r\n\rd\r\nlast";
	struct seen	 s;
	char		*cause, *big;
	size_t		 n;
	int		 rv;

	ok(all_cuts(false, 100, in, sizeof in - 1, "a|bb||ccc|\rd|last|",
	    "plain"), "every chunk boundary: same lines, CR stripped, "
	    "final line without newline");
	ok(all_cuts(false, 100, "x\n", 2, "x|", "one"),
	    "a final newline adds no empty line");
	ok(all_cuts(false, 100, "", 0, "", "empty"), "empty input, no line");
	ok(all_cuts(false, 100, "\n\n", 2, "||", "blank"),
	    "blank lines are delivered (empty)");

	/* max_line 4. */
	ok(all_cuts(false, 4, "0123456789\nab\n", 14, "T:0123|ab|", "long"),
	    "a long line: once, truncated to max_line, then the next line");
	ok(all_cuts(false, 4, "abcd\nabcd\r\nabcde\nabcd\rX\n", 24,
	    "abcd|abcd|T:abcd|T:abcd|", "edge"),
	    "max_line exactly, with CR, one over, CR inside");
	ok(all_cuts(false, 4, "ok\n0123456789", 13, "ok|T:0123|", "tail"),
	    "a long last line without newline");

	/* 8 MB without a newline: one callback, memory stays max_line. */
	n = 8 * 1024 * 1024;
	big = malloc(n);
	memset(big, 'z', n);
	rv = run(false, 1024, big, n, NULL, 0, &s, &cause);
	ok(rv == 0 && s.calls == 1 && strncmp(s.text, "T:zzz", 5) == 0 &&
	    s.len == 1024 + 3, "8 MB line: one truncated callback");
	free(cause);
	free(big);

	/* The callback stops the reader. */
	memset(&s, 0, sizeof s);
	{
		struct linereader	*lr;

		s.stop_at = 2;
		lr = linereader_new(false, 100, collect, &s);
		rv = linereader_feed(lr, "1\n2\n3\n", 6, &cause);
		is_int(rv, 7, "callback's non-zero value is returned");
		is_int(s.calls, 2, "no line after the stop");
		linereader_free(lr);
	}
}

static void
test_gzip(void)
{
	unsigned char	 gz[4096], bad[4096];
	size_t		 n1, n2, n;
	struct seen	 s;
	char		*cause;
	int		 rv;

	n1 = gzip_member("alpha\nbeta\r\n", 12, gz, sizeof gz);
	n2 = gzip_member("gamma\ndel", 9, gz + n1, sizeof gz - n1);
	n = n1 + n2;
	n += gzip_member("ta\nlast", 7, gz + n, sizeof gz - n);
	ok(n1 > 0 && n2 > 0, "gzip members made");
	ok(all_cuts(true, 100, (char *)gz, n, "alpha|beta|gamma|delta|last|",
	    "gzip"), "three gzip members, a line across members, "
	    "every chunk boundary");
	ok(all_cuts(true, 3, (char *)gz, n, "T:alp|T:bet|T:gam|T:del|T:las|",
	    "gzip long"), "long lines inside gzip");
	ok(all_cuts(true, 100, "", 0, "", "gzip empty"),
	    "empty gzip input: no line, no error");

	/* Corrupt: a flipped byte inside the deflate data. */
	memcpy(bad, gz, n);
	bad[n1 / 2] ^= 0x55;
	rv = run(true, 100, (char *)bad, n, NULL, 0, &s, &cause);
	ok(rv == -1 && cause != NULL, "corrupt gzip is an error (%s)",
	    cause ? cause : "");
	free(cause);

	/* Not gzip at all. */
	rv = run(true, 100, "plain text\n", 11, NULL, 0, &s, &cause);
	ok(rv == -1 && cause != NULL, "plain text is not gzip");
	free(cause);

	/* Trailing garbage after the last member. */
	memcpy(bad, gz, n);
	memcpy(bad + n, "garbage!", 8);
	rv = run(true, 100, (char *)bad, n + 8, NULL, 0, &s, &cause);
	ok(rv == -1 && cause != NULL, "trailing garbage is an error");
	ok(strncmp(s.text, "alpha|beta|gamma|delta|", 23) == 0,
	    "lines before the garbage were delivered");
	free(cause);

	/* Truncated: the feed is fine, finish says it was cut short. */
	{
		struct linereader	*lr;

		memset(&s, 0, sizeof s);
		lr = linereader_new(true, 100, collect, &s);
		rv = linereader_feed(lr, (char *)gz, n - 5, &cause);
		is_int(rv, 0, "truncated gzip: feeding is fine");
		cause = NULL;
		rv = linereader_finish(lr, &cause);
		ok(rv == -1 && cause != NULL, "truncated gzip: finish fails "
		    "(%s)", cause ? cause : "");
		free(cause);
		linereader_free(lr);
	}

	/* Cut inside the second member's header. */
	rv = run(true, 100, (char *)gz, n1 + 4, NULL, 0, &s, &cause);
	ok(rv == -1 && strcmp(s.text, "alpha|beta|") == 0,
	    "cut inside a member header: lines so far, then an error");
	free(cause);
}

/* Counts lines and checks they come in order. */
struct counted {
	size_t	 n;
	bool	 order;
};

static int
count(void *arg, char *line, size_t len, bool truncated)
{
	struct counted	*c = arg;
	char		 want[32];
	int		 w;

	w = snprintf(want, sizeof want, "line %zu", c->n);
	if (truncated || (size_t)w != len || memcmp(line, want, len) != 0)
		c->order = false;
	c->n++;
	return 0;
}

static void
test_gzip_big(void)
{
	struct linereader	*lr;
	struct counted		 c = { 0, true };
	size_t			 lines = 300000, len = 0, zlen, i;
	char			*plain, *cause = NULL;
	unsigned char		*z;
	int			 rv = 0;

	plain = malloc(lines * 16);
	for (i = 0; i < lines; i++)
		len += (size_t)snprintf(plain + len, 16, "line %zu\n", i);
	z = malloc(len);
	zlen = gzip_member(plain, len, z, len);
	lr = linereader_new(true, 64, count, &c);
	/* Small input chunks inflate to many full output buffers. */
	for (i = 0; i < zlen && rv == 0; i += 1000)
		rv = linereader_feed(lr, (char *)z + i,
		    zlen - i < 1000 ? zlen - i : 1000, &cause);
	if (rv == 0)
		rv = linereader_finish(lr, &cause);
	ok(zlen > 0 && rv == 0 && c.n == lines && c.order,
	    "%zu lines from %zu gzip bytes, in order", c.n, zlen);
	free(cause);
	linereader_free(lr);
	free(z);
	free(plain);
}

int
main(void)
{
	test_plain();
	test_gzip();
	test_gzip_big();
	return done_testing();
}

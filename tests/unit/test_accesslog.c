/* Access-log parser: the real sample files of every format, then hostile
 * and malformed input. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accesslog.h"
#include "tap.h"

#define FIXTURES "tests/fixtures/real-shiny-server/formats"

struct sample {
	char	*data;
	char	**lines;
	size_t	*lens;
	size_t	 n;
};

/* Reads a fixture into lines (split on '\n', not modified). */
static bool
sample_read(struct sample *s, const char *rel)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	FILE		*fp;
	long		 size;
	char		*p, *end, *nl;

	memset(s, 0, sizeof *s);
	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	if ((fp = fopen(path, "rb")) == NULL) {
		printf("# cannot open %s\n", path);
		return false;
	}
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	rewind(fp);
	s->data = malloc((size_t)size + 1);
	if (fread(s->data, 1, (size_t)size, fp) != (size_t)size) {
		fclose(fp);
		return false;
	}
	fclose(fp);
	s->data[size] = '\0';
	s->lines = calloc((size_t)size + 1, sizeof *s->lines);
	s->lens = calloc((size_t)size + 1, sizeof *s->lens);
	for (p = s->data, end = s->data + size; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		s->lines[s->n] = p;
		s->lens[s->n++] = (size_t)(nl - p);
	}
	return true;
}

static void
sample_free(struct sample *s)
{
	free(s->data);
	free(s->lines);
	free(s->lens);
}

/* Parses a copy of a string. Returns the parser's verdict. */
static bool
parse_str(const struct accesslog_format *f, const char *line,
    struct access_record *rec, char *buf, size_t bufsz)
{
	size_t	 len = strlen(line);

	if (len >= bufsz)
		return false;
	memcpy(buf, line, len + 1);
	return accesslog_parse_line(f, buf, len, rec);
}

static struct accesslog_format *
fmt(const char *spec)
{
	struct accesslog_format	*f;
	char			*cause = NULL;

	f = accesslog_format_new(spec, &cause);
	if (f == NULL) {
		printf("# format \"%s\": %s\n", spec, cause);
		free(cause);
	}
	return f;
}

/* Checks a real sample file: every line parses, the distinct addresses,
 * the visits, and the first line's time. */
static void
check_sample(const char *dir, const char *spec, size_t want_lines,
    size_t want_addrs, int64_t want_time)
{
	struct accesslog_format	*f = fmt(spec);
	struct access_record	 rec;
	struct sample		 s;
	char			 rel[256], addrs[16][64], *buf;
	const char		*app, *id;
	size_t			 parsed = 0, naddr = 0, visits = 0, i, k;
	size_t			 app_len, id_len, reconnects = 0;
	int64_t			 first_time = -2;
	bool			 seen, all_null = true;

	snprintf(rel, sizeof rel, "%s/log-formats/%s/access.log", FIXTURES,
	    dir);
	if (!ok(f != NULL && sample_read(&s, rel), "%s: format and sample",
	    dir)) {
		accesslog_format_free(f);
		return;
	}
	is_int(s.n, want_lines, "%s: %zu lines in the sample", dir,
	    want_lines);
	for (i = 0; i < s.n; i++) {
		buf = malloc(s.lens[i] + 1);
		memcpy(buf, s.lines[i], s.lens[i]);
		if (!accesslog_parse_line(f, buf, s.lens[i], &rec)) {
			printf("# %s: line %zu does not parse\n", dir, i + 1);
			free(buf);
			continue;
		}
		parsed++;
		if (i == 0)
			first_time = rec.time;
		/* The last line has the unescaped quotes in combined. */
		if (i == s.n - 1)
			ok(rec.status == 200 && rec.url_len == 17 &&
			    memcmp(rec.url, "/static/notes.txt", 17) == 0 &&
			    rec.method_len == 3 &&
			    memcmp(rec.method, "GET", 3) == 0,
			    "%s: last line's method, url and status", dir);
		if (rec.addr != NULL) {
			all_null = false;
			seen = false;
			for (k = 0; k < naddr; k++)
				if (strlen(addrs[k]) == rec.addr_len &&
				    memcmp(addrs[k], rec.addr, rec.addr_len) == 0)
					seen = true;
			if (!seen && naddr < 16 && rec.addr_len < 64) {
				memcpy(addrs[naddr], rec.addr, rec.addr_len);
				addrs[naddr++][rec.addr_len] = '\0';
			}
		}
		if (accesslog_sockjs_visit(rec.url, rec.url_len, &app,
		    &app_len, &id, &id_len))
			visits++;
		else if (memmem(rec.url, rec.url_len, "__sockjs__/o=", 13))
			reconnects++;
		free(buf);
	}
	is_int(parsed, want_lines, "%s: every line parses", dir);
	is_int(naddr, want_addrs, "%s: distinct addresses", dir);
	if (want_addrs == 4) {
		for (k = 0, seen = true; k < naddr; k++) {
			snprintf(rel, sizeof rel, "127.0.0.%zu", k + 2);
			seen = seen && strcmp(addrs[k], rel) == 0;
		}
		ok(seen, "%s: addresses 127.0.0.2 .. 127.0.0.5", dir);
	} else
		ok(all_null && !accesslog_format_has_addr(f),
		    "%s: no address in any record", dir);
	is_int(visits, 2, "%s: two sockjs n= visits", dir);
	is_int(reconnects, strcmp(dir, "dev") == 0 ? 1 : 0,
	    "%s: o= reconnects are not visits", dir);
	is_int(first_time, want_time, "%s: first line's time", dir);
	is_int(accesslog_format_has_time(f), want_time != -1,
	    "%s: has_time", dir);
	accesslog_format_free(f);
	sample_free(&s);
}

/* The access_log format string as written in the sample's conf. */
static char *
custom_spec(void)
{
	struct sample	 s;
	char		*spec = NULL, *q1, *q2;

	if (!sample_read(&s, FIXTURES "/etc/shiny-server-custom.conf"))
		return NULL;
	for (size_t i = 0; i < s.n; i++) {
		if (strncmp(s.lines[i], "access_log ", 11) != 0)
			continue;
		q1 = memchr(s.lines[i], '\'', s.lens[i]);
		q2 = q1 ? memchr(q1 + 1, '\'', s.lens[i] - 1 -
		    (size_t)(q1 - s.lines[i])) : NULL;
		if (q2 != NULL)
			spec = strndup(q1 + 1, (size_t)(q2 - q1 - 1));
	}
	sample_free(&s);
	return spec;
}

static void
check_detect(const char *dir, const char *want)
{
	struct accesslog_format	*f;
	struct sample		 s;
	char			 rel[256];
	size_t			 n;

	snprintf(rel, sizeof rel, "%s/log-formats/%s/access.log", FIXTURES,
	    dir);
	if (!sample_read(&s, rel)) {
		ok(0, "detect %s: sample", dir);
		return;
	}
	n = s.n < 20 ? s.n : 20;
	f = accesslog_detect(s.lines, s.lens, n);
	is_str(f ? accesslog_format_name(f) : NULL, want, "detect %s", dir);
	if (strcmp(dir, "dev") == 0)
		ok(memchr(s.lines[0], '\033', s.lens[0]) != NULL,
		    "detect leaves the sample lines alone");
	accesslog_format_free(f);
	sample_free(&s);
}

static void
test_samples(void)
{
	struct accesslog_format	*f;
	char			*spec;

	check_sample("default", "default", 38, 4, 1796397683);
	check_sample("default", "combined", 38, 4, 1796397683);	/* same */
	check_sample("common", "common", 38, 4, 1796397721);
	check_sample("short", "short", 38, 4, -1);
	check_sample("tiny", "tiny", 38, 0, -1);
	check_sample("dev", "dev", 39, 0, -1);

	spec = custom_spec();
	ok(spec != NULL && strstr(spec, ":date[iso]") != NULL,
	    "custom format string read from the sample conf");
	if (spec != NULL) {
		check_sample("custom", spec, 38, 4, 1796397872);
		f = fmt(spec);
		is_str(f ? accesslog_format_name(f) : NULL, spec,
		    "custom format is named by its string");
		accesslog_format_free(f);
	}
	free(spec);

	check_detect("default", "combined");
	check_detect("common", "common");
	check_detect("short", "short");
	check_detect("tiny", "tiny");
	check_detect("dev", "dev");
	check_detect("custom", NULL);
}

static void
test_fields(void)
{
	struct accesslog_format	*f = fmt("combined"), *c = fmt("common");
	struct access_record	 rec;
	char			 buf[1024];
	bool			 r;

	r = parse_str(f, "::ffff:203.0.113.7 - - [05/Mar/2024:14:02:11 +0000] "
	    "\"GET /hello/?a=1 HTTP/1.1\" 200 - \"-\" \"Mozilla/5.0 (X)\"",
	    &rec, buf, sizeof buf);
	ok(r, "::ffff: line parses");
	ok(r && rec.addr_len == 11 && memcmp(rec.addr, "203.0.113.7", 11) == 0,
	    "::ffff:a.b.c.d folds to a.b.c.d");
	ok(r && rec.addr == buf + 7, "folded addr points past the prefix");
	is_int(rec.time, 1709647331, "clf time");
	is_int(rec.status, 200, "status");
	ok(rec.method_len == 3 && memcmp(rec.method, "GET", 3) == 0, "method");
	ok(rec.url_len == 11 && memcmp(rec.url, "/hello/?a=1", 11) == 0,
	    "url with query");

	r = parse_str(f, "::1 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf);
	ok(r && rec.addr_len == 3 && memcmp(rec.addr, "::1", 3) == 0,
	    "IPv6 ::1 kept as is");
	r = parse_str(f, "::FFFF:10.0.0.1 - - [05/Mar/2024:14:02:11 +0000] "
	    "\"GET / HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf);
	ok(r && rec.addr_len == 8, "::FFFF: folds too");
	r = parse_str(f, "::ffff:abcd - - [05/Mar/2024:14:02:11 +0000] "
	    "\"GET / HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf);
	ok(r && rec.addr_len == 11, "::ffff:abcd (not IPv4) is not folded");
	ok(!parse_str(f, "- - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "address \"-\" does not parse");

	r = parse_str(f, "1.2.3.4 - bob [05/Mar/2024:15:02:11 +0100] \"POST "
	    "/x HTTP/2.0\" 404 512 \"http://a/?q=\"x\" \" \"evil \"quoted\" "
	    "agent\"", &rec, buf, sizeof buf);
	ok(r, "quotes inside referrer and user agent");
	is_int(rec.time, 1709647331, "clf offset +0100 applied");
	is_int(rec.status, 404, "status 404");
	r = parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"\" \"\"", &rec, buf, sizeof buf);
	ok(r, "empty referrer and user agent");
	r = parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"tab\there\"", &rec, buf, sizeof buf);
	ok(r, "tab inside the user agent");
	r = parse_str(f, "1.2.3.4 - - [29/Feb/2024:00:00:00 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf);
	ok(r && rec.time == 1709164800, "29 Feb in a leap year");

	/* Malformed lines. */
	ok(!parse_str(f, "", &rec, buf, sizeof buf), "empty line");
	ok(!parse_str(f, "hello world", &rec, buf, sizeof buf), "garbage");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 -", &rec, buf, sizeof buf),
	    "combined without referrer and agent");
	ok(parse_str(c, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 -", &rec, buf, sizeof buf), "... is common");
	ok(!parse_str(c, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "combined is not common");
	ok(rec.addr == NULL && rec.time == -1 && rec.status == -1,
	    "a failed parse leaves an empty record");
	ok(!parse_str(f, "1.2.3.4 - - [30/Feb/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf), "Feb 30");
	ok(!parse_str(f, "1.2.3.4 - - [29/Feb/2023:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "29 Feb in a common year");
	ok(!parse_str(f, "1.2.3.4 - - [05/Foo/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "month name Foo");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:24:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf), "hour 24");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "offset without sign");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" abc - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "status abc");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 2000 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "status 2000");
	/* morgan writes "-" for a request aborted before its response. */
	ok(parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" - - \"-\" \"-\"", &rec, buf, sizeof buf) &&
	    rec.status == -1, "status - (aborted request) parses as -1");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/x\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "http version x");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"G3T / "
	    "HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "method with a digit");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET "
	    "/a b HTTP/1.1\" 200 - \"-\" \"-\"", &rec, buf, sizeof buf),
	    "url with a blank");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"bell\a\"", &rec, buf, sizeof buf),
	    "control character");
	ok(!parse_str(f, "1.2.3.4 - - [05/Mar/2024:14:02:11 +0000] \"GET / "
	    "HTTP/1.1\" 200 - \"-\" \"-\" trailing", &rec, buf, sizeof buf),
	    "text after the closing quote");
	accesslog_format_free(f);
	accesslog_format_free(c);
}

static void
test_custom(void)
{
	struct accesslog_format	*f;
	struct access_record	 rec;
	char			 buf[1024], *cause;

	f = fmt(":remote-addr [:date[iso]] :method :url :status");
	ok(parse_str(f, "1.2.3.4 [2024-03-05T15:02:11.5+01:00] GET / 200",
	    &rec, buf, sizeof buf) && rec.time == 1709647331,
	    "iso date with an offset");
	ok(parse_str(f, "1.2.3.4 [2024-03-05T14:02:11Z] GET / 200", &rec, buf,
	    sizeof buf) && rec.time == 1709647331, "iso date without fraction");
	ok(!parse_str(f, "1.2.3.4 [2024-13-05T14:02:11.000Z] GET / 200", &rec,
	    buf, sizeof buf), "iso month 13");
	ok(!parse_str(f, "1.2.3.4 [2024-02-30T14:02:11.000Z] GET / 200", &rec,
	    buf, sizeof buf), "iso Feb 30");
	ok(!parse_str(f, "1.2.3.4 [2024-03-05 14:02:11.000Z] GET / 200", &rec,
	    buf, sizeof buf), "iso without T");
	accesslog_format_free(f);

	f = fmt(":remote-addr [:date] \":method :url\" :status");
	ok(f != NULL && accesslog_format_has_time(f), ":date alone is web");
	ok(parse_str(f, "1.2.3.4 [Tue, 05 Mar 2024 14:02:11 GMT] \"GET /\" 200",
	    &rec, buf, sizeof buf) && rec.time == 1709647331, "web date");
	ok(!parse_str(f, "1.2.3.4 [Xyz, 05 Mar 2024 14:02:11 GMT] \"GET /\" "
	    "200", &rec, buf, sizeof buf), "web date with a bad day name");
	accesslog_format_free(f);

	f = fmt(":remote-addr :res[content-type] :status:foo end");
	ok(parse_str(f, "1.2.3.4 text/html; charset=utf-8 404x-y end", &rec,
	    buf, sizeof buf) && rec.status == 404,
	    "res[header] with blanks, tokens back to back, unknown token");
	ok(!accesslog_format_has_time(f), "no date token: no time");
	accesslog_format_free(f);

	f = fmt(":remote-addr :status :remote-addr");
	ok(parse_str(f, "1.1.1.1 200 2.2.2.2", &rec, buf, sizeof buf) &&
	    rec.addr == buf, "first occurrence of a token fills the record");
	accesslog_format_free(f);

	f = fmt("\033[0m:method :url\033[0m");
	ok(f != NULL && parse_str(f, "\033[1mGET\033[0m /x\033[0m", &rec, buf,
	    sizeof buf) && rec.url_len == 2, "colour codes in format and line");
	ok(!parse_str(f, "\033]GET /x", &rec, buf, sizeof buf),
	    "broken escape sequence");
	ok(!parse_str(f, "GET /x\033[", &rec, buf, sizeof buf),
	    "escape sequence cut short");
	accesslog_format_free(f);

	cause = NULL;
	ok(accesslog_format_new("auto", &cause) == NULL && cause != NULL,
	    "auto is not a format");
	free(cause);
	cause = NULL;
	ok(accesslog_format_new("foo", &cause) == NULL && cause != NULL,
	    "a name that is no format");
	free(cause);
	cause = NULL;
	ok(accesslog_format_new("", &cause) == NULL && cause != NULL,
	    "empty format");
	free(cause);
	cause = NULL;
	ok(accesslog_format_new(":date[rfc] :url", &cause) == NULL &&
	    cause != NULL, "unknown date format");
	free(cause);
}

static double
now_secs(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_hostile(void)
{
	static const char valid[] = "127.0.0.4 - - [04/Dec/2026:15:21:30 "
	    "+0000] \"GET /missing HTTP/1.1\" 404 - \"-\" \"curl/7.88.1\"";
	struct accesslog_format	*f = fmt("combined"), *g;
	struct access_record	 rec;
	char			*big, buf[1024], *lines[64];
	size_t			 n, i, j, bad = 0, lens[64];
	uint32_t		 seed = 12345;
	double			 t0;

	/* Every strict prefix of a complete line is a truncated line. */
	for (n = 0; n < sizeof valid - 1; n++) {
		memcpy(buf, valid, n);
		if (accesslog_parse_line(f, buf, n, &rec))
			bad++;
	}
	is_int(bad, 0, "no truncated line parses");
	memcpy(buf, valid, sizeof valid);
	ok(accesslog_parse_line(f, buf, sizeof valid - 1, &rec),
	    "the whole line does");
	memcpy(buf, valid, sizeof valid);
	buf[40] = '\0';
	ok(!accesslog_parse_line(f, buf, sizeof valid - 1, &rec),
	    "NUL in the middle");

	/* 1 MB lines: plain garbage, and well formed but for its length. */
	n = 1024 * 1024;
	big = malloc(n + 1);
	memset(big, 'A', n);
	ok(!accesslog_parse_line(f, big, n, &rec), "1 MB garbage line");
	memcpy(big, valid, sizeof valid - 2);
	memset(big + sizeof valid - 2, 'x', n - sizeof valid + 1);
	big[n - 1] = '"';
	ok(!accesslog_parse_line(f, big, n, &rec), "1 MB user agent");

	/* Binary garbage. */
	for (i = 0, bad = 0; i < 2000; i++) {
		n = 1 + i % 300;
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			big[j] = (char)(seed >> 16);
		}
		if (accesslog_parse_line(f, big, n, &rec))
			bad++;
	}
	is_int(bad, 0, "random bytes never parse");

	/* Backtracking bombs: many candidate ends, and a line that fails
	 * only at its end. */
	g = fmt("\":referrer\" \":user-agent\" \":referrer\" :status");
	n = ACCESSLOG_MAX_LINE - 8;
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "\" \"", 3);
	t0 = now_secs();
	ok(!accesslog_parse_line(g, big, i, &rec), "quote bomb fails");
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "\" \"", 3);
	ok(!accesslog_parse_line(f, big, i, &rec), "quote bomb, combined");
	ok(now_secs() - t0 < 2.0, "bombs are cheap (%.3f s)", now_secs() - t0);
	accesslog_format_free(g);
	free(big);

	/* Detection: garbage detects nothing, tiny beats nothing else. */
	for (i = 0; i < 4; i++) {
		lines[i] = (char *)"not a log line";
		lens[i] = strlen(lines[i]);
	}
	ok(accesslog_detect(lines, lens, 4) == NULL, "garbage: no format");
	ok(accesslog_detect(lines, lens, 0) == NULL, "no lines: no format");
	accesslog_format_free(f);
}

static void
test_sockjs(void)
{
	const char	*app, *id;
	size_t		 al, il;

#define V(u)	accesslog_sockjs_visit(u, strlen(u), &app, &al, &id, &il)
	ok(V("/hello/__sockjs__/n=WeOp/info?t=1") && al == 7 &&
	    memcmp(app, "/hello/", 7) == 0 && il == 4 &&
	    memcmp(id, "WeOp", 4) == 0, "app path and id");
	ok(V("/__sockjs__/n=xyz/info") && al == 1 && app[0] == '/' &&
	    il == 3, "root app path is /");
	ok(V("/a/b/__sockjs__/n=id") && al == 5 && il == 2, "nested, no tail");
	ok(!V("/noisy/__sockjs__/o=7joZ/info?t=1"), "o= is a reconnect");
	ok(!V("/hello/__sockjs__/n=/info"), "empty id");
	ok(!V("/hello/__sockjs__/info"), "no n=");
	ok(!V("/x?next=/__sockjs__/n=abc/"), "only the path counts");
	ok(!V("/hello/__sockjs__n=abc/"), "no slash before n=");
	ok(!V(""), "empty url");
#undef V
}

/* Not an assertion: a throughput figure for the report. */
static void
bench(void)
{
	static const char line[] = "::ffff:203.0.113.7 - - [04/Dec/2026:15:21:23"
	    " +0000] \"GET /hello/__assets__/shiny-server-client.min.js "
	    "HTTP/1.1\" 200 - \"http://127.0.0.2:3839/hello/\" \"Mozilla/5.0 "
	    "(X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
	    "HeadlessChrome/156.0.0.0 Safari/537.36\"";
	struct accesslog_format	*f = fmt("combined");
	struct access_record	 rec;
	char			 buf[sizeof line];
	size_t			 n = 200000, good = 0;
	double			 t0;

	t0 = now_secs();
	for (size_t i = 0; i < n; i++) {
		memcpy(buf, line, sizeof line);
		good += accesslog_parse_line(f, buf, sizeof line - 1, &rec);
	}
	printf("# combined: %.0f lines/s\n", n / (now_secs() - t0));
	is_int(good, n, "bench lines all parse");
	accesslog_format_free(f);
}

int
main(void)
{
	test_samples();
	test_fields();
	test_custom();
	test_hostile();
	test_sockjs();
	bench();
	return done_testing();
}

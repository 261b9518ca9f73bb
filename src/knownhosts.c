/* known_hosts, read by us line by line: libssh2's reader stops silently at
 * the first line it cannot parse, and its writer rewrites the whole file.
 * Format (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"):
 *	[@marker] hostpatterns keytype base64-key [comment]
 * hostpatterns: comma-separated globs (* and ?), "!" negates, "[host]:port"
 * for other ports, or one hashed "|1|base64(salt)|base64(hmac-sha1)". */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "knownhosts.h"
#include "log.h"
#include "xmalloc.h"

#define KH_MAX_LINE	(64 * 1024)	/* longer lines are skipped */
#define KH_MAX_TYPE	64
#define KH_SALT_LEN	20		/* what OpenSSH uses (SHA1 size) */

enum kh_marker { KH_MARK_NONE, KH_MARK_REVOKED, KH_MARK_CA };

/* One parsed line; pointers into the line buffer, blob allocated. */
struct kh_entry {
	enum kh_marker	 marker;
	const char	*hosts;
	const char	*type;
	unsigned char	*blob;
	size_t		 bloblen;
};

/* Called for each entry whose host patterns match; return non-zero to
 * stop the scan. */
typedef int (*kh_visit)(void *arg, const struct kh_entry *e,
    unsigned long lineno);

static pthread_mutex_t kh_append_lock = PTHREAD_MUTEX_INITIALIZER;

/* Strict base64 (with optional '=' padding, no whitespace). Returns an
 * allocated buffer and its length, or NULL on any invalid input. */
static unsigned char *
kh_b64_decode(const char *s, size_t slen, size_t *outlen)
{
	unsigned char *out;
	uint32_t acc = 0;
	size_t i, n = 0, pad = 0;
	int bits = 0, v;

	while (slen > 0 && s[slen - 1] == '=' && pad < 2) {
		slen--;
		pad++;
	}
	if (slen == 0 || (slen + pad) % 4 == 1 || (pad > 0 &&
	    (slen + pad) % 4 != 0))
		return NULL;
	out = xmalloc(slen * 3 / 4 + 3);
	for (i = 0; i < slen; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 'A' && ch <= 'Z')
			v = ch - 'A';
		else if (ch >= 'a' && ch <= 'z')
			v = ch - 'a' + 26;
		else if (ch >= '0' && ch <= '9')
			v = ch - '0' + 52;
		else if (ch == '+')
			v = 62;
		else if (ch == '/')
			v = 63;
		else {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	*outlen = n;
	return out;
}

/* Base64 of buf, allocated; with or without the '=' padding. */
static char *
kh_b64_encode(const unsigned char *buf, size_t len, bool padding)
{
	char *out;
	size_t n;

	if (len > INT32_MAX / 2)
		fatal("key too large to encode");
	out = xmalloc(4 * ((len + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)out, buf, (int)len);
	if (!padding) {
		n = strlen(out);
		while (n > 0 && out[n - 1] == '=')
			out[--n] = '\0';
	}
	return out;
}

char *
knownhosts_blob_type(const unsigned char *blob, size_t len)
{
	uint32_t n;

	if (blob == NULL || len < 4)
		return NULL;
	n = (uint32_t)blob[0] << 24 | (uint32_t)blob[1] << 16 |
	    (uint32_t)blob[2] << 8 | blob[3];
	if (n == 0 || n > KH_MAX_TYPE || n > len - 4)
		return NULL;
	for (uint32_t i = 0; i < n; i++)
		if (!isgraph(blob[4 + i]))
			return NULL;
	return xstrndup((const char *)blob + 4, n);
}

const char *
knownhosts_type_label(const char *type)
{
	if (strcmp(type, "ssh-ed25519") == 0)
		return "ed25519";
	if (strncmp(type, "ecdsa-sha2-", 11) == 0)
		return "ecdsa";
	if (strcmp(type, "ssh-rsa") == 0)
		return "rsa";
	if (strcmp(type, "ssh-dss") == 0)
		return "dsa";
	return type;
}

char *
knownhosts_fingerprint_blob(const unsigned char *blob, size_t len)
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	char *b64, *fp;

	SHA256(blob, len, md);
	b64 = kh_b64_encode(md, sizeof md, false);
	fp = xasprintf("SHA256:%s", b64);
	free(b64);
	return fp;
}

char *
knownhosts_fingerprint(LIBSSH2_SESSION *session)
{
	const char *key;
	size_t len;
	int type;

	key = libssh2_session_hostkey(session, &len, &type);
	if (key == NULL)
		return NULL;
	return knownhosts_fingerprint_blob((const unsigned char *)key, len);
}

char *
knownhosts_host_name(const char *host, int port)
{
	char *name;

	if (port <= 0 || port == 22)
		name = xstrdup(host);
	else
		name = xasprintf("[%s]:%d", host, port);
	for (char *p = name; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return name;
}

/* Glob match of a lower-cased name against pattern[0..plen) with '*' and
 * '?', case-insensitive on the pattern side; iterative, no recursion. */
static bool
kh_glob(const char *pat, size_t plen, const char *name)
{
	size_t p = 0, star = SIZE_MAX;
	const char *n = name, *retry = NULL;

	while (*n != '\0') {
		if (p < plen && pat[p] == '*') {
			star = ++p;
			retry = n;
		} else if (p < plen && (pat[p] == '?' ||
		    tolower((unsigned char)pat[p]) == *n)) {
			p++;
			n++;
		} else if (star != SIZE_MAX) {
			p = star;
			n = ++retry;
		} else
			return false;
	}
	while (p < plen && pat[p] == '*')
		p++;
	return p == plen;
}

/* "|1|salt|hash": true when HMAC-SHA1(salt, name) == hash. */
static bool
kh_match_hashed(const char *field, const char *name)
{
	const char *salt, *bar;
	unsigned char *s = NULL, *h = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t slen, hlen;
	bool match = false;

	salt = field + 3;
	if ((bar = strchr(salt, '|')) == NULL)
		return false;
	s = kh_b64_decode(salt, (size_t)(bar - salt), &slen);
	h = kh_b64_decode(bar + 1, strlen(bar + 1), &hlen);
	if (s != NULL && h != NULL && slen > 0 && slen <= 1024 &&
	    hlen == SHA_DIGEST_LENGTH &&
	    HMAC(EVP_sha1(), s, (int)slen, (const unsigned char *)name,
	    strlen(name), md, &mdlen) != NULL && mdlen == SHA_DIGEST_LENGTH)
		match = CRYPTO_memcmp(md, h, SHA_DIGEST_LENGTH) == 0;
	free(s);
	free(h);
	return match;
}

/* Whether a host-pattern field matches name: a negated pattern that
 * matches vetoes the line, as in OpenSSH's match_hostname. */
static bool
kh_match_hosts(const char *field, const char *name)
{
	const char *p, *end;
	bool positive = false, negate;
	size_t len;

	if (strncmp(field, "|1|", 3) == 0)
		return kh_match_hashed(field, name);
	for (p = field; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		negate = *p == '!';
		len = (size_t)(end - p) - (negate ? 1 : 0);
		if (len == 0 || !kh_glob(p + (negate ? 1 : 0), len, name))
			continue;
		if (negate)
			return false;
		positive = true;
	}
	return positive;
}

/* Next whitespace-separated field of *sp, NUL-terminated in place, or
 * NULL at the end of the line. */
static char *
kh_field(char **sp)
{
	char *s = *sp, *start;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	start = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*sp = s;
	return start;
}

/* Parses one line in place. Returns 1 with e filled (free e->blob), 0
 * for blank and comment lines, -1 for a malformed line. */
static int
kh_parse_line(char *line, struct kh_entry *e)
{
	char *s = line, *f, *key, *embedded;
	size_t n;

	n = strcspn(line, "\r\n");
	line[n] = '\0';
	memset(e, 0, sizeof *e);
	if ((f = kh_field(&s)) == NULL || *f == '#')
		return 0;
	if (*f == '@') {
		if (strcmp(f, "@revoked") == 0)
			e->marker = KH_MARK_REVOKED;
		else if (strcmp(f, "@cert-authority") == 0)
			e->marker = KH_MARK_CA;
		else
			return -1;
		if ((f = kh_field(&s)) == NULL)
			return -1;
	}
	e->hosts = f;
	if ((e->type = kh_field(&s)) == NULL || (key = kh_field(&s)) == NULL)
		return -1;
	e->blob = kh_b64_decode(key, strlen(key), &e->bloblen);
	if (e->blob == NULL)
		return -1;
	/* The blob names its own type; a line that disagrees is corrupt. */
	embedded = knownhosts_blob_type(e->blob, e->bloblen);
	if (embedded == NULL || strcmp(embedded, e->type) != 0) {
		free(embedded);
		free(e->blob);
		e->blob = NULL;
		return -1;
	}
	free(embedded);
	return 1;
}

/* Visits every entry of fp that matches name (cert-authority lines are
 * skipped). Returns what the visitor returned to stop, else 0, or -1 on
 * a read error. */
static int
kh_scan(FILE *fp, const char *path, const char *name, kh_visit visit,
    void *arg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	struct kh_entry e;
	int r, stop = 0;

	while (stop == 0 && (len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (len > KH_MAX_LINE || memchr(line, '\0', (size_t)len)) {
			log_debug(NULL, "%s:%lu: line skipped (too long or "
			    "binary)", path, lineno);
			continue;
		}
		r = kh_parse_line(line, &e);
		if (r < 0)
			log_debug(NULL, "%s:%lu: unparsable line skipped",
			    path, lineno);
		if (r <= 0)
			continue;
		if (e.marker != KH_MARK_CA && kh_match_hosts(e.hosts, name))
			stop = visit(arg, &e, lineno);
		free(e.blob);
	}
	free(line);
	if (stop == 0 && ferror(fp))
		return -1;
	return stop;
}

struct kh_check {
	const char		*type;
	const unsigned char	*blob;
	size_t			 len;
	unsigned long		 ok_line, changed_line, other_line;
	unsigned long		 revoked_line;
};

static int
kh_check_visit(void *arg, const struct kh_entry *e, unsigned long lineno)
{
	struct kh_check *k = arg;
	bool same = e->bloblen == k->len &&
	    memcmp(e->blob, k->blob, k->len) == 0;

	if (e->marker == KH_MARK_REVOKED) {
		if (same) {
			k->revoked_line = lineno;
			return 1;
		}
		return 0;
	}
	if (strcmp(e->type, k->type) != 0) {
		if (k->other_line == 0)
			k->other_line = lineno;
	} else if (same) {
		if (k->ok_line == 0)
			k->ok_line = lineno;
	} else if (k->changed_line == 0)
		k->changed_line = lineno;
	return 0;
}

/* The status for an open known_hosts stream. */
static enum knownhosts_status
kh_check_stream(FILE *fp, const char *path, const char *name,
    const unsigned char *blob, size_t len, unsigned long *lineno,
    char **cause)
{
	struct kh_check k;
	enum knownhosts_status st;
	unsigned long line;
	char *type;

	if ((type = knownhosts_blob_type(blob, len)) == NULL) {
		*cause = xstrdup("the server sent a malformed host key");
		return KH_ERROR;
	}
	memset(&k, 0, sizeof k);
	k.type = type;
	k.blob = blob;
	k.len = len;
	if (kh_scan(fp, path, name, kh_check_visit, &k) < 0) {
		free(type);
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		return KH_ERROR;
	}
	free(type);
	/* Another line may hold a different key of the same type: the
	 * matching one wins, as in OpenSSH (several keys per host). */
	if (k.revoked_line != 0) {
		st = KH_REVOKED;
		line = k.revoked_line;
	} else if (k.ok_line != 0) {
		st = KH_OK;
		line = k.ok_line;
	} else if (k.changed_line != 0) {
		st = KH_CHANGED;
		line = k.changed_line;
	} else if (k.other_line != 0) {
		st = KH_OTHER_TYPE;
		line = k.other_line;
	} else {
		st = KH_NEW;
		line = 0;
	}
	if (lineno != NULL)
		*lineno = line;
	return st;
}

enum knownhosts_status
knownhosts_check_key(const char *path, const char *host, int port,
    const unsigned char *blob, size_t len, unsigned long *lineno,
    char **cause)
{
	enum knownhosts_status st;
	char *name;
	FILE *fp;

	if (lineno != NULL)
		*lineno = 0;
	if ((fp = fopen(path, "re")) == NULL) {
		if (errno == ENOENT)
			return KH_NEW;
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		return KH_ERROR;
	}
	name = knownhosts_host_name(host, port);
	st = kh_check_stream(fp, path, name, blob, len, lineno, cause);
	free(name);
	fclose(fp);
	return st;
}

enum knownhosts_status
knownhosts_verify(LIBSSH2_SESSION *session, const char *path,
    const char *host, int port, char **cause)
{
	const char *key;
	size_t len;
	int type;

	key = libssh2_session_hostkey(session, &len, &type);
	if (key == NULL) {
		*cause = xstrdup("the server sent no host key");
		return KH_ERROR;
	}
	return knownhosts_check_key(path, host, port,
	    (const unsigned char *)key, len, NULL, cause);
}

/* Types libssh2 1.10 verifies, in OpenSSH's order of preference. */
static const char *const kh_supported[] = {
	"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"
};
#define KH_NSUPPORTED (sizeof kh_supported / sizeof kh_supported[0])

static int
kh_types_visit(void *arg, const struct kh_entry *e, unsigned long lineno)
{
	bool *seen = arg;

	if (e->marker == KH_MARK_REVOKED)
		return 0;
	for (size_t i = 0; i < KH_NSUPPORTED; i++)
		if (strcmp(e->type, kh_supported[i]) == 0)
			seen[i] = true;
	return 0;
}

char *
knownhosts_key_types(const char *path, const char *host, int port)
{
	bool seen[KH_NSUPPORTED] = { false };
	char *name, *list = NULL, *tmp;
	FILE *fp;

	if ((fp = fopen(path, "re")) == NULL)
		return NULL;
	name = knownhosts_host_name(host, port);
	if (kh_scan(fp, path, name, kh_types_visit, seen) < 0)
		log_debug(NULL, "%s: read error: %s", path, strerror(errno));
	fclose(fp);
	free(name);
	for (size_t i = 0; i < KH_NSUPPORTED; i++) {
		if (!seen[i])
			continue;
		if (list == NULL)
			list = xstrdup(kh_supported[i]);
		else {
			tmp = xasprintf("%s,%s", list, kh_supported[i]);
			free(list);
			list = tmp;
		}
	}
	return list;
}

/* Creates path's directory (0700) when it is missing; only the last
 * component, as ssh does for ~/.ssh. Returns 0 or -1 with errno. */
static int
kh_make_parent(const char *path)
{
	char *dir, *slash;
	int r = 0;

	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			r = -1;
	}
	free(dir);
	return r;
}

/* The hashed line for name and blob, newline-terminated. Allocated. */
static char *
kh_hashed_line(const char *name, const char *type, const unsigned char *blob,
    size_t len)
{
	unsigned char salt[KH_SALT_LEN], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *b64salt, *b64hash, *b64key, *line;

	if (RAND_bytes(salt, sizeof salt) != 1)
		return NULL;
	if (HMAC(EVP_sha1(), salt, sizeof salt, (const unsigned char *)name,
	    strlen(name), md, &mdlen) == NULL)
		return NULL;
	b64salt = kh_b64_encode(salt, sizeof salt, true);
	b64hash = kh_b64_encode(md, mdlen, true);
	b64key = kh_b64_encode(blob, len, true);
	line = xasprintf("|1|%s|%s %s %s\n", b64salt, b64hash, type, b64key);
	free(b64salt);
	free(b64hash);
	free(b64key);
	return line;
}

/* Writes all of buf to fd. Returns 0 or -1 with errno. */
static int
kh_write_all(int fd, const char *buf, size_t len)
{
	ssize_t w;

	while (len > 0) {
		w = write(fd, buf, len);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Appends under fd's lock: re-checks the file first so two runs that
 * accept the same key do not record it twice, and starts a new line if
 * the file does not end with one. Returns 0 or -1 with *cause. */
static int
kh_append_locked(int fd, const char *path, const char *name,
    const unsigned char *blob, size_t len, char **cause)
{
	enum knownhosts_status st;
	struct stat sb;
	char last = '\n', *type, *line;
	int dupfd, r;
	FILE *fp;

	/* fclose on a dup would drop our fcntl lock; read by pread. */
	if ((dupfd = dup(fd)) == -1 || (fp = fdopen(dupfd, "r")) == NULL) {
		if (dupfd != -1)
			close(dupfd);
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	st = kh_check_stream(fp, path, name, blob, len, NULL, cause);
	/* Keep the FILE (and so the dup) open until we are done: closing
	 * any descriptor of the file releases this process's locks. */
	if (st == KH_ERROR) {
		fclose(fp);
		return -1;
	}
	r = 0;
	if (st != KH_OK) {
		if (fstat(fd, &sb) == 0 && sb.st_size > 0 &&
		    pread(fd, &last, 1, sb.st_size - 1) != 1)
			last = '\n';
		type = knownhosts_blob_type(blob, len);
		line = type != NULL ? kh_hashed_line(name, type, blob, len) :
		    NULL;
		if (line == NULL) {
			*cause = xasprintf("cannot record the host key in %s",
			    path);
			r = -1;
		} else if ((last != '\n' && kh_write_all(fd, "\n", 1) == -1) ||
		    kh_write_all(fd, line, strlen(line)) == -1 ||
		    fsync(fd) == -1) {
			*cause = xasprintf("cannot write %s: %s", path,
			    strerror(errno));
			r = -1;
		}
		free(type);
		free(line);
	}
	fclose(fp);
	return r;
}

int
knownhosts_append_key(const char *path, const char *host, int port,
    const unsigned char *blob, size_t len, char **cause)
{
	struct flock fl;
	char *name;
	int fd, r;

	if (kh_make_parent(path) == -1) {
		*cause = xasprintf("cannot create the directory of %s: %s",
		    path, strerror(errno));
		return -1;
	}
	pthread_mutex_lock(&kh_append_lock);
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		*cause = xasprintf("cannot open %s: %s", path, strerror(errno));
		pthread_mutex_unlock(&kh_append_lock);
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while ((r = fcntl(fd, F_SETLKW, &fl)) == -1 && errno == EINTR)
		continue;
	if (r == -1) {
		*cause = xasprintf("cannot lock %s: %s", path, strerror(errno));
		close(fd);
		pthread_mutex_unlock(&kh_append_lock);
		return -1;
	}
	name = knownhosts_host_name(host, port);
	r = kh_append_locked(fd, path, name, blob, len, cause);
	free(name);
	close(fd);
	pthread_mutex_unlock(&kh_append_lock);
	return r;
}

int
knownhosts_append(LIBSSH2_SESSION *session, const char *path,
    const char *host, int port, char **cause)
{
	const char *key;
	size_t len;
	int type;

	key = libssh2_session_hostkey(session, &len, &type);
	if (key == NULL) {
		*cause = xstrdup("the server sent no host key");
		return -1;
	}
	return knownhosts_append_key(path, host, port,
	    (const unsigned char *)key, len, cause);
}

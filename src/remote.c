/* Remote files over SFTP. Listings and big files use libssh2's SFTP API
 * (blocking, bounded by the connection's deadline). Many small files go
 * through a pipelined SFTP v3 client of our own on a second channel:
 * libssh2 1.10 keeps one open state and one read state per SFTP session,
 * so interleaving its non-blocking calls over several handles hands one
 * file's handle or data to another. */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "remote.h"
#include "xmalloc.h"

#define REMOTE_NAME_MAX		4096	/* smaller buffers drop entries */
#define REMOTE_READ_BUF		(1024 * 1024)	/* 1.10 is slow below this */

/* The pipelined reader. */
#define RP_CHUNK		(32 * 1024)	/* below every server's cap */
#define RP_MAX_PACKET		(256 * 1024)	/* larger replies are hostile */
#define RP_READS_START		2	/* the 2nd read usually brings EOF */
#define RP_READS_MAX		8	/* per file, once a file is big */
#define RP_INFLIGHT_MAX		64
#define RP_WINDOW		(8 * 1024 * 1024)
#define RP_PATH_MAX		8192
#define RP_HANDLE_MAX		256

/* SFTP v3 (draft-ietf-secsh-filexfer-02) packet types and flags. */
#define FXP_INIT	1
#define FXP_VERSION	2
#define FXP_OPEN	3
#define FXP_CLOSE	4
#define FXP_READ	5
#define FXP_STATUS	101
#define FXP_HANDLE	102
#define FXP_DATA	103
#define FXF_READ	0x00000001

/* Sets libssh2's timeout to what is left; fails once nothing is. */
static int
remote_arm(struct ssh_conn *c, const char *what, const char *path,
    enum remote_error *err, char **cause)
{
	if (ssh_arm_timeout(c) > 0)
		return 0;
	*err = RE_OTHER;
	*cause = xasprintf("%s %s: the host's timeout has run out", what, path);
	return -1;
}

static enum remote_error
remote_map_fx(unsigned long fx)
{
	switch (fx) {
	case LIBSSH2_FX_NO_SUCH_FILE:
	case LIBSSH2_FX_NO_SUCH_PATH:
		return RE_NOT_FOUND;
	case LIBSSH2_FX_PERMISSION_DENIED:
		return RE_PERMISSION;
	default:
		return RE_OTHER;
	}
}

static const char *
remote_fx_text(unsigned long fx)
{
	switch (fx) {
	case LIBSSH2_FX_NO_SUCH_FILE:
	case LIBSSH2_FX_NO_SUCH_PATH:
		return "no such file or directory";
	case LIBSSH2_FX_PERMISSION_DENIED:
		return "permission denied";
	case LIBSSH2_FX_FAILURE:
		return "failure (is it a directory, or unreadable?)";
	case LIBSSH2_FX_NOT_A_DIRECTORY:
		return "not a directory";
	case LIBSSH2_FX_EOF:
		return "unexpected end of file";
	default:
		return "SFTP error";
	}
}

/* Fills *err and *cause from the session's last error. Returns -1. */
static int
remote_fail(struct ssh_conn *c, const char *what, const char *path,
    enum remote_error *err, char **cause)
{
	unsigned long fx;
	char *msg = NULL;
	int code;

	code = libssh2_session_last_error(c->session, &msg, NULL, 0);
	if (code == LIBSSH2_ERROR_SFTP_PROTOCOL) {
		fx = libssh2_sftp_last_error(c->sftp);
		*err = remote_map_fx(fx);
		*cause = xasprintf("%s %s: %s", what, path, remote_fx_text(fx));
	} else if (code == LIBSSH2_ERROR_TIMEOUT) {
		*err = RE_OTHER;
		*cause = xasprintf("%s %s: timed out (timeout)", what, path);
	} else {
		*err = RE_OTHER;
		*cause = xasprintf("%s %s: %s", what, path,
		    msg != NULL && *msg != '\0' ? msg : "SFTP failure");
	}
	return -1;
}

static void
remote_fill_entry(struct remote_entry *e, const LIBSSH2_SFTP_ATTRIBUTES *a)
{
	e->kind = RK_OTHER;
	e->perms = 0;
	if (a->flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) {
		e->perms = (unsigned)(a->permissions & 07777);
		switch (a->permissions & LIBSSH2_SFTP_S_IFMT) {
		case LIBSSH2_SFTP_S_IFREG:
			e->kind = RK_FILE;
			break;
		case LIBSSH2_SFTP_S_IFDIR:
			e->kind = RK_DIR;
			break;
		case LIBSSH2_SFTP_S_IFLNK:
			e->kind = RK_LINK;
			break;
		}
	}
	e->size = (a->flags & LIBSSH2_SFTP_ATTR_SIZE) ? a->filesize : 0;
	e->mtime = (a->flags & LIBSSH2_SFTP_ATTR_ACMODTIME) ?
	    (int64_t)a->mtime : 0;
}

int
remote_list_dir(struct ssh_conn *c, const char *path,
    struct remote_entry **entries, size_t *n, enum remote_error *err,
    char **cause)
{
	LIBSSH2_SFTP_HANDLE *h;
	LIBSSH2_SFTP_ATTRIBUTES attrs;
	struct remote_entry *v = NULL, *e;
	size_t count = 0, cap = 0;
	char *name;
	ssize_t rc;

	*entries = NULL;
	*n = 0;
	*err = RE_OK;
	if (remote_arm(c, "cannot list", path, err, cause) == -1)
		return -1;
	h = libssh2_sftp_open_ex(c->sftp, path, (unsigned)strlen(path), 0, 0,
	    LIBSSH2_SFTP_OPENDIR);
	if (h == NULL)
		return remote_fail(c, "cannot list", path, err, cause);
	name = xmalloc(REMOTE_NAME_MAX);
	for (;;) {
		ssh_arm_timeout(c);
		rc = libssh2_sftp_readdir_ex(h, name, REMOTE_NAME_MAX, NULL, 0,
		    &attrs);
		if (rc == 0)
			break;
		if (rc < 0) {
			remote_fail(c, "cannot list", path, err, cause);
			remote_free_entries(v, count);
			free(name);
			libssh2_sftp_closedir(h);
			return -1;
		}
		/* Names are untrusted: no embedded NUL, no '/'. */
		if ((size_t)rc != strlen(name) || strchr(name, '/') != NULL) {
			log_debug(c->label, "%s: odd entry name skipped", path);
			continue;
		}
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		e = &v[count++];
		e->name = xstrndup(name, (size_t)rc);
		remote_fill_entry(e, &attrs);
	}
	free(name);
	libssh2_sftp_closedir(h);
	*entries = v;
	*n = count;
	return 0;
}

void
remote_free_entries(struct remote_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(entries[i].name);
	free(entries);
}

int
remote_stat(struct ssh_conn *c, const char *path, struct remote_entry *out,
    enum remote_error *err, char **cause)
{
	LIBSSH2_SFTP_ATTRIBUTES attrs;

	memset(out, 0, sizeof *out);
	*err = RE_OK;
	if (remote_arm(c, "cannot stat", path, err, cause) == -1)
		return -1;
	if (libssh2_sftp_stat_ex(c->sftp, path, (unsigned)strlen(path),
	    LIBSSH2_SFTP_STAT, &attrs) != 0)
		return remote_fail(c, "cannot stat", path, err, cause);
	remote_fill_entry(out, &attrs);
	return 0;
}

int
remote_read_file(struct ssh_conn *c, const char *path, remote_sink sink,
    void *arg, enum remote_error *err, char **cause)
{
	LIBSSH2_SFTP_HANDLE *h;
	char *buf;
	ssize_t rc;
	int r = 0;

	*err = RE_OK;
	if (remote_arm(c, "cannot read", path, err, cause) == -1)
		return -1;
	h = libssh2_sftp_open_ex(c->sftp, path, (unsigned)strlen(path),
	    LIBSSH2_FXF_READ, 0, LIBSSH2_SFTP_OPENFILE);
	if (h == NULL)
		return remote_fail(c, "cannot read", path, err, cause);
	buf = xmalloc(REMOTE_READ_BUF);
	for (;;) {
		if (remote_arm(c, "cannot read", path, err, cause) == -1) {
			r = -1;
			break;
		}
		rc = libssh2_sftp_read(h, buf, REMOTE_READ_BUF);
		if (rc == 0)
			break;
		if (rc < 0) {
			r = remote_fail(c, "cannot read", path, err, cause);
			break;
		}
		if ((r = sink(arg, buf, (size_t)rc)) != 0)
			break;
	}
	free(buf);
	ssh_arm_timeout(c);
	libssh2_sftp_close(h);
	return r;
}

/* ---- remote_read_many: a pipelined SFTP v3 reader ---- */

enum rp_state { RP_FREE, RP_OPENING, RP_READING };

struct rp_read {
	uint32_t	id;
	uint64_t	off;
	uint32_t	len;
};

struct rp_slot {
	enum rp_state	 state;
	size_t		 index;		/* into reqs */
	uint32_t	 open_id;
	unsigned char	 handle[RP_HANDLE_MAX];
	uint32_t	 hlen;
	uint64_t	 next;		/* offset of the next byte we keep */
	uint64_t	 sent;		/* reads have been sent up to here */
	uint64_t	 limit;		/* offset + max_bytes */
	uint64_t	 short_end;	/* where a short read ended, or 0 */
	struct rp_read	 reads[RP_READS_MAX];
	int		 nreads, maxreads;
	char		*data;
	size_t		 len, cap;
};

struct rp {
	struct ssh_conn		*c;
	LIBSSH2_CHANNEL		*ch;
	const struct remote_read_req *reqs;
	size_t			 n, next_req, max_bytes;
	remote_done		 done;
	void			*arg;
	struct rp_slot		*slots;
	unsigned		 nslots, active;
	uint32_t		 next_id;
	bool			 ready;		/* VERSION received */
	unsigned char		*out;
	size_t			 outlen, outoff, outcap;
	unsigned char		*in;
	size_t			 inlen;
	char			*cause;
};

static void
rp_put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t
rp_get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Queues one packet: length, type, body (which starts with the id). */
static void
rp_queue(struct rp *p, unsigned char type, const unsigned char *body,
    size_t blen)
{
	size_t need = 5 + blen;

	if (p->outoff > 0 && p->outoff >= p->outlen / 2) {
		memmove(p->out, p->out + p->outoff, p->outlen - p->outoff);
		p->outlen -= p->outoff;
		p->outoff = 0;
	}
	if (p->outlen + need > p->outcap) {
		p->outcap = (p->outlen + need) * 2;
		p->out = xreallocarray(p->out, p->outcap, 1);
	}
	rp_put_u32(p->out + p->outlen, (uint32_t)(1 + blen));
	p->out[p->outlen + 4] = type;
	memcpy(p->out + p->outlen + 5, body, blen);
	p->outlen += need;
}

/* Queues a request on a handle: CLOSE, or READ of len at off. */
static uint32_t
rp_queue_handle_op(struct rp *p, unsigned char type, const struct rp_slot *s,
    uint64_t off, uint32_t len)
{
	unsigned char body[4 + 4 + RP_HANDLE_MAX + 12];
	size_t b;
	uint32_t id = p->next_id++;

	rp_put_u32(body, id);
	rp_put_u32(body + 4, s->hlen);
	memcpy(body + 8, s->handle, s->hlen);
	b = 8 + s->hlen;
	if (type == FXP_READ) {
		rp_put_u32(body + b, (uint32_t)(off >> 32));
		rp_put_u32(body + b + 4, (uint32_t)off);
		rp_put_u32(body + b + 8, len);
		b += 12;
	}
	rp_queue(p, type, body, b);
	return id;
}

static void
rp_issue_reads(struct rp *p, struct rp_slot *s)
{
	uint64_t want;
	struct rp_read *r;

	if (s->nreads == 0 && s->sent > s->next)
		s->sent = s->next;	/* after a short read: fill the gap */
	while (s->nreads < s->maxreads && s->sent < s->limit) {
		want = s->limit - s->sent;
		r = &s->reads[s->nreads++];
		r->off = s->sent;
		r->len = want < RP_CHUNK ? (uint32_t)want : RP_CHUNK;
		r->id = rp_queue_handle_op(p, FXP_READ, s, r->off, r->len);
		s->sent += r->len;
	}
}

/* Starts request p->next_req in slot s. */
static void
rp_start(struct rp *p, struct rp_slot *s)
{
	const struct remote_read_req *q = &p->reqs[p->next_req];
	unsigned char *body;
	size_t plen = strlen(q->path);

	memset(s, 0, sizeof *s);
	s->index = p->next_req++;
	if (plen > RP_PATH_MAX) {
		p->done(p->arg, s->index, NULL, 0, RE_OTHER);
		return;
	}
	s->state = RP_OPENING;
	s->next = s->sent = q->offset;
	s->limit = UINT64_MAX - q->offset < p->max_bytes ? UINT64_MAX :
	    q->offset + p->max_bytes;
	s->maxreads = RP_READS_START;
	s->open_id = p->next_id++;
	body = xmalloc(4 + 4 + plen + 4 + 4);
	rp_put_u32(body, s->open_id);
	rp_put_u32(body + 4, (uint32_t)plen);
	memcpy(body + 8, q->path, plen);
	rp_put_u32(body + 8 + plen, FXF_READ);
	rp_put_u32(body + 12 + plen, 0);	/* no attributes */
	rp_queue(p, FXP_OPEN, body, 16 + plen);
	free(body);
	p->active++;
}

/* Ends slot s: closes its handle (the reply is not awaited) and reports
 * its data or err. */
static void
rp_finish(struct rp *p, struct rp_slot *s, enum remote_error err)
{
	if (s->state == RP_READING)
		rp_queue_handle_op(p, FXP_CLOSE, s, 0, 0);
	if (err == RE_OK)
		p->done(p->arg, s->index, s->data != NULL ? s->data : "",
		    s->len, RE_OK);
	else
		p->done(p->arg, s->index, NULL, 0, err);
	free(s->data);
	s->data = NULL;
	s->state = RP_FREE;
	p->active--;
}

/* Keeps the DATA of read r if it continues what s holds. */
static void
rp_got_data(struct rp_slot *s, const struct rp_read *r,
    const unsigned char *d, uint32_t dlen)
{
	size_t keep, need;

	if (r->off != s->next || dlen == 0)
		return;		/* behind a short read: asked again later */
	keep = dlen;
	if (s->limit - s->next < keep)
		keep = (size_t)(s->limit - s->next);
	if (s->len + keep > s->cap) {
		need = s->len + keep;
		s->cap = s->cap * 2 > need ? s->cap * 2 : need;
		s->data = xreallocarray(s->data, s->cap, 1);
	}
	memcpy(s->data + s->len, d, keep);
	s->len += keep;
	s->next += dlen;
	if (dlen < r->len) {
		s->sent = s->next;	/* short read: later reads are off */
		s->short_end = s->next;
	}
	else
		s->maxreads = RP_READS_MAX;
}

/* Handles one complete packet body (after the length). Returns 0, or -1
 * with p->cause on a protocol violation. */
static int
rp_packet(struct rp *p, const unsigned char *b, uint32_t len)
{
	struct rp_slot *s = NULL;
	struct rp_read r;
	uint32_t id, n, code;
	unsigned i;
	int k = -1;

	if (b[0] == FXP_VERSION && !p->ready) {
		p->ready = true;
		return 0;
	}
	if (len < 5 || !p->ready)
		goto bad;
	id = rp_get_u32(b + 1);
	for (i = 0; i < p->nslots && s == NULL; i++) {
		struct rp_slot *t = &p->slots[i];

		if (t->state == RP_OPENING && t->open_id == id)
			s = t;
		for (int j = 0; t->state == RP_READING && j < t->nreads; j++)
			if (t->reads[j].id == id) {
				s = t;
				k = j;
			}
	}
	if (s == NULL)
		return 0;	/* a CLOSE reply, or a read of a closed file */
	if (b[0] == FXP_STATUS) {
		if (len < 9)
			goto bad;
		code = rp_get_u32(b + 5);
		if (s->state == RP_OPENING || code != LIBSSH2_FX_EOF) {
			rp_finish(p, s, code == LIBSSH2_FX_EOF ? RE_OTHER :
			    remote_map_fx(code));
			return 0;
		}
		r = s->reads[k];
		s->reads[k] = s->reads[--s->nreads];
		/* EOF beyond what we hold is believed right after a short
		 * read that ended where we are: a server must answer reads of
		 * up to 32 KiB (RP_CHUNK) in full ("at least 34000 bytes"
		 * packets, draft-ietf-secsh-filexfer), so for a regular file
		 * a short read means its end. Saves a round trip per file. */
		if (r.off > s->next && s->short_end != s->next)
			goto more;
		rp_finish(p, s, RE_OK);
		return 0;
	}
	if (b[0] == FXP_HANDLE && s->state == RP_OPENING) {
		if (len < 9 || (n = rp_get_u32(b + 5)) > len - 9 || n == 0 ||
		    n > RP_HANDLE_MAX)
			goto bad;
		memcpy(s->handle, b + 9, n);
		s->hlen = n;
		s->state = RP_READING;
		goto more;
	}
	if (b[0] == FXP_DATA && s->state == RP_READING) {
		r = s->reads[k];
		if (len < 9 || (n = rp_get_u32(b + 5)) > len - 9 || n > r.len)
			goto bad;
		s->reads[k] = s->reads[--s->nreads];
		rp_got_data(s, &r, b + 9, n);
		/* No data where data was due would make us ask forever. */
		if (s->next >= s->limit || (n == 0 && r.off == s->next)) {
			rp_finish(p, s, RE_OK);
			return 0;
		}
		goto more;
	}
bad:
	free(p->cause);
	p->cause = xasprintf("the SFTP server sent a malformed reply "
	    "(type %u)", (unsigned)b[0]);
	return -1;
more:
	rp_issue_reads(p, s);
	return 0;
}

/* Sends what is queued, reads what has come and handles it. Returns 1
 * on progress, 0 when everything would block, -1 with p->cause. */
static int
rp_pump(struct rp *p)
{
	ssize_t w, r;
	size_t off;
	uint32_t len;
	int progress = 0;

	while (p->outoff < p->outlen) {
		w = libssh2_channel_write(p->ch, (const char *)p->out +
		    p->outoff, p->outlen - p->outoff);
		if (w == LIBSSH2_ERROR_EAGAIN)
			break;
		if (w < 0)
			goto fail;
		p->outoff += (size_t)w;
		progress = 1;
	}
	for (;;) {
		r = libssh2_channel_read(p->ch, (char *)p->in + p->inlen,
		    RP_MAX_PACKET + 4 - p->inlen);
		if (r == LIBSSH2_ERROR_EAGAIN)
			break;
		if (r < 0)
			goto fail;
		if (r == 0) {
			if (libssh2_channel_eof(p->ch)) {
				p->cause = xstrdup("the server closed the SFTP "
				    "channel");
				return -1;
			}
			break;
		}
		p->inlen += (size_t)r;
		progress = 1;
		for (off = 0; p->inlen - off >= 4; off += 4 + len) {
			len = rp_get_u32(p->in + off);
			if (len == 0 || len > RP_MAX_PACKET) {
				p->cause = xasprintf("the SFTP server sent a "
				    "packet of %u bytes", len);
				return -1;
			}
			if (p->inlen - off - 4 < len)
				break;
			if (rp_packet(p, p->in + off + 4, len) == -1)
				return -1;
		}
		memmove(p->in, p->in + off, p->inlen - off);
		p->inlen -= off;
	}
	return progress;
fail:
	free(p->cause);
	{
		char *msg = NULL;

		libssh2_session_last_error(p->c->session, &msg, NULL, 0);
		p->cause = xasprintf("SFTP transfer failed: %s",
		    msg != NULL ? msg : "unknown error");
	}
	return -1;
}

/* Waits for the socket in the direction libssh2 is blocked on. Returns
 * 0, or -1 with p->cause once the deadline has passed. */
static int
rp_wait(struct rp *p)
{
	struct pollfd pfd;
	long ms;
	int dirs;

	if ((ms = ssh_arm_timeout(p->c)) == 0) {
		p->cause = xstrdup("reading files timed out (timeout)");
		return -1;
	}
	dirs = libssh2_session_block_directions(p->c->session);
	pfd.fd = p->c->fd;
	pfd.events = 0;
	if (dirs & LIBSSH2_SESSION_BLOCK_INBOUND)
		pfd.events |= POLLIN;
	if (dirs & LIBSSH2_SESSION_BLOCK_OUTBOUND)
		pfd.events |= POLLOUT;
	if (pfd.events == 0)
		pfd.events = POLLIN;
	if (poll(&pfd, 1, ms > 1000 ? 1000 : (int)ms) == -1 && errno != EINTR) {
		p->cause = xasprintf("poll: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Opens the second channel with the sftp subsystem (blocking). */
static LIBSSH2_CHANNEL *
rp_channel(struct ssh_conn *c, char **cause)
{
	LIBSSH2_CHANNEL *ch;
	char *msg = NULL;

	ch = libssh2_channel_open_ex(c->session, "session", 7, RP_WINDOW,
	    LIBSSH2_CHANNEL_PACKET_DEFAULT, NULL, 0);
	if (ch != NULL && libssh2_channel_subsystem(ch, "sftp") == 0) {
		libssh2_channel_handle_extended_data2(ch,
		    LIBSSH2_CHANNEL_EXTENDED_DATA_IGNORE);
		return ch;
	}
	libssh2_session_last_error(c->session, &msg, NULL, 0);
	*cause = xasprintf("cannot open a second SFTP channel: %s (the "
	    "server may allow one session per connection: MaxSessions)",
	    msg != NULL ? msg : "unknown error");
	if (ch != NULL)
		libssh2_channel_free(ch);
	return NULL;
}

/*
 * The slow path when the server refuses a second channel (MaxSessions
 * 1): one file after the other through libssh2's API. Returns 0, or -1
 * with *cause when the session itself fails.
 */
static int
rp_serial(struct ssh_conn *c, const struct remote_read_req *reqs, size_t n,
    size_t max_bytes, remote_done done, void *arg, char **cause)
{
	LIBSSH2_SFTP_HANDLE *h;
	enum remote_error err;
	char *data = NULL, *why = NULL;
	size_t len, cap = 0, want;
	ssize_t rc;

	for (size_t i = 0; i < n; i++) {
		if (remote_arm(c, "cannot read", reqs[i].path, &err, cause) == -1)
			goto fail;
		h = libssh2_sftp_open_ex(c->sftp, reqs[i].path,
		    (unsigned)strlen(reqs[i].path), LIBSSH2_FXF_READ, 0,
		    LIBSSH2_SFTP_OPENFILE);
		len = 0;
		rc = h != NULL ? 1 : -1;
		if (h != NULL && reqs[i].offset > 0)
			libssh2_sftp_seek64(h, reqs[i].offset);
		while (h != NULL && len < max_bytes) {
			want = max_bytes - len;
			if (want > REMOTE_READ_BUF)
				want = REMOTE_READ_BUF;
			if (len + want > cap) {
				cap = len + want;
				data = xreallocarray(data, cap, 1);
			}
			ssh_arm_timeout(c);
			if ((rc = libssh2_sftp_read(h, data + len, want)) <= 0)
				break;
			len += (size_t)rc;
		}
		if (rc < 0) {
			remote_fail(c, "cannot read", reqs[i].path, &err, &why);
			free(why);
			why = NULL;
			if (libssh2_session_last_errno(c->session) !=
			    LIBSSH2_ERROR_SFTP_PROTOCOL) {
				*cause = xasprintf("reading %s: the session "
				    "failed", reqs[i].path);
				if (h != NULL)
					libssh2_sftp_close(h);
				goto fail;
			}
			done(arg, i, NULL, 0, err);
		} else
			done(arg, i, data != NULL ? data : "", len, RE_OK);
		if (h != NULL) {
			ssh_arm_timeout(c);
			libssh2_sftp_close(h);
		}
	}
	free(data);
	return 0;
fail:
	free(data);
	return -1;
}

int
remote_read_many(struct ssh_conn *c, const struct remote_read_req *reqs,
    size_t n, size_t max_bytes, unsigned inflight, remote_done done,
    void *arg, char **cause)
{
	static const unsigned char init[] = { 0, 0, 0, 3 };
	struct rp p;
	int r = 0, pr;

	if (n == 0)
		return 0;
	if (ssh_arm_timeout(c) == 0) {
		*cause = xstrdup("reading files: the host's timeout has run "
		    "out");
		return -1;
	}
	memset(&p, 0, sizeof p);
	if (max_bytes == 0)
		max_bytes = REMOTE_MANY_MAX_BYTES;
	if ((p.ch = rp_channel(c, &p.cause)) == NULL) {
		log_notice(c->label, "%s; reading files one by one", p.cause);
		free(p.cause);
		return rp_serial(c, reqs, n, max_bytes, done, arg, cause);
	}
	p.c = c;
	p.reqs = reqs;
	p.n = n;
	p.max_bytes = max_bytes;
	p.done = done;
	p.arg = arg;
	p.nslots = inflight < 1 ? 1 : inflight > RP_INFLIGHT_MAX ?
	    RP_INFLIGHT_MAX : inflight;
	p.slots = xcalloc(p.nslots, sizeof *p.slots);
	p.in = xmalloc(RP_MAX_PACKET + 4);
	p.next_id = 1;
	rp_queue(&p, FXP_INIT, init, sizeof init);

	libssh2_session_set_blocking(c->session, 0);
	while (p.next_req < n || p.active > 0) {
		for (unsigned i = 0; p.ready && i < p.nslots && p.next_req < n;
		    i++)
			if (p.slots[i].state == RP_FREE)
				rp_start(&p, &p.slots[i]);
		if ((pr = rp_pump(&p)) == -1 || (pr == 0 && rp_wait(&p) == -1)) {
			r = -1;
			break;
		}
	}
	libssh2_session_set_blocking(c->session, 1);

	for (unsigned i = 0; i < p.nslots; i++)
		free(p.slots[i].data);
	free(p.slots);
	free(p.in);
	free(p.out);
	/* Closing the channel ends the server's sftp process, which closes
	 * any handle whose CLOSE reply we did not wait for. */
	libssh2_session_set_timeout(c->session, r == 0 ? 5000 : 1000);
	libssh2_channel_close(p.ch);
	libssh2_channel_free(p.ch);
	ssh_arm_timeout(c);
	if (r == -1)
		*cause = p.cause;
	else
		free(p.cause);
	return r;
}

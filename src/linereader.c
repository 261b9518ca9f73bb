/*
 * Splits a byte stream into lines, inflating gzip on the way when asked.
 * Memory is one line buffer of max_line bytes (plus a possible '\r' and
 * the NUL), one inflate window and one output buffer: a file with no
 * newline at all costs no more than a file of short lines.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "linereader.h"
#include "xmalloc.h"

#define LR_ZOUT	(64 * 1024)

struct linereader {
	linereader_cb	 cb;
	void		*arg;
	size_t		 max_line;
	char		*buf;		/* max_line + 2: a '\r' and the NUL */
	size_t		 len;
	bool		 discard;	/* skipping the rest of a long line */

	bool		 gz;
	z_stream	 z;
	bool		 z_ready;	/* inflateInit2 done */
	bool		 z_in_member;	/* inside a member, not at its end */
	bool		 z_failed;
	char		*zout;
};

struct linereader *
linereader_new(bool gz, size_t max_line, linereader_cb cb, void *arg)
{
	struct linereader	*lr;

	lr = xcalloc(1, sizeof *lr);
	lr->cb = cb;
	lr->arg = arg;
	lr->max_line = max_line == 0 ? 1 : max_line;
	lr->buf = xmalloc(lr->max_line + 2);
	lr->gz = gz;
	if (gz)
		lr->zout = xmalloc(LR_ZOUT);
	return lr;
}

void
linereader_free(struct linereader *lr)
{
	if (lr == NULL)
		return;
	if (lr->z_ready)
		inflateEnd(&lr->z);
	free(lr->zout);
	free(lr->buf);
	free(lr);
}

/* Hands the buffered line to the callback; overflow when the line goes on
 * past the buffer. Returns the callback's value. */
static int
lr_deliver(struct linereader *lr, bool overflow)
{
	size_t	 len = lr->len;
	bool	 truncated = false;

	lr->len = 0;
	if (!overflow && len > 0 && lr->buf[len - 1] == '\r')
		len--;
	if (overflow || len > lr->max_line) {
		len = lr->max_line;
		truncated = true;
	}
	lr->buf[len] = '\0';
	return lr->cb(lr->arg, lr->buf, len, truncated);
}

/* Splits plain bytes into lines. Returns 0 or the callback's value. */
static int
lr_split(struct linereader *lr, const char *data, size_t n)
{
	const char	*nl;
	size_t		 take, room;
	int		 rv;

	while (n > 0) {
		nl = memchr(data, '\n', n);
		take = nl != NULL ? (size_t)(nl - data) : n;
		if (lr->discard) {
			if (nl == NULL)
				return 0;
			lr->discard = false;
		} else {
			/* One byte over max_line may be a '\r' to strip. */
			room = lr->max_line + 1 - lr->len;
			if (take > room) {
				memcpy(lr->buf + lr->len, data, room);
				lr->len += room;
				if ((rv = lr_deliver(lr, true)) != 0)
					return rv;
				lr->discard = nl == NULL;
				if (nl == NULL)
					return 0;
			} else {
				memcpy(lr->buf + lr->len, data, take);
				lr->len += take;
				if (nl == NULL)
					return 0;
				if ((rv = lr_deliver(lr, false)) != 0)
					return rv;
			}
		}
		data += take + 1;
		n -= take + 1;
	}
	return 0;
}

/* Inflates data, member after member. Returns 0, the callback's value,
 * or -1 with *cause. */
static int
lr_inflate(struct linereader *lr, const char *data, size_t n, char **cause)
{
	z_stream	*z = &lr->z;
	size_t		 out;
	int		 zr, rv;

	if (!lr->z_ready) {
		memset(z, 0, sizeof *z);
		/* 15 + 32: a full window, gzip or zlib header detected. */
		if (inflateInit2(z, 15 + 32) != Z_OK) {
			*cause = xstrdup("cannot start zlib");
			lr->z_failed = true;
			return -1;
		}
		lr->z_ready = true;
	}
	z->next_in = (Bytef *)(uintptr_t)data;
	z->avail_in = 0;
	while (n > 0 || z->avail_in > 0) {
		/* avail_in is a uInt: feed huge buffers in slices. */
		if (z->avail_in == 0) {
			z->avail_in = n > (1U << 30) ? (1U << 30) : (uInt)n;
			n -= z->avail_in;
		}
		if (!lr->z_in_member) {
			/* The previous member ended: another one follows. */
			if (inflateReset(z) != Z_OK)
				goto corrupt;
			lr->z_in_member = true;
		}
		do {
			z->next_out = (Bytef *)lr->zout;
			z->avail_out = LR_ZOUT;
			zr = inflate(z, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END &&
			    zr != Z_BUF_ERROR)
				goto corrupt;
			out = LR_ZOUT - z->avail_out;
			if (out > 0 && (rv = lr_split(lr, lr->zout, out)) != 0)
				return rv;
			if (zr == Z_STREAM_END) {
				lr->z_in_member = false;
				break;
			}
		} while (z->avail_out == 0 || (zr == Z_OK && z->avail_in > 0));
	}
	return 0;

corrupt:
	lr->z_failed = true;
	*cause = xasprintf("corrupt gzip data (%s)",
	    z->msg != NULL ? z->msg : "inflate failed");
	return -1;
}

int
linereader_feed(struct linereader *lr, const char *buf, size_t len,
    char **cause)
{
	if (lr->z_failed) {
		*cause = xstrdup("corrupt gzip data");
		return -1;
	}
	if (len == 0)
		return 0;
	if (lr->gz)
		return lr_inflate(lr, buf, len, cause);
	return lr_split(lr, buf, len);
}

int
linereader_finish(struct linereader *lr, char **cause)
{
	if (lr->z_failed) {
		*cause = xstrdup("corrupt gzip data");
		return -1;
	}
	if (lr->gz && lr->z_in_member) {
		*cause = xstrdup("gzip data cut short (truncated file?)");
		return -1;
	}
	if (lr->discard) {
		lr->discard = false;
		return 0;
	}
	if (lr->len == 0)
		return 0;
	return lr_deliver(lr, false);
}

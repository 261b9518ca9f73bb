/* Remote files over SFTP: directory listings with attributes, files as
 * streams read with >= 1 MiB requests, and many small files read with
 * several requests in flight. The only module besides ssh.c that sees
 * libssh2; parsers and metrics never do. */
#ifndef SU_REMOTE_H
#define SU_REMOTE_H

#include <stddef.h>
#include <stdint.h>

#include "ssh.h"

enum remote_kind { RK_FILE, RK_DIR, RK_LINK, RK_OTHER };

struct remote_entry {
	char		*name;
	enum remote_kind kind;	/* from readdir's lstat attributes */
	uint64_t	 size;
	int64_t		 mtime;
	unsigned	 perms;
};

/* Why a remote operation failed, so callers can tell a missing optional
 * path from a real error. */
enum remote_error { RE_OK, RE_NOT_FOUND, RE_PERMISSION, RE_OTHER };

/*
 * Lists path (without "." and ".."), with attributes from readdir, no stat
 * per entry. Returns 0 and an allocated array (free with
 * remote_free_entries), or -1 with *err and *cause set.
 */
int remote_list_dir(struct ssh_conn *c, const char *path,
	struct remote_entry **entries, size_t *n, enum remote_error *err,
	char **cause);
void remote_free_entries(struct remote_entry *entries, size_t n);

/* stat (following links). Returns 0, or -1 with *err and *cause.
 * out->name is set to NULL: nothing in out needs freeing. */
int remote_stat(struct ssh_conn *c, const char *path,
	struct remote_entry *out, enum remote_error *err, char **cause);

/*
 * Reads a whole file, calling sink for each chunk as it arrives (at most
 * 1 MiB of it in memory). Returns 0, sink's non-zero value, or -1 with
 * *err and *cause set.
 */
typedef int (*remote_sink)(void *arg, const char *buf, size_t len);
int remote_read_file(struct ssh_conn *c, const char *path, remote_sink sink,
	void *arg, enum remote_error *err, char **cause);

/* One file for remote_read_many: read from offset to its end. */
struct remote_read_req {
	const char	*path;
	uint64_t	 offset;	/* e.g. size - tail, to read only a tail */
};

/*
 * Reads many (small) files with up to `inflight` (1..64) of them open and
 * read at once, so n files cost about 2 n / inflight round trips instead
 * of 3 n. libssh2 1.10 cannot do this through its SFTP API (it keeps one
 * open and one read state per SFTP session, so interleaved non-blocking
 * calls on several handles mix them up): this speaks SFTP v3 itself on a
 * second channel of the session, in non-blocking mode, bounded by c's
 * deadline; a server that refuses a second channel (MaxSessions 1) gets
 * the files one by one. For each request, done(arg, index, data, len,
 * err) is called exactly once, in any order; data holds the bytes from
 * the request's offset, at most max_bytes of them (0 means
 * REMOTE_MANY_MAX_BYTES), is NULL when err != RE_OK, and is valid only
 * during the call; done must not use c. Returns 0, or -1 with *cause when
 * the session itself failed (then the remaining requests get no call).
 */
#define REMOTE_MANY_MAX_BYTES	(16 * 1024 * 1024)
typedef void (*remote_done)(void *arg, size_t index, const char *data,
	size_t len, enum remote_error err);
int remote_read_many(struct ssh_conn *c, const struct remote_read_req *reqs,
	size_t n, size_t max_bytes, unsigned inflight, remote_done done,
	void *arg, char **cause);

#endif

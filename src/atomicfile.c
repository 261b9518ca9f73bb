/*
 * Atomic file replacement: write "<dir>/.<base>.XXXXXX", fsync it, rename
 * it over the final name, then fsync the directory so the rename itself
 * survives a power cut. Readers see either the old file or the new one,
 * never a prefix of the new one.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "xmalloc.h"

/*
 * The temporary files being written, so that an interrupt (Ctrl-C, a cron
 * job's SIGTERM) removes them instead of leaving them beside the outputs.
 * The main thread writes outputs while workers may save caches, so each
 * writer claims a slot; the handler reads slots without the lock (it only
 * unlinks, and a slot's flag is cleared before its path changes).
 */
#define PENDING_SLOTS 16

static struct {
	char			path[PATH_MAX];
	volatile sig_atomic_t	set;
} pending[PENDING_SLOTS];
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns the slot claimed for tmp_path, or -1 (then it is not cleaned
 * up on a signal, only on the normal paths). */
static int
pending_remember(const char *tmp_path)
{
	size_t len = strlen(tmp_path);
	int slot = -1;

	if (len >= PATH_MAX)
		return -1;
	pthread_mutex_lock(&pending_lock);
	for (int i = 0; i < PENDING_SLOTS; i++)
		if (!pending[i].set) {
			memcpy(pending[i].path, tmp_path, len + 1);
			pending[i].set = 1;
			slot = i;
			break;
		}
	pthread_mutex_unlock(&pending_lock);
	return slot;
}

/* Releases slot if it still holds tmp_path (a zeroed atomic_file says
 * slot 0 without owning it). */
static void
pending_forget(int slot, const char *tmp_path)
{
	if (slot < 0 || slot >= PENDING_SLOTS || tmp_path == NULL)
		return;
	pthread_mutex_lock(&pending_lock);
	if (pending[slot].set && strcmp(pending[slot].path, tmp_path) == 0)
		pending[slot].set = 0;
	pthread_mutex_unlock(&pending_lock);
}

static void
atomic_on_signal(int sig)
{
	for (int i = 0; i < PENDING_SLOTS; i++)
		if (pending[i].set)
			(void)unlink(pending[i].path);	/* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

void
atomic_cleanup_on_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = atomic_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/*
 * Splits path into its directory (".", "/" or the part before the last
 * slash) and base name. Returns 0 with *dir allocated and *base pointing
 * into path, or -1 when path has no base name (empty, or ends in '/').
 */
static int
atomic_split(const char *path, char **dir, const char **base)
{
	const char *slash;

	slash = strrchr(path, '/');
	if (slash == NULL) {
		*dir = xstrdup(".");
		*base = path;
	} else {
		*dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		*base = slash + 1;
	}
	if (**base == '\0') {
		free(*dir);
		*dir = NULL;
		return (-1);
	}
	return (0);
}

/*
 * Creates the temporary file next to path. Returns its descriptor with
 * af->path and af->tmp_path set, or -1 with *cause (af left empty).
 */
static int
atomic_create(struct atomic_file *af, const char *path, char **cause)
{
	char *dir;
	const char *base;
	int fd, saved;

	memset(af, 0, sizeof *af);
	af->pending_slot = -1;
	if (path == NULL || atomic_split(path, &dir, &base) != 0) {
		*cause = xasprintf("%s: not a file name", path ? path : "");
		return (-1);
	}
	if (strcmp(dir, "/") == 0)
		af->tmp_path = xasprintf("/.%s.XXXXXX", base);
	else
		af->tmp_path = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);

	fd = mkostemp(af->tmp_path, O_CLOEXEC);
	if (fd == -1) {
		*cause = xasprintf("%s: cannot create a temporary file: %s",
		    path, strerror(errno));
		free(af->tmp_path);
		af->tmp_path = NULL;
		return (-1);
	}
	/* mkstemp makes 0600; outputs are meant to be shared reports. */
	if (fchmod(fd, 0644) == -1) {
		saved = errno;
		close(fd);
		unlink(af->tmp_path);
		*cause = xasprintf("%s: chmod: %s", af->tmp_path,
		    strerror(saved));
		free(af->tmp_path);
		af->tmp_path = NULL;
		return (-1);
	}
	af->path = xstrdup(path);
	af->pending_slot = pending_remember(af->tmp_path);
	return (fd);
}

static void
atomic_clear(struct atomic_file *af)
{
	pending_forget(af->pending_slot, af->tmp_path);
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof *af);
	af->pending_slot = -1;
}

int
atomic_open(struct atomic_file *af, const char *path, char **cause)
{
	int fd, saved;

	if ((fd = atomic_create(af, path, cause)) == -1)
		return (-1);
	if ((af->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		unlink(af->tmp_path);
		*cause = xasprintf("%s: %s", af->tmp_path, strerror(saved));
		atomic_clear(af);
		return (-1);
	}
	return (0);
}

int
atomic_reserve(struct atomic_file *af, const char *path, char **cause)
{
	int fd;

	if ((fd = atomic_create(af, path, cause)) == -1)
		return (-1);
	close(fd);
	return (0);
}

/*
 * Makes the data of a file that another writer (plplot) filled and
 * closed durable. Returns 0, or -1 with errno set.
 */
static int
atomic_sync_path(const char *path)
{
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	if (fsync(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return (-1);
	}
	return (close(fd));
}

/* Best effort: some file systems refuse fsync on a directory. */
static void
atomic_sync_dir(const char *path)
{
	char *dir;
	const char *base;
	int fd;

	if (atomic_split(path, &dir, &base) != 0)
		return;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
atomic_commit(struct atomic_file *af, char **cause)
{
	int saved;
	const char *what;

	if (af->tmp_path == NULL) {
		*cause = xstrdup("internal error: commit of a file never opened");
		atomic_clear(af);
		return (-1);
	}
	if (af->fp != NULL) {
		what = "write";
		if (fflush(af->fp) != 0)
			goto fail_open;
		/* A write that failed earlier, unseen by the caller. */
		if (ferror(af->fp)) {
			errno = EIO;
			goto fail_open;
		}
		what = "fsync";
		if (fsync(fileno(af->fp)) == -1)
			goto fail_open;
		what = "close";
		if (fclose(af->fp) != 0) {
			af->fp = NULL;
			goto fail;
		}
		af->fp = NULL;
	} else {
		what = "fsync";
		if (atomic_sync_path(af->tmp_path) == -1)
			goto fail;
	}
	what = "rename";
	if (rename(af->tmp_path, af->path) == -1)
		goto fail;
	atomic_sync_dir(af->path);
	atomic_clear(af);
	return (0);

fail_open:
	saved = errno;
	fclose(af->fp);
	af->fp = NULL;
	errno = saved;
fail:
	saved = errno;
	unlink(af->tmp_path);
	*cause = xasprintf("%s: %s: %s", af->path, what, strerror(saved));
	atomic_clear(af);
	return (-1);
}

void
atomic_abort(struct atomic_file *af)
{
	if (af->fp != NULL)
		fclose(af->fp);
	if (af->tmp_path != NULL)
		unlink(af->tmp_path);
	atomic_clear(af);
}

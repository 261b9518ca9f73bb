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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "xmalloc.h"

/*
 * The temporary file being written, so that an interrupt (Ctrl-C, a cron
 * job's SIGTERM) removes it instead of leaving it beside the outputs.
 * Files are written from the main thread only, one at a time.
 */
static char pending_tmp[PATH_MAX];
static volatile sig_atomic_t pending_set;

static void
pending_remember(const char *tmp_path)
{
	pending_set = 0;
	if (strlen(tmp_path) < sizeof pending_tmp) {
		memcpy(pending_tmp, tmp_path, strlen(tmp_path) + 1);
		pending_set = 1;
	}
}

static void
pending_forget(void)
{
	pending_set = 0;
}

static void
atomic_on_signal(int sig)
{
	if (pending_set)
		(void)unlink(pending_tmp);	/* async-signal-safe */
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
	pending_remember(af->tmp_path);
	return (fd);
}

static void
atomic_clear(struct atomic_file *af)
{
	pending_forget();
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof *af);
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

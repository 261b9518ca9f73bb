/* Files written under a temporary name in the same directory and renamed
 * into place: a crash, a kill or a full disk never leaves a half-written
 * file and never destroys the earlier one. */
#ifndef SU_ATOMICFILE_H
#define SU_ATOMICFILE_H

#include <stdio.h>

struct atomic_file {
	char	*path;		/* final name */
	char	*tmp_path;	/* "<dir>/.<base>.XXXXXX" */
	FILE	*fp;
	int	 pending_slot;	/* removed on a signal (see below), or -1 */
};

/* Creates the temporary file (mode 0644). Returns 0, or -1 with *cause. */
int atomic_open(struct atomic_file *af, const char *path, char **cause);
/* Creates only the temporary name (for writers such as plplot that open
 * the file themselves): af->fp stays NULL. Returns 0, or -1 with *cause. */
int atomic_reserve(struct atomic_file *af, const char *path, char **cause);
/* Flushes, fsyncs, closes and renames into place. On failure removes the
 * temporary file. Returns 0, or -1 with *cause. Frees af's members. */
int atomic_commit(struct atomic_file *af, char **cause);
/* Removes the temporary file and frees af's members. */
void atomic_abort(struct atomic_file *af);

/* Installs SIGINT, SIGTERM and SIGHUP handlers that remove the temporary
 * file being written, then die of the signal as before. */
void atomic_cleanup_on_signals(void);

#endif

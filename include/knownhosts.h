/* known_hosts: read (line by line, hashed entries, [host]:port), verify a
 * server's key before authentication, and append one hashed line for
 * accept-new. Anything not positively OK is a refusal. */
#ifndef SU_KNOWNHOSTS_H
#define SU_KNOWNHOSTS_H

#include <stddef.h>

#include <libssh2.h>

enum knownhosts_status {
	KH_OK,		/* a recorded key of this type matches */
	KH_NEW,		/* no key recorded for this host */
	KH_CHANGED,	/* a recorded key of this type differs: possible attack */
	KH_OTHER_TYPE,	/* keys recorded, none of the type the server sent */
	KH_ERROR	/* the file could not be read */
};

/*
 * The key types recorded for host:port in path, as a comma-separated
 * libssh2 method preference ("ssh-ed25519,ecdsa-sha2-nistp256"), or NULL
 * when none are recorded or the file is missing. Set it with
 * libssh2_session_method_pref(LIBSSH2_METHOD_HOSTKEY, ...) before the
 * handshake so the server offers a key we can check. Allocated.
 */
char *knownhosts_key_types(const char *path, const char *host, int port);

/*
 * Checks the session's host key (after the handshake) against path.
 * Unparsable lines are skipped (with a debug message), never the rest of
 * the file. On KH_ERROR *cause is set (allocated).
 */
enum knownhosts_status knownhosts_verify(LIBSSH2_SESSION *session,
	const char *path, const char *host, int port, char **cause);

/*
 * Appends one hashed line for the session's host key (accept-new) with
 * O_APPEND under an fcntl write lock; creates the file (0600) and its
 * directory (0700) when missing. Returns 0, or -1 with *cause.
 */
int knownhosts_append(LIBSSH2_SESSION *session, const char *path,
	const char *host, int port, char **cause);

/* SHA256 fingerprint "SHA256:base64" of the session's host key, as
 * OpenSSH prints it. Allocated. */
char *knownhosts_fingerprint(LIBSSH2_SESSION *session);

#endif

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
	KH_REVOKED,	/* the key is listed under @revoked: always refused */
	KH_ERROR	/* the file could not be read */
};

/*
 * Host key types libssh2 1.10 can verify, in OpenSSH's order of
 * preference, as a libssh2 method list. Used when known_hosts records
 * nothing for a host, so the key we show (and may add) is the one
 * OpenSSH would pick, never a certificate.
 */
#define KNOWNHOSTS_DEFAULT_TYPES \
	"ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384," \
	"ecdsa-sha2-nistp521,ssh-rsa,ssh-dss"

/*
 * The key types recorded for host:port in path, as a comma-separated
 * libssh2 method preference ("ssh-ed25519,ecdsa-sha2-nistp256"), or NULL
 * when none are recorded or the file is missing. Set it with
 * libssh2_session_method_pref(LIBSSH2_METHOD_HOSTKEY, ...) before the
 * handshake so the server offers a key we can check. Types libssh2 cannot
 * verify are left out. Allocated.
 */
char *knownhosts_key_types(const char *path, const char *host, int port);

/*
 * The name known_hosts files use for host:port: "host" for port 22,
 * "[host]:port" otherwise, lower-cased as OpenSSH does. Allocated.
 */
char *knownhosts_host_name(const char *host, int port);

/*
 * Checks a key blob (SSH wire format, whose first string is its type)
 * against path. Unparsable lines are skipped (with a debug message),
 * never the rest of the file; @cert-authority lines are skipped; a
 * matching @revoked line wins over everything. A missing file is KH_NEW.
 * *lineno (when non-NULL) is set to the line that decided the status
 * (the matching, differing or revoked entry), else 0. On KH_ERROR *cause
 * is set (allocated); otherwise it is left alone.
 */
enum knownhosts_status knownhosts_check_key(const char *path,
	const char *host, int port, const unsigned char *blob, size_t len,
	unsigned long *lineno, char **cause);

/*
 * Checks the session's host key (after the handshake) against path, as
 * knownhosts_check_key. On KH_ERROR *cause is set (allocated).
 */
enum knownhosts_status knownhosts_verify(LIBSSH2_SESSION *session,
	const char *path, const char *host, int port, char **cause);

/*
 * Appends one hashed line ("|1|salt|hash type key") for a key blob with
 * O_APPEND under an fcntl write lock (and a mutex, since fcntl locks do
 * not exclude threads of one process); creates the file (0600) and its
 * directory (0700) when missing. Nothing is written when the key is
 * already recorded by the time the lock is held. Returns 0, or -1 with
 * *cause (allocated).
 */
int knownhosts_append_key(const char *path, const char *host, int port,
	const unsigned char *blob, size_t len, char **cause);

/* knownhosts_append_key for the session's host key. */
int knownhosts_append(LIBSSH2_SESSION *session, const char *path,
	const char *host, int port, char **cause);

/*
 * The type name inside a key blob ("ssh-ed25519"), allocated, or NULL
 * when the blob does not start with a sane type string.
 */
char *knownhosts_blob_type(const unsigned char *blob, size_t len);

/* Short lower-case name of a key type for messages: "ssh-ed25519" gives
 * "ed25519", "ecdsa-sha2-nistp256" gives "ecdsa"; unknown types are
 * returned as given. Never NULL; static or type itself. */
const char *knownhosts_type_label(const char *type);

/* SHA256 fingerprint "SHA256:base64" (no padding) of a key blob, as
 * OpenSSH prints it. Allocated. */
char *knownhosts_fingerprint_blob(const unsigned char *blob, size_t len);

/* The same for the session's host key; NULL if there is none. */
char *knownhosts_fingerprint(LIBSSH2_SESSION *session);

#endif

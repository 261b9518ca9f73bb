/* One SSH connection to one host: TCP connect with a deadline (IPv4 and
 * IPv6), handshake, host-key verification, authentication, SFTP. */
#ifndef SU_SSH_H
#define SU_SSH_H

#include <stdbool.h>
#include <stdint.h>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include "config.h"

struct ssh_conn {
	int			 fd;
	LIBSSH2_SESSION		*session;
	LIBSSH2_SFTP		*sftp;
	const char		*label;	/* borrowed, for messages */
	double			 deadline; /* CLOCK_MONOTONIC s, from ssh_open */
};

struct ssh_options {
	bool	accept_new;	/* --accept-new: overrides host_key_policy */
	bool	interactive;	/* stdin is a terminal: prompts allowed */
};

/*
 * Connects to hc and opens SFTP, giving up at deadline (CLOCK_MONOTONIC
 * seconds). Verifies the host key before any authentication (see
 * knownhosts.h), then tries ssh-agent (when SSH_AUTH_SOCK is set), then
 * hc's identity files (passphrase prompt only when interactive), then
 * keyboard-interactive and password (only when interactive). Returns a
 * connection whose libssh2 calls are bounded by the time left until
 * deadline, or NULL with *cause set to one allocated line that says what
 * to do. The caller closes it with ssh_close.
 */
struct ssh_conn *ssh_open(const struct host_config *hc,
	const struct ssh_options *opts, double deadline, char **cause);

/* Shuts SFTP and the session down (briefly bounded, even past the
 * deadline) and frees everything. NULL is allowed. */
void ssh_close(struct ssh_conn *c);

/* CLOCK_MONOTONIC now, in seconds. */
double ssh_monotonic_now(void);

/*
 * Milliseconds left until c's deadline (0 when it has passed), and sets
 * libssh2's timeout for the next blocking call to it. Callers check for 0
 * and give up before starting a new operation.
 */
long ssh_arm_timeout(struct ssh_conn *c);

#endif

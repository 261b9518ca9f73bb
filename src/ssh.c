/* One SSH connection: connect (bounded), handshake, host key, auth, SFTP.
 * Every failure becomes one line in *cause that says what to do; the
 * host-key refusal for a changed key is also logged as loudly as OpenSSH
 * does it, because it may be an attack. */
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "knownhosts.h"
#include "log.h"
#include "ssh.h"
#include "strlist.h"
#include "xmalloc.h"

#define SSH_CLOSE_TIMEOUT_MS	2000
#define SSH_PASSPHRASE_TRIES	3
#define SSH_RSA_NOTE "RSA keys cannot work with libssh2 1.10 against " \
	"OpenSSH >= 8.8: use an ed25519 key"

/* State of one authentication attempt, for the failure message. */
struct ssh_auth {
	struct ssh_conn			*c;
	const struct host_config	*hc;
	const struct ssh_options	*opts;
	struct strlist			 tried;
	int				 rsa_tried;
	char				*note;	/* why a key was skipped */
};

/* Serialises terminal prompts: hosts are collected in parallel. */
static pthread_mutex_t ssh_tty_lock = PTHREAD_MUTEX_INITIALIZER;

double
ssh_monotonic_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
ssh_ms_left(double deadline)
{
	double left = (deadline - ssh_monotonic_now()) * 1000.0;

	if (left <= 0)
		return 0;
	if (left > 86400e3)
		return 86400000L;
	return left < 1 ? 1 : (long)left;
}

long
ssh_arm_timeout(struct ssh_conn *c)
{
	long ms = ssh_ms_left(c->deadline);

	/* libssh2 reads 0 as "no timeout": never pass it. */
	libssh2_session_set_timeout(c->session, ms > 0 ? ms : 1);
	return ms;
}

/* libssh2's last error message for the session (static, never NULL). */
static const char *
ssh_errmsg(LIBSSH2_SESSION *session, int *code)
{
	char *msg = NULL;
	int rc;

	rc = libssh2_session_last_error(session, &msg, NULL, 0);
	if (code != NULL)
		*code = rc;
	return msg != NULL && *msg != '\0' ? msg : "unknown error";
}

/* Connects to one address, waiting at most ms. Returns fd or -1/errno. */
static int
ssh_connect_addr(const struct addrinfo *ai, long ms)
{
	struct pollfd pfd;
	socklen_t len;
	int fd, err, r;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd == -1)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		err = errno;
		goto fail;
	}
	pfd.fd = fd;
	pfd.events = POLLOUT;
	while ((r = poll(&pfd, 1, (int)ms)) == -1 && errno == EINTR)
		continue;
	if (r <= 0) {
		err = r == 0 ? ETIMEDOUT : errno;
		goto fail;
	}
	len = sizeof err;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		err = errno;
	if (err == 0)
		return fd;
fail:
	close(fd);
	errno = err;
	return -1;
}

/* What to do about a connect errno. */
static const char *
ssh_connect_hint(int err)
{
	switch (err) {
	case ECONNREFUSED:
		return "is sshd running there, and is `port` right?";
	case ETIMEDOUT:
		return "check the host name, the port and any firewall, or "
		    "raise connect_timeout";
	case EHOSTUNREACH:
	case ENETUNREACH:
		return "check the network route (VPN?) to the host";
	default:
		return "check the host name and port";
	}
}

/*
 * Resolves and connects, trying each address (IPv6 and IPv4) for at most
 * connect_timeout seconds, never past deadline. Name resolution itself
 * is not bounded (getaddrinfo has no timeout). Returns a non-blocking
 * fd, or -1 with *cause.
 */
static int
ssh_tcp_connect(const struct host_config *hc, double deadline, char **cause)
{
	struct addrinfo hints, *res, *ai;
	char portstr[16];
	int fd = -1, err = 0, r, naddr = 0, timeout, by_deadline = 0;
	long ms;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(portstr, sizeof portstr, "%d", hc->port);
	if ((r = getaddrinfo(hc->hostname, portstr, &hints, &res)) != 0) {
		*cause = xasprintf("cannot resolve %s: %s; check `hostname` "
		    "for this host", hc->hostname, r == EAI_SYSTEM ?
		    strerror(errno) : gai_strerror(r));
		return -1;
	}
	timeout = hc->connect_timeout > 0 ? hc->connect_timeout : 10;
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		ms = ssh_ms_left(deadline);
		if (ms == 0) {
			err = ETIMEDOUT;
			break;
		}
		by_deadline = ms <= timeout * 1000L;
		if (!by_deadline)
			ms = timeout * 1000L;
		naddr++;
		if ((fd = ssh_connect_addr(ai, ms)) == -1) {
			err = errno;
			log_debug(NULL, "%s port %d: address %d: %s",
			    hc->hostname, hc->port, naddr, strerror(err));
		}
	}
	freeaddrinfo(res);
	if (fd != -1)
		return fd;
	if (err == ETIMEDOUT && by_deadline)
		*cause = xasprintf("cannot connect to %s port %d: Connection "
		    "timed out: the host's timeout (%d s) ran out; %s",
		    hc->hostname, hc->port, hc->timeout, ssh_connect_hint(err));
	else if (err == ETIMEDOUT)
		*cause = xasprintf("cannot connect to %s port %d: Connection "
		    "timed out after %d s%s; %s", hc->hostname, hc->port,
		    timeout, naddr > 1 ? " (each address)" : "",
		    ssh_connect_hint(err));
	else
		*cause = xasprintf("cannot connect to %s port %d: %s%s; %s",
		    hc->hostname, hc->port, strerror(err),
		    naddr > 1 ? " (every address)" : "", ssh_connect_hint(err));
	return -1;
}

/*
 * Reads one line from /dev/tty after printing prompt, with echo off
 * unless echo. Returns an allocated string (the caller wipes and frees
 * it), or NULL when there is no terminal or it reached end of file.
 */
static char *
ssh_tty_read(const char *prompt, int echo)
{
	struct termios old, raw;
	char buf[1024], c, *s = NULL;
	size_t n = 0;
	int fd, restore = 0;
	ssize_t r;

	if ((fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
		return NULL;
	pthread_mutex_lock(&ssh_tty_lock);
	if (!echo && tcgetattr(fd, &old) == 0) {
		raw = old;
		raw.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		restore = tcsetattr(fd, TCSAFLUSH, &raw) == 0;
	}
	/* A terminal that cannot be written to still gets read. */
	r = write(fd, prompt, strlen(prompt));
	while ((r = read(fd, &c, 1)) == 1 || (r == -1 && errno == EINTR)) {
		if (r == 1 && (c == '\n' || c == '\r'))
			break;
		if (r == 1 && n < sizeof buf - 1)
			buf[n++] = c;
	}
	buf[n] = '\0';
	if (r == 1 || n > 0)
		s = xstrdup(buf);
	if (restore) {
		tcsetattr(fd, TCSAFLUSH, &old);
		r = write(fd, "\n", 1);
	}
	pthread_mutex_unlock(&ssh_tty_lock);
	close(fd);
	explicit_bzero(buf, sizeof buf);
	return s;
}

static void
ssh_kbdint(const char *name, int name_len, const char *instruction,
    int instruction_len, int num_prompts,
    const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
    LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)
{
	char *text, *answer;

	for (int i = 0; i < num_prompts; i++) {
		/* Server text on our terminal: printable ASCII only. */
		text = xstrndup(prompts[i].text, prompts[i].length);
		for (char *p = text; *p != '\0'; p++)
			if (*p < 0x20 || *p >= 0x7f)
				*p = '?';
		answer = ssh_tty_read(text, prompts[i].echo);
		free(text);
		/* libssh2 frees responses with its allocator (malloc). */
		responses[i].text = answer != NULL ? answer : xstrdup("");
		responses[i].length = (unsigned)strlen(responses[i].text);
	}
}

/* Type and encryption of a private key file, from its .pub or its
 * header: sets *type (allocated or NULL) and *encrypted. */
static void
ssh_key_info(const char *path, char **type, int *encrypted)
{
	char buf[16384], b64[16384], *pub, *p;
	unsigned char raw[12288];
	size_t n = 0, m = 0;
	FILE *fp;
	int len;

	*type = NULL;
	*encrypted = 0;
	pub = xasprintf("%s.pub", path);
	if ((fp = fopen(pub, "re")) != NULL) {
		if (fgets(buf, 256, fp) != NULL && (p = strchr(buf, ' ')))
			*type = xstrndup(buf, (size_t)(p - buf));
		fclose(fp);
	}
	free(pub);
	if ((fp = fopen(path, "re")) == NULL)
		return;
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if (strstr(buf, "ENCRYPTED") != NULL)	/* PEM and PKCS#8 */
		*encrypted = 1;
	if (*type == NULL && strstr(buf, "BEGIN RSA PRIVATE KEY") != NULL)
		*type = xstrdup("ssh-rsa");
	if ((p = strstr(buf, "BEGIN OPENSSH PRIVATE KEY-----")) == NULL)
		return;
	/* openssh-key-v1\0, string cipher, string kdf, string kdfopts,
	 * uint32 nkeys, string pubkey (whose first string is its type). */
	for (p += 30; *p != '\0' && *p != '-' && m < sizeof b64 - 4; p++)
		if (*p != '\n' && *p != '\r')
			b64[m++] = *p;
	m -= m % 4;
	len = EVP_DecodeBlock(raw, (unsigned char *)b64, (int)m);
	if (len < 15 + 4 || memcmp(raw, "openssh-key-v1", 15) != 0)
		return;
	size_t off = 15, sl;
	for (int field = 0; field < 3; field++) {
		if (off + 4 > (size_t)len)
			return;
		sl = (size_t)raw[off] << 24 | (size_t)raw[off + 1] << 16 |
		    (size_t)raw[off + 2] << 8 | raw[off + 3];
		if (sl > (size_t)len - off - 4)
			return;
		if (field == 0)
			*encrypted = !(sl == 4 && memcmp(raw + off + 4, "none",
			    4) == 0);
		off += 4 + sl;
	}
	if (*type == NULL && off + 8 <= (size_t)len)
		*type = knownhosts_blob_type(raw + off + 8, (size_t)len - off - 8);
}

/* Whether an auth return code leaves the session usable for another
 * method. */
static int
ssh_auth_recoverable(int rc)
{
	return rc == LIBSSH2_ERROR_AUTHENTICATION_FAILED ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED ||
	    rc == LIBSSH2_ERROR_FILE || rc == LIBSSH2_ERROR_AGENT_PROTOCOL ||
	    rc == LIBSSH2_ERROR_METHOD_NOT_SUPPORTED;
}

/* ssh-agent. Returns 1 authenticated, 0 not, -1 session broken. */
static int
ssh_auth_agent(struct ssh_auth *a, const char *user)
{
	LIBSSH2_SESSION *s = a->c->session;
	LIBSSH2_AGENT *agent;
	struct libssh2_agent_publickey *id, *prev = NULL;
	const char *sock;
	char *type;
	int rc, result = 0, nkeys = 0;

	if ((sock = getenv("SSH_AUTH_SOCK")) == NULL || *sock == '\0')
		return 0;
	if ((agent = libssh2_agent_init(s)) == NULL)
		return 0;
	if (libssh2_agent_connect(agent) != 0 ||
	    libssh2_agent_list_identities(agent) != 0) {
		strlist_add(&a->tried, "ssh-agent (unreachable)");
		libssh2_agent_free(agent);
		return 0;
	}
	while (result == 0 && libssh2_agent_get_identity(agent, &id, prev) == 0) {
		nkeys++;
		type = knownhosts_blob_type(id->blob, id->blob_len);
		if (type != NULL && strcmp(type, "ssh-rsa") == 0)
			a->rsa_tried = 1;
		free(type);
		ssh_arm_timeout(a->c);
		rc = libssh2_agent_userauth(agent, user, id);
		if (rc == 0)
			result = 1;
		else if (!ssh_auth_recoverable(rc))
			result = -1;
		prev = id;
	}
	strlist_add(&a->tried, nkeys > 0 ? "ssh-agent" : "ssh-agent (no keys)");
	libssh2_agent_disconnect(agent);
	libssh2_agent_free(agent);
	return result;
}

/* One identity file (config.c has expanded "~/"). Returns 1
 * authenticated, 0 not, -1 session broken. */
static int
ssh_auth_file(struct ssh_auth *a, const char *user, const char *path)
{
	char *pub, *type, *pass = NULL, *prompt;
	int encrypted, rc = 0, tries = 0, result = 0;
	const char *pubarg;

	if (access(path, R_OK) == -1)
		return 0;
	ssh_key_info(path, &type, &encrypted);
	pub = xasprintf("%s.pub", path);
	pubarg = access(pub, R_OK) == 0 ? pub : NULL;
	if (encrypted && !a->opts->interactive) {
		free(a->note);
		a->note = xasprintf("%s is passphrase-protected and there is "
		    "no terminal to ask for it: load it into ssh-agent", path);
		goto out;
	}
	if (type != NULL && strcmp(type, "ssh-rsa") == 0)
		a->rsa_tried = 1;
	strlist_add(&a->tried, path);
	do {
		if (encrypted) {
			prompt = xasprintf("Enter passphrase for key '%s': ",
			    path);
			pass = ssh_tty_read(prompt, 0);
			free(prompt);
			if (pass == NULL)
				break;
		}
		ssh_arm_timeout(a->c);
		rc = libssh2_userauth_publickey_fromfile_ex(a->c->session,
		    user, (unsigned)strlen(user), pubarg, path,
		    pass != NULL ? pass : "");
		if (pass != NULL) {
			explicit_bzero(pass, strlen(pass));
			free(pass);
			pass = NULL;
		}
		if (rc == 0)
			result = 1;
		else if (!ssh_auth_recoverable(rc))
			result = -1;
		else if (rc == LIBSSH2_ERROR_FILE && !encrypted) {
			free(a->note);
			a->note = xasprintf("%s could not be loaded (%s)",
			    path, ssh_errmsg(a->c->session, NULL));
		}
		/* A wrong passphrase shows up as FILE (no .pub: deriving the
		 * public key failed) or PUBLICKEY_UNVERIFIED (signing failed
		 * after the server accepted the .pub key). */
	} while (result == 0 && encrypted && (rc == LIBSSH2_ERROR_FILE ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED) &&
	    ++tries < SSH_PASSPHRASE_TRIES);
	if (result == 0 && encrypted && (rc == LIBSSH2_ERROR_FILE ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED)) {
		free(a->note);
		a->note = xasprintf("the passphrase for %s was not accepted",
		    path);
	}
out:
	free(type);
	free(pub);
	return result;
}

/* Password on the terminal. Returns 1, 0 or -1 as above. */
static int
ssh_auth_password(struct ssh_auth *a, const char *user)
{
	char *prompt, *pw;
	int rc;

	prompt = xasprintf("%s@%s's password: ", user, a->hc->hostname);
	pw = ssh_tty_read(prompt, 0);
	free(prompt);
	if (pw == NULL)
		return 0;
	strlist_add(&a->tried, "password");
	ssh_arm_timeout(a->c);
	rc = libssh2_userauth_password_ex(a->c->session, user,
	    (unsigned)strlen(user), pw, (unsigned)strlen(pw), NULL);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc == 0)
		return 1;
	return ssh_auth_recoverable(rc) ? 0 : -1;
}

/* Authenticates as hc->user. Returns 0, or -1 with *cause. */
static int
ssh_authenticate(struct ssh_conn *c, const struct host_config *hc,
    const struct ssh_options *opts, char **cause)
{
	struct ssh_auth a;
	const char *user = hc->user, *methods;
	char *tried = NULL, *tmp;
	int r = 0;

	memset(&a, 0, sizeof a);
	a.c = c;
	a.hc = hc;
	a.opts = opts;
	ssh_arm_timeout(c);
	methods = libssh2_userauth_list(c->session, user,
	    (unsigned)strlen(user));
	if (methods == NULL) {
		if (libssh2_userauth_authenticated(c->session))
			return 0;
		*cause = xasprintf("authentication with %s failed: %s",
		    hc->hostname, ssh_errmsg(c->session, NULL));
		return -1;
	}
	log_debug(c->label, "server accepts: %s", methods);
	if (strstr(methods, "publickey") != NULL) {
		r = ssh_auth_agent(&a, user);
		for (size_t i = 0; r == 0 && i < hc->identity_files.n; i++)
			r = ssh_auth_file(&a, user, hc->identity_files.v[i]);
	}
	if (r == 0 && opts->interactive &&
	    strstr(methods, "keyboard-interactive") != NULL) {
		strlist_add(&a.tried, "keyboard-interactive");
		ssh_arm_timeout(c);
		r = libssh2_userauth_keyboard_interactive_ex(c->session, user,
		    (unsigned)strlen(user), ssh_kbdint) == 0 ? 1 : 0;
	}
	if (r == 0 && opts->interactive && strstr(methods, "password") != NULL)
		r = ssh_auth_password(&a, user);
	if (r == 1 || libssh2_userauth_authenticated(c->session)) {
		strlist_clear(&a.tried);
		free(a.note);
		return 0;
	}
	for (size_t i = 0; i < a.tried.n; i++) {
		tmp = xasprintf("%s%s%s", tried ? tried : "", tried ? ", " : "",
		    a.tried.v[i]);
		free(tried);
		tried = tmp;
	}
	if (r == -1)
		*cause = xasprintf("authentication failed for %s@%s: the "
		    "server closed the session (%s) after trying %s; it may "
		    "allow fewer attempts (MaxAuthTries): remove keys from "
		    "ssh-agent or list only the right identity_file", user,
		    hc->hostname, ssh_errmsg(c->session, NULL),
		    tried ? tried : "nothing");
	else if (strstr(methods, "publickey") == NULL)
		*cause = xasprintf("authentication failed for %s@%s: the "
		    "server accepts only %s%s; enable PubkeyAuthentication "
		    "on the server or run from a terminal", user,
		    hc->hostname, methods, tried ? "" : " (no terminal)");
	else if (tried == NULL && a.note == NULL)
		*cause = xasprintf("authentication failed for %s@%s: no key "
		    "to try (no ssh-agent; no identity_file exists%s%s); create "
		    "one with `ssh-keygen -t ed25519`, set identity_file, and "
		    "add its public key to the server's authorized_keys", user,
		    hc->hostname, hc->identity_files.n > 0 ? ", first looked "
		    "for: " : "", hc->identity_files.n > 0 ?
		    hc->identity_files.v[0] : "");
	else
		*cause = xasprintf("authentication failed for %s@%s: tried "
		    "%s%s%s; add your public key to the server's "
		    "authorized_keys%s%s", user, hc->hostname,
		    tried ? tried : "no key", a.note ? "; " : "",
		    a.note ? a.note : "", a.rsa_tried ? "; " : "",
		    a.rsa_tried ? SSH_RSA_NOTE : "");
	free(tried);
	free(a.note);
	strlist_clear(&a.tried);
	return -1;
}

/* The loud warning, one log line per line, as OpenSSH prints it. */
static void
ssh_warn_changed(const char *label, const char *type, const char *fp,
    const char *file, unsigned long line)
{
	static const char *const banner[] = {
		"@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
		"@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @",
		"@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
		"IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!",
		"Someone could be eavesdropping on you right now "
		    "(man-in-the-middle attack)!",
		"It is also possible that a host key has just been changed.",
	};
	char upper[16];
	size_t i;

	for (i = 0; i < sizeof upper - 1 && type[i] != '\0'; i++)
		upper[i] = (char)(type[i] >= 'a' && type[i] <= 'z' ?
		    type[i] - 32 : type[i]);
	upper[i] = '\0';
	for (i = 0; i < sizeof banner / sizeof banner[0]; i++)
		log_error(label, "%s", banner[i]);
	log_error(label, "The fingerprint for the %s key sent by the remote "
	    "host is", upper);
	log_error(label, "%s.", fp);
	log_error(label, "Please contact your system administrator.");
	log_error(label, "Add correct host key in %s to get rid of this "
	    "message.", file);
	log_error(label, "Offending %s key in %s:%lu", upper, file, line);
	log_error(label, "Host key verification failed.");
}

/* Verifies the session's host key. Returns 0, or -1 with *cause. */
static int
ssh_check_hostkey(struct ssh_conn *c, const struct host_config *hc,
    const struct ssh_options *opts, char **cause)
{
	const unsigned char *key;
	const char *file = hc->known_hosts, *kind;
	char *name, *type, *fp, *recorded, *err = NULL;
	enum knownhosts_status st;
	unsigned long line;
	size_t len;
	int ktype, r = -1;

	key = (const unsigned char *)libssh2_session_hostkey(c->session, &len,
	    &ktype);
	if (key == NULL || (type = knownhosts_blob_type(key, len)) == NULL) {
		*cause = xasprintf("%s sent no usable host key", hc->hostname);
		return -1;
	}
	kind = knownhosts_type_label(type);
	name = knownhosts_host_name(hc->hostname, hc->port);
	fp = knownhosts_fingerprint_blob(key, len);
	st = knownhosts_check_key(file, hc->hostname, hc->port, key, len,
	    &line, &err);
	switch (st) {
	case KH_OK:
		log_debug(c->label, "host key %s %s matches %s:%lu", kind, fp,
		    file, line);
		r = 0;
		break;
	case KH_NEW:
		if (!opts->accept_new && hc->host_key_policy != HKP_ACCEPT_NEW) {
			*cause = xasprintf("host key for %s (%s %s) is not "
			    "known: verify it and add it to %s, or run once "
			    "with --accept-new", name, kind, fp, file);
			break;
		}
		if (knownhosts_append_key(file, hc->hostname, hc->port, key,
		    len, &err) == -1) {
			*cause = xasprintf("cannot record the host key for %s: "
			    "%s", name, err);
			break;
		}
		log_notice(c->label, "added %s key %s for %s to %s", kind, fp,
		    name, file);
		r = 0;
		break;
	case KH_CHANGED:
		ssh_warn_changed(c->label, kind, fp, file, line);
		*cause = xasprintf("host key for %s has CHANGED (%s %s): "
		    "possible man-in-the-middle attack; if the change is "
		    "expected, remove the old key with `ssh-keygen -R '%s' "
		    "-f %s`", name, kind, fp, name, file);
		break;
	case KH_OTHER_TYPE:
		recorded = knownhosts_key_types(file, hc->hostname, hc->port);
		*cause = xasprintf("host key for %s is %s (%s) but %s records "
		    "only other key types for it (%s, line %lu): the server's "
		    "keys may have changed; verify the new key with its "
		    "administrator and add it to %s%s", name, kind, fp, file,
		    recorded ? recorded : "not usable by libssh2", line, file,
		    recorded && strcmp(recorded, "ssh-rsa") == 0 ? " (libssh2 "
		    "1.10 cannot check ssh-rsa host keys against OpenSSH >= "
		    "8.8)" : "");
		free(recorded);
		break;
	case KH_REVOKED:
		*cause = xasprintf("host key for %s (%s %s) is marked "
		    "@revoked in %s:%lu: refusing to connect; ask the "
		    "server's administrator for its new key", name, kind, fp,
		    file, line);
		break;
	case KH_ERROR:
		*cause = xasprintf("cannot verify the host key for %s: %s; "
		    "check `known_hosts`", name, err);
		break;
	}
	free(err);
	free(fp);
	free(name);
	free(type);
	return r;
}

/* A fresh session over a fresh connection, handshaken with host key
 * types prefs. Returns 0, or -1 with *cause and *kex_failed. */
static int
ssh_handshake(struct ssh_conn *c, const struct host_config *hc,
    const char *prefs, char **cause, int *kex_failed)
{
	const char *msg;
	int rc, code;
	long ms;

	*kex_failed = 0;
	if ((c->fd = ssh_tcp_connect(hc, c->deadline, cause)) == -1)
		return -1;
	if ((c->session = libssh2_session_init()) == NULL)
		fatal("libssh2_session_init failed");
	if (libssh2_session_method_pref(c->session, LIBSSH2_METHOD_HOSTKEY,
	    prefs) != 0)
		log_debug(c->label, "host key preference %s refused", prefs);
	libssh2_session_set_blocking(c->session, 1);
	if ((ms = ssh_arm_timeout(c)) == 0) {
		*cause = xasprintf("timed out (timeout %d s) before the SSH "
		    "handshake with %s", hc->timeout, hc->hostname);
		return -1;
	}
	if ((rc = libssh2_session_handshake(c->session, c->fd)) == 0)
		return 0;
	msg = ssh_errmsg(c->session, &code);
	*kex_failed = rc == LIBSSH2_ERROR_KEX_FAILURE;
	if (rc == LIBSSH2_ERROR_TIMEOUT || code == LIBSSH2_ERROR_TIMEOUT)
		*cause = xasprintf("SSH handshake with %s port %d timed out "
		    "after %.0f s: the server accepted the connection but did "
		    "not complete an SSH handshake; is it an SSH server?",
		    hc->hostname, hc->port, (double)ms / 1000);
	else
		*cause = xasprintf("SSH handshake with %s port %d failed: "
		    "%s; %s", hc->hostname, hc->port, msg, *kex_failed ?
		    "the server offers no host key type or cipher that "
		    "libssh2 1.10 supports (an OpenSSH >= 8.8 server with only "
		    "an RSA host key needs rsa-sha2, which 1.10 lacks: give it "
		    "an ed25519 host key)" : "check that it is an SSH server "
		    "and read its sshd log");
	return -1;
}

/* Frees the session and socket of c, keeping c. */
static void
ssh_drop(struct ssh_conn *c)
{
	if (c->session != NULL) {
		/* Shutting down politely must not hang on a dead peer. */
		libssh2_session_set_blocking(c->session, 1);
		libssh2_session_set_timeout(c->session, SSH_CLOSE_TIMEOUT_MS);
		if (c->sftp != NULL)
			libssh2_sftp_shutdown(c->sftp);
		c->sftp = NULL;
		libssh2_session_disconnect(c->session, "shiny-usage done");
		libssh2_session_free(c->session);
		c->session = NULL;
	}
	if (c->fd != -1) {
		close(c->fd);
		c->fd = -1;
	}
}

struct ssh_conn *
ssh_open(const struct host_config *hc, const struct ssh_options *opts,
    double deadline, char **cause)
{
	struct ssh_conn *c;
	char *recorded, *retry_cause = NULL;
	int kex_failed;

	c = xcalloc(1, sizeof *c);
	c->fd = -1;
	c->label = hc->label;
	c->deadline = deadline;
	recorded = knownhosts_key_types(hc->known_hosts, hc->hostname,
	    hc->port);
	if (ssh_handshake(c, hc, recorded ? recorded : KNOWNHOSTS_DEFAULT_TYPES,
	    cause, &kex_failed) == -1) {
		if (!kex_failed || recorded == NULL)
			goto fail;
		/* The server offers none of the recorded key types: connect
		 * again taking any key, so the refusal can show what it has
		 * now. Verification below will not accept it. */
		ssh_drop(c);
		retry_cause = *cause;
		*cause = NULL;
		if (ssh_handshake(c, hc, KNOWNHOSTS_DEFAULT_TYPES, cause,
		    &kex_failed) == -1) {
			free(*cause);
			*cause = retry_cause;
			retry_cause = NULL;
			goto fail;
		}
		free(retry_cause);
	}
	if (ssh_check_hostkey(c, hc, opts, cause) == -1)
		goto fail;
	if (ssh_authenticate(c, hc, opts, cause) == -1)
		goto fail;
	ssh_arm_timeout(c);
	if ((c->sftp = libssh2_sftp_init(c->session)) == NULL) {
		*cause = xasprintf("cannot start SFTP on %s: %s; the server "
		    "needs `Subsystem sftp` in its sshd_config", hc->hostname,
		    ssh_errmsg(c->session, NULL));
		goto fail;
	}
	free(recorded);
	return c;
fail:
	free(recorded);
	ssh_close(c);
	return NULL;
}

void
ssh_close(struct ssh_conn *c)
{
	if (c == NULL)
		return;
	ssh_drop(c);
	free(c);
}

# A throwaway OpenSSH sshd on 127.0.0.1 for the integration tests.
#
# Sourced by a test after the shared prelude, which has set `set -eu`,
# LC_ALL=C, SANDBOX (a fresh `mktemp -d` directory) and an EXIT trap that
# calls sshd_stop when it is defined. Everything lives under
# $SANDBOX/ssh: generated host and user keys, sshd_config, the log, and a
# known_hosts file of its own. The user's ~/.ssh is never read or
# written: HOME is pointed into the sandbox and SSH_AUTH_SOCK is unset,
# so the tool under test sees only what write_host_conf gives it.
#
#   sshd_setup [--chroot DIR]	generate keys and config, start sshd, wait
#				until it greets; exports SSHD_PORT, SSHD_PID,
#				SSH_USER_KEY, SSH_KNOWN_HOSTS (skips the whole
#				test when sshd or ssh-keygen is missing)
#   sshd_stop			stop it (by pid) and remove chroot dirs
#   write_host_conf CFGDIR LABEL [LINE...]
#				CFGDIR/hosts.d/LABEL.conf (0600) pointing at
#				this sshd; extra "key = value" lines appended
#				(or replacing the connection keys it writes)
#   chroot_sandbox_dir		a fresh root-owned 0755 dir for --chroot
#   sshd_free_port		a TCP port nothing listens on right now
#
# About --chroot: sshd's ChrootDirectory needs every component of DIR to
# be owned by root and not writable by group or others. $SANDBOX is under
# /tmp (mode 1777), so it cannot hold a chroot: create DIR with
# chroot_sandbox_dir (under /run), which only root can do. Non-root
# callers must skip chroot tests; sshd_setup refuses --chroot for them.

SSHD=${SSHD:-/usr/sbin/sshd}
SSH_KEYGEN=${SSH_KEYGEN:-ssh-keygen}
PYTHON3=${PYTHON3:-python3}

unset SSH_AUTH_SOCK SSH_AGENT_PID
mkdir -p "$SANDBOX/home"
HOME=$SANDBOX/home
export HOME

sshd_skip() {
	echo "1..0 # SKIP $*"
	exit 0
}

# A port on 127.0.0.1 that was free a moment ago (the caller retries if
# someone takes it first).
sshd_free_port() {
	if command -v "$PYTHON3" >/dev/null 2>&1; then
		"$PYTHON3" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
	else
		# Without python3: a pseudo-random high port; a clash shows
		# up as a bind failure and sshd_setup tries another.
		echo $(( 20000 + ( $$ * 7919 + $(date +%S) * 613 ) % 40000 ))
	fi
}

# True once 127.0.0.1:$1 accepts a connection and sends an SSH banner.
sshd_greets() {
	if command -v "$PYTHON3" >/dev/null 2>&1; then
		"$PYTHON3" - "$1" <<'EOF' >/dev/null 2>&1
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.settimeout(2)
data = b""
while b"\n" not in data and len(data) < 256:
    chunk = s.recv(256)
    if not chunk:
        break
    data += chunk
sys.exit(0 if data.startswith(b"SSH-2.0-") else 1)
EOF
	else
		ssh-keyscan -T 2 -p "$1" 127.0.0.1 >/dev/null 2>&1
	fi
}

# chroot_sandbox_dir: prints a fresh directory usable as ChrootDirectory
# (root-owned, 0755, under /run), recorded for removal by sshd_stop.
# Meant for `dir=$(chroot_sandbox_dir)`, hence the record in a file.
chroot_sandbox_dir() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "chroot_sandbox_dir: needs root" >&2
		return 1
	fi
	_d=$(mktemp -d /run/shiny-usage-tests.XXXXXX)
	chmod 0755 "$_d"
	echo "$_d" >>"$SANDBOX/.chroot-dirs"
	echo "$_d"
}

sshd_setup() {
	_chroot=
	while [ $# -gt 0 ]; do
		case $1 in
		--chroot)
			[ $# -ge 2 ] || { echo "sshd_setup: --chroot DIR" >&2; return 2; }
			_chroot=$2
			shift 2
			;;
		*)
			echo "sshd_setup: unknown argument $1" >&2
			return 2
			;;
		esac
	done
	case $SSHD in
	/*) ;;
	*) SSHD=$(command -v "$SSHD" 2>/dev/null || echo "$SSHD") ;;
	esac
	[ -x "$SSHD" ] || sshd_skip "no sshd at $SSHD (apt-get install openssh-server)"
	case $SSHD in
	/*) ;;
	*) sshd_skip "sshd must be started by absolute path" ;;
	esac
	command -v "$SSH_KEYGEN" >/dev/null 2>&1 ||
		sshd_skip "no ssh-keygen (apt-get install openssh-client)"
	if [ -n "$_chroot" ] && [ "$(id -u)" -ne 0 ]; then
		echo "sshd_setup: --chroot needs root; skip chroot tests" >&2
		return 2
	fi
	if [ "$(id -u)" -eq 0 ]; then
		mkdir -p /run/sshd
		chmod 0755 /run/sshd
	fi

	_ssh=$SANDBOX/ssh
	mkdir -p "$_ssh"
	chmod 0700 "$_ssh"
	rm -f "$_ssh/host_ed25519" "$_ssh/host_ed25519.pub" \
	    "$_ssh/id_ed25519" "$_ssh/id_ed25519.pub"
	"$SSH_KEYGEN" -q -t ed25519 -N '' -C shiny-usage-test-host \
	    -f "$_ssh/host_ed25519" </dev/null
	"$SSH_KEYGEN" -q -t ed25519 -N '' -C shiny-usage-test-user \
	    -f "$_ssh/id_ed25519" </dev/null
	cp "$_ssh/id_ed25519.pub" "$_ssh/authorized_keys"
	chmod 0600 "$_ssh/authorized_keys"

	# Also listen on ::1 where the machine has IPv6 loopback, so ad-hoc
	# [::1] hosts can be tested; SSHD_IPV6 says whether it does.
	SSHD_IPV6=
	"$PYTHON3" -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' \
		2>/dev/null && SSHD_IPV6=yes
	_tries=0
	while :; do
		_tries=$((_tries + 1))
		SSHD_PORT=$(sshd_free_port)
		{
			echo "Port $SSHD_PORT"
			echo "ListenAddress 127.0.0.1"
			[ -z "$SSHD_IPV6" ] || echo "ListenAddress [::1]:$SSHD_PORT"
			echo "HostKey $_ssh/host_ed25519"
			echo "AuthorizedKeysFile $_ssh/authorized_keys"
			echo "PidFile $_ssh/sshd.pid"
			echo "StrictModes no"
			echo "UsePAM no"
			echo "PubkeyAuthentication yes"
			echo "PasswordAuthentication no"
			echo "KbdInteractiveAuthentication no"
			echo "HostbasedAuthentication no"
			echo "PermitRootLogin prohibit-password"
			echo "UseDNS no"
			echo "PrintMotd no"
			echo "LoginGraceTime 30"
			echo "Subsystem sftp internal-sftp"
			echo "LogLevel VERBOSE"
			if [ -n "$_chroot" ]; then
				echo "ChrootDirectory $_chroot"
				echo "ForceCommand internal-sftp"
			fi
		} >"$_ssh/sshd_config"
		if ! "$SSHD" -t -f "$_ssh/sshd_config" 2>"$_ssh/sshd-t.log"; then
			echo "sshd_setup: sshd -t rejected the config:" >&2
			cat "$_ssh/sshd-t.log" >&2
			return 1
		fi
		"$SSHD" -D -e -f "$_ssh/sshd_config" 2>>"$_ssh/sshd.log" &
		SSHD_PID=$!
		# Up to ~10 s for the banner; give up early if sshd died
		# (port taken between sshd_free_port and bind: try another).
		_i=0
		while [ $_i -lt 100 ]; do
			kill -0 "$SSHD_PID" 2>/dev/null || break
			sshd_greets "$SSHD_PORT" && break
			sleep 0.1
			_i=$((_i + 1))
		done
		if kill -0 "$SSHD_PID" 2>/dev/null && sshd_greets "$SSHD_PORT"; then
			break
		fi
		sshd_kill
		if [ $_tries -ge 5 ]; then
			echo "sshd_setup: sshd did not start; its log:" >&2
			cat "$_ssh/sshd.log" >&2
			return 1
		fi
	done

	SSH_USER_KEY=$_ssh/id_ed25519
	SSH_KNOWN_HOSTS=$_ssh/known_hosts
	# "ssh-ed25519 AAAA... comment" -> "[127.0.0.1]:PORT ssh-ed25519 AAAA..."
	read -r _type _key _rest <"$_ssh/host_ed25519.pub"
	echo "[127.0.0.1]:$SSHD_PORT $_type $_key" >"$SSH_KNOWN_HOSTS"
	[ -z "$SSHD_IPV6" ] || echo "[::1]:$SSHD_PORT $_type $_key" >>"$SSH_KNOWN_HOSTS"
	chmod 0600 "$SSH_KNOWN_HOSTS"
	export SSHD_PORT SSHD_PID SSH_USER_KEY SSH_KNOWN_HOSTS SSHD_IPV6
}

# Stops our sshd by its pid (never by name).
sshd_kill() {
	if [ -n "${SSHD_PID:-}" ]; then
		kill "$SSHD_PID" 2>/dev/null || true
		wait "$SSHD_PID" 2>/dev/null || true
		SSHD_PID=
	fi
}

sshd_stop() {
	sshd_kill
	if [ -f "$SANDBOX/.chroot-dirs" ]; then
		while read -r _d; do
			case $_d in
			/run/shiny-usage-tests.?*) rm -rf -- "$_d" ;;
			esac
		done <"$SANDBOX/.chroot-dirs"
		rm -f "$SANDBOX/.chroot-dirs"
	fi
}

# write_host_conf CONFIG_DIR LABEL [LINE...]: a host file for this sshd.
# Each LINE is "key = value"; a LINE whose key is one of the five written
# here (hostname, port, user, identity_file, known_hosts) replaces it, so
# a test can point one host at another port or key.
write_host_conf() {
	_cfg=$1
	_label=$2
	shift 2
	mkdir -p "$_cfg/hosts.d"
	chmod 0700 "$_cfg" "$_cfg/hosts.d"
	_keys=" "
	for _line in "$@"; do
		_k=${_line%%=*}
		_k=$(printf '%s' "$_k" | tr -d ' 	')
		_keys="$_keys$_k "
	done
	(
		umask 077
		{
			for _kv in "hostname=127.0.0.1" "port=$SSHD_PORT" \
			    "user=$(id -un)" "identity_file=$SSH_USER_KEY" \
			    "known_hosts=$SSH_KNOWN_HOSTS"; do
				case $_keys in
				*" ${_kv%%=*} "*) ;;
				*) echo "${_kv%%=*} = ${_kv#*=}" ;;
				esac
			done
			for _line in "$@"; do
				echo "$_line"
			done
		} >"$_cfg/hosts.d/$_label.conf"
	)
	chmod 0600 "$_cfg/hosts.d/$_label.conf"
}

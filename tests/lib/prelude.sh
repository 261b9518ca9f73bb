# Sourced first by every integration test (bash):
#	. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/prelude.sh"
# Strict mode, a sandbox removed on exit, a HOME that keeps the user's
# ~/.ssh out of reach, and TAP helpers.  See tests/lib/README.md.
# shellcheck shell=bash

set -eu
export LC_ALL=C
# Output file names carry the workstation-local date of T; gen_tree.py
# computes it in the same zone.  A test may export another TZ after this.
export TZ=UTC

_prelude_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$_prelude_dir/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
export top_srcdir top_builddir
SHINY_USAGE=${SHINY_USAGE:-$top_builddir/shiny-usage}
PYTHON3=${PYTHON3:-python3}
GEN_TREE=$top_srcdir/tests/lib/gen_tree.py
CHECK_OUTPUTS=$top_srcdir/tests/lib/check_outputs.py

# Never reach the user's agent or keys.
unset SSH_AUTH_SOCK SSH_AGENT_PID SHINY_USAGE_CONFIG

SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/shiny-usage-test.XXXXXX")
export HOME=$SANDBOX/home
mkdir -m 700 "$HOME"

# Extra directories to remove at exit (e.g. a tree outside $SANDBOX).
CLEANUP_DIRS=()

TAP_N=0
TAP_FAILED=0

_prelude_cleanup()
{
	local rc=$? d
	set +e
	if declare -F sshd_stop >/dev/null; then
		sshd_stop
	fi
	for d in ${CLEANUP_DIRS[@]+"${CLEANUP_DIRS[@]}"} "$SANDBOX"; do
		[ -n "$d" ] && [ "$d" != / ] && rm -rf -- "$d"
	done
	exit "$rc"
}
trap _prelude_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# diag TEXT...: a TAP comment line per line of TEXT.
diag()
{
	[ -z "$*" ] || printf '%s\n' "$*" | sed 's/^/# /'
}

# Every helper below returns 0, so a failing check never stops a test
# under set -e; TAP_LAST is 0 when the last check passed, 1 when not.
TAP_LAST=0

# tap_ok STATUS DESC: "ok" when STATUS is 0.
# shellcheck disable=SC2034 # TAP_LAST is for the tests
tap_ok()
{
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		TAP_LAST=0
		printf 'ok %d - %s\n' "$TAP_N" "$2"
	else
		TAP_LAST=1
		TAP_FAILED=$((TAP_FAILED + 1))
		printf 'not ok %d - %s\n' "$TAP_N" "$2"
	fi
	return 0
}

# ok DESC CMD...: runs CMD (output kept aside, shown on failure).
ok()
{
	local desc=$1 rc=0
	shift
	"$@" >"$SANDBOX/.ok.out" 2>&1 || rc=$?
	tap_ok "$rc" "$desc"
	if [ "$rc" -ne 0 ]; then
		diag "command: $* (exit $rc)"
		diag "$(tail -n 20 "$SANDBOX/.ok.out")"
	fi
	return 0
}

# fails DESC CMD...: passes when CMD exits non-zero.
fails()
{
	local desc=$1 rc=0
	shift
	"$@" >"$SANDBOX/.ok.out" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		tap_ok 1 "$desc"
		diag "command succeeded: $*"
	else
		tap_ok 0 "$desc"
	fi
	return 0
}

# is GOT WANT DESC
is()
{
	if [ "$1" = "$2" ]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		diag "got:  '$1'"
		diag "want: '$2'"
	fi
	return 0
}

# like GOT ERE DESC: GOT matches the extended regular expression.
like()
{
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		diag "got:  '$1'"
		diag "want: match of /$2/"
	fi
	return 0
}

# skip DESC REASON: one skipped test.
skip()
{
	TAP_N=$((TAP_N + 1))
	printf 'ok %d - %s # SKIP %s\n' "$TAP_N" "$1" "$2"
}

# skip_all REASON: the whole test is skipped (only before any test ran).
skip_all()
{
	printf '1..0 # SKIP %s\n' "$1"
	exit 0
}

# bail_out REASON: the harness stops trusting this test.
bail_out()
{
	printf 'Bail out! %s\n' "$1"
	exit 1
}

# require_cmd CMD...: skip_all unless each command exists.
require_cmd()
{
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip_all "$c not found"
	done
}

# tap_ingest CMD...: runs a command that prints TAP lines ("ok", "not ok",
# "#"), without a plan of its own, and folds them into this test's stream,
# renumbered.  A command that fails without reporting a failing line
# counts as one more failure.
tap_ingest()
{
	local rc=0 line bad=0 out="$SANDBOX/.ingest.out"
	"$@" >"$out" 2>"$out.err" || rc=$?
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		"not ok"*)
			bad=1
			tap_ok 1 "$(printf '%s' "$line" |
			    sed -E 's/^not ok( [0-9]+)?( -)? ?//')" ;;
		ok*)
			tap_ok 0 "$(printf '%s' "$line" |
			    sed -E 's/^ok( [0-9]+)?( -)? ?//')" ;;
		"#"*)
			printf '%s\n' "$line" ;;
		[0-9]*..[0-9]*)
			;;			# a plan: ours is printed at the end
		*)
			diag "$line" ;;
		esac
	done <"$out"
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		tap_ok 1 "$1 exited with status $rc"
		diag "$(tail -n 20 "$out.err")"
	fi
	return 0
}

# gen_tree ARGS...: the generator, e.g.
#	gen_tree --root "$SANDBOX/srv" --now 2026-12-04T12:00:00Z --seed 1 \
#	    --expected "$SANDBOX/expected.json"
gen_tree()
{
	"$PYTHON3" "$GEN_TREE" "$@"
}

# check_outputs OUTDIR LABEL EXPECTED.json [--chart-ext png|svg|pdf|none]:
# every CSV cell and chart, as TAP lines in this test's stream.
check_outputs()
{
	tap_ingest "$PYTHON3" "$CHECK_OUTPUTS" --no-plan "$@"
}

# done_testing: the plan; exit status 1 when any test failed.
done_testing()
{
	printf '1..%d\n' "$TAP_N"
	[ "$TAP_FAILED" -eq 0 ] || exit 1
	exit 0
}

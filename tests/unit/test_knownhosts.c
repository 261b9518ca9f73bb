/* knownhosts.c: matching (plain, globs, negation, [host]:port, hashed),
 * statuses, malformed lines, key-type preference, append, fingerprints. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "knownhosts.h"
#include "tap.h"

#define ED1 "AAAAC3NzaC1lZDI1NTE5AAAAIPho9KHQxwHvrBT8rN5APsUUbLjYji0zXld5wiTse7pf"
#define ED1_FP "SHA256:0Kwlk+RF1aEckwDGb9icHKdjcO/e43qbehfF0bgU/AY"
#define ED2 "AAAAC3NzaC1lZDI1NTE5AAAAIFIyfLGAf3uNP4BeO6CCDC/vTsrFdUHAani/2hk2vHWY"
#define EC1 "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLOomK7YT+5u226/wcoQw4AStLq2zJWUIhw+ijme9MkzuQxrocrGjKvTEw1GmVMevsVbKJUGuRHUi9a8sdYaKeA="
#define EC1_FP "SHA256:Su9lC7FJe1Tvyf4/j9OtFjjhXc9dhFkG0ivOXyYcWF8"
/* HMAC-SHA1("0123456789abcdefghij", "[shiny.example.org]:2222") */
#define HASHED "|1|MDEyMzQ1Njc4OWFiY2RlZmdoaWo=|dptuwtzZ6gnRcUWGrrreRyq0HLE="

static char dir[] = "/tmp/test_knownhosts.XXXXXX";
static unsigned char ed1[128], ed2[128], ec1[256];
static size_t ed1len, ed2len, ec1len;

static size_t
decode(const char *b64, unsigned char *out)
{
	size_t len = strlen(b64), pad = 0;
	int n;

	while (len > pad && b64[len - 1 - pad] == '=')
		pad++;
	n = EVP_DecodeBlock(out, (const unsigned char *)b64, (int)len);
	return (size_t)n - pad;
}

/* Writes content to dir/name and returns the path (static buffer). */
static const char *
file(const char *name, const char *content, size_t len)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	fwrite(content, 1, len, fp);
	fclose(fp);
	return path;
}

static enum knownhosts_status
check(const char *content, const char *host, int port, const unsigned char *blob,
    size_t len, unsigned long *line)
{
	const char *path = file("kh", content, strlen(content));
	char *cause = NULL;
	enum knownhosts_status st;

	st = knownhosts_check_key(path, host, port, blob, len, line, &cause);
	free(cause);
	return st;
}

int
main(void)
{
	unsigned long line;
	char *s, *cause = NULL, path[256], buf[8192];
	struct stat sb;
	FILE *fp;

	if (mkdtemp(dir) == NULL)
		return 1;
	ed1len = decode(ED1, ed1);
	ed2len = decode(ED2, ed2);
	ec1len = decode(EC1, ec1);

	/* Names and labels. */
	s = knownhosts_host_name("Shiny.Example.ORG", 22);
	is_str(s, "shiny.example.org", "port 22 uses the bare, lower-cased name");
	free(s);
	s = knownhosts_host_name("127.0.0.1", 2222);
	is_str(s, "[127.0.0.1]:2222", "other ports use [host]:port");
	free(s);
	is_str(knownhosts_type_label("ssh-ed25519"), "ed25519", "ed25519 label");
	is_str(knownhosts_type_label("ecdsa-sha2-nistp384"), "ecdsa", "ecdsa label");
	is_str(knownhosts_type_label("weird"), "weird", "unknown type kept");

	/* Blobs and fingerprints (as ssh-keygen -l prints them). */
	s = knownhosts_blob_type(ed1, ed1len);
	is_str(s, "ssh-ed25519", "type read from the blob");
	free(s);
	ok(knownhosts_blob_type((const unsigned char *)"\0\0\0\x7fssh", 7) == NULL,
	    "a type length past the blob is refused");
	ok(knownhosts_blob_type((const unsigned char *)"\0\0\0\3a\nb", 7) == NULL,
	    "a type with control characters is refused");
	ok(knownhosts_blob_type((const unsigned char *)"\0\0", 2) == NULL,
	    "a truncated blob is refused");
	s = knownhosts_fingerprint_blob(ed1, ed1len);
	is_str(s, ED1_FP, "ed25519 fingerprint matches ssh-keygen");
	free(s);
	s = knownhosts_fingerprint_blob(ec1, ec1len);
	is_str(s, EC1_FP, "ecdsa fingerprint matches ssh-keygen");
	free(s);

	/* Statuses. */
	is_int(check("shiny.example.org ssh-ed25519 " ED1 "\n",
	    "shiny.example.org", 22, ed1, ed1len, &line), KH_OK, "plain match");
	is_int(line, 1, "the matching line is reported");
	is_int(check("shiny.example.org ssh-ed25519 " ED1 "\n",
	    "shiny.example.org", 2222, ed1, ed1len, NULL), KH_NEW,
	    "a port-22 entry does not match another port");
	is_int(check("[shiny.example.org]:2222 ssh-ed25519 " ED1 "\n",
	    "shiny.example.org", 2222, ed1, ed1len, NULL), KH_OK,
	    "[host]:port entry");
	is_int(check("other,Shiny.Example.Org,x ssh-ed25519 " ED1 " comment\n",
	    "shiny.example.org", 22, ed1, ed1len, NULL), KH_OK,
	    "comma list, case-insensitive, with a comment");
	is_int(check("*.example.org ssh-ed25519 " ED1 "\n", "shiny.example.org", 22,
	    ed1, ed1len, NULL), KH_OK, "glob *");
	is_int(check("shin?.example.org ssh-ed25519 " ED1 "\n", "shiny.example.org",
	    22, ed1, ed1len, NULL), KH_OK, "glob ?");
	is_int(check("*.example.org,!shiny.example.org ssh-ed25519 " ED1 "\n",
	    "shiny.example.org", 22, ed1, ed1len, NULL), KH_NEW,
	    "a negated pattern vetoes the line");
	is_int(check(HASHED " ssh-ed25519 " ED1 "\n", "shiny.example.org", 2222,
	    ed1, ed1len, NULL), KH_OK, "hashed [host]:port entry");
	is_int(check(HASHED " ssh-ed25519 " ED1 "\n", "shiny.example.org", 22,
	    ed1, ed1len, NULL), KH_NEW, "hashed entry for another port");
	is_int(check("[shiny.example.org]:2222 ssh-ed25519 " ED2 "\n",
	    "shiny.example.org", 2222, ed1, ed1len, &line), KH_CHANGED,
	    "same type, other key: CHANGED");
	is_int(line, 1, "the offending line is reported");
	is_int(check("# c\n[shiny.example.org]:2222 ssh-ed25519 " ED2 "\n"
	    "[shiny.example.org]:2222 ssh-ed25519 " ED1 "\n",
	    "shiny.example.org", 2222, ed1, ed1len, &line), KH_OK,
	    "a matching line wins over a differing one");
	is_int(line, 3, "and is the one reported");
	is_int(check("[shiny.example.org]:2222 ecdsa-sha2-nistp256 " EC1 "\n",
	    "shiny.example.org", 2222, ed1, ed1len, NULL), KH_OTHER_TYPE,
	    "only another type recorded: OTHER_TYPE");
	is_int(check("[shiny.example.org]:2222 ssh-ed25519 " ED1 "\n"
	    "@revoked * ssh-ed25519 " ED1 "\n", "shiny.example.org", 2222,
	    ed1, ed1len, &line), KH_REVOKED, "@revoked wins");
	is_int(line, 2, "the revoked line is reported");
	is_int(check("@cert-authority * ssh-ed25519 " ED1 "\n",
	    "shiny.example.org", 2222, ed1, ed1len, NULL), KH_NEW,
	    "@cert-authority lines are not host keys");
	is_int(check("", "h", 22, ed1, ed1len, NULL), KH_NEW, "empty file");
	snprintf(path, sizeof path, "%s/missing", dir);
	is_int(knownhosts_check_key(path, "h", 22, ed1, ed1len, NULL, &cause),
	    KH_NEW, "a missing file is NEW");
	is_int(knownhosts_check_key(dir, "h", 22, ed1, ed1len, NULL, &cause),
	    KH_ERROR, "a directory is an ERROR");
	ok(cause != NULL, "with a cause");
	free(cause);
	cause = NULL;
	is_int(check("h ssh-ed25519 " ED1 "\n", "h", 22,
	    (const unsigned char *)"xx", 2, NULL), KH_ERROR,
	    "a malformed server key is an ERROR");

	/* Malformed lines are skipped, never the rest of the file. */
	memset(buf, 'A', sizeof buf);
	{
		static const char junk[] =
		    "garbage\n"
		    "h\n"
		    "h ssh-ed25519\n"
		    "h ssh-ed25519 !!!notbase64!!!\n"
		    "h ssh-ed25519 " EC1 "\n"		/* type mismatch */
		    "h ssh-ed25519 A\n"
		    "@bogus h ssh-ed25519 " ED2 "\n"
		    "@revoked\n"
		    "|1|bad|hash ssh-ed25519 " ED2 "\n"
		    "|1|MDEy|ZGVm ssh-ed25519 " ED2 "\n"
		    "h\tssh-ed25519\t" ED1 "\r\n";
		char *big = malloc(sizeof junk + 200000);
		size_t n = 0;

		memcpy(big, "x ", 2);
		n = 2;
		memset(big + n, 'A', 100000);	/* an over-long line */
		n += 100000;
		big[n++] = '\n';
		memcpy(big + n, "bin\0ary ssh-ed25519 AAAA\n", 25);
		n += 25;
		memcpy(big + n, junk, sizeof junk - 1);
		n += sizeof junk - 1;
		s = (char *)file("junk", big, n);
		is_int(knownhosts_check_key(s, "h", 22, ed1, ed1len, &line,
		    &cause), KH_OK, "bad lines skipped; tabs and CRLF accepted");
		is_int(line, 13, "the good last line is found");
		free(big);
	}

	/* Key-type preference. */
	s = (char *)file("types", "h ecdsa-sha2-nistp256 " EC1 "\n"
	    "x ssh-ed25519 " ED2 "\n" "h ssh-ed25519 " ED1 "\n"
	    "h ssh-ed25519 " ED2 "\n" "@revoked h ssh-rsa AAAAB3NzaC1yc2E=\n",
	    strlen("h ecdsa-sha2-nistp256 " EC1 "\n" "x ssh-ed25519 " ED2 "\n"
	    "h ssh-ed25519 " ED1 "\n" "h ssh-ed25519 " ED2 "\n"
	    "@revoked h ssh-rsa AAAAB3NzaC1yc2E=\n"));
	strcpy(path, s);
	s = knownhosts_key_types(path, "h", 22);
	is_str(s, "ssh-ed25519,ecdsa-sha2-nistp256",
	    "recorded types, OpenSSH order, once each, revoked left out");
	free(s);
	ok(knownhosts_key_types(path, "nobody", 22) == NULL, "none recorded: NULL");

	/* Append: one hashed line, 0600 file in a new 0700 directory. */
	snprintf(path, sizeof path, "%s/new/known_hosts", dir);
	is_int(knownhosts_append_key(path, "Shiny.example.org", 2222, ed1,
	    ed1len, &cause), 0, "append to a missing file");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "file is 0600");
	snprintf(buf, sizeof buf, "%s/new", dir);
	ok(stat(buf, &sb) == 0 && (sb.st_mode & 0777) == 0700, "dir is 0700");
	is_int(knownhosts_check_key(path, "shiny.example.org", 2222, ed1, ed1len,
	    NULL, &cause), KH_OK, "the appended key verifies");
	is_int(knownhosts_check_key(path, "shiny.example.org", 22, ed1, ed1len,
	    NULL, &cause), KH_NEW, "only for that port");
	is_int(knownhosts_append_key(path, "shiny.example.org", 2222, ed1,
	    ed1len, &cause), 0, "appending a known key again");
	fp = fopen(path, "r");
	{
		int lines = 0;

		while (fgets(buf, sizeof buf, fp) != NULL)
			lines++;
		is_int(lines, 1, "adds nothing");
		fclose(fp);
	}
	ok(strncmp(buf, "|1|", 3) == 0 && strstr(buf, " ssh-ed25519 " ED1 "\n")
	    != NULL && strstr(buf, "shiny") == NULL, "the line is hashed");
	/* A file without a final newline gets one before our line. */
	s = (char *)file("nonl", "x ssh-ed25519 " ED2, strlen("x ssh-ed25519 " ED2));
	strcpy(path, s);
	is_int(knownhosts_append_key(path, "h", 22, ed1, ed1len, &cause), 0,
	    "append after a line without newline");
	is_int(knownhosts_check_key(path, "x", 22, ed2, ed2len, NULL, &cause),
	    KH_OK, "the old last line still parses");
	is_int(knownhosts_check_key(path, "h", 22, ed1, ed1len, NULL, &cause),
	    KH_OK, "and so does ours");

	snprintf(buf, sizeof buf, "rm -rf '%s'", dir);
	if (system(buf) != 0)
		return 1;
	return done_testing();
}

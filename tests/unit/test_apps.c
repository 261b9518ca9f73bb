/* Unit tests for apps.c: Shiny Server's app-directory rule, over made-up
 * listings and the real sample site in tests/fixtures/real-shiny-server. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apps.h"
#include "tap.h"

#define NAMES(...)	((const char *const[]){ __VA_ARGS__ })
#define COUNT(...)	(sizeof NAMES(__VA_ARGS__) / sizeof(const char *))
#define IS_APP(...)	apps_is_app_dir(NAMES(__VA_ARGS__), COUNT(__VA_ARGS__))

static void
test_rule(void)
{
	ok(IS_APP("app.R"), "app.R");
	ok(IS_APP("APP.r"), "APP.r (any case)");
	ok(IS_APP("App.R", "data.csv"), "App.R among others");
	ok(IS_APP("server.R"), "server.R alone");
	ok(IS_APP("SERVER.R"), "SERVER.R");
	ok(IS_APP("ui.R", "server.R"), "ui.R + server.R");
	ok(!IS_APP("ui.R"), "ui.R alone is not an app");
	ok(IS_APP("x.Rmd"), "x.Rmd");
	ok(IS_APP("report.rmd"), "report.rmd");
	ok(IS_APP("y.QMD"), "y.QMD");
	ok(IS_APP("doc.qmd", "style.css"), "doc.qmd");
	ok(IS_APP("app.py"), "app.py");
	ok(IS_APP("requirements.txt", "app.py"), "app.py among others");
	ok(!IS_APP("index.html"), "index.html only is not an app");
	ok(!IS_APP("index.html", "style.css", "notes.txt", "data.bin"),
	    "a static dir is not an app");
	ok(!apps_is_app_dir(NULL, 0), "empty dir (NULL list)");
	ok(!apps_is_app_dir(NAMES("x"), 0), "empty dir (n = 0)");
	ok(!IS_APP(""), "empty name");
	ok(!IS_APP("app.R.bak"), "app.R.bak");
	ok(!IS_APP("myapp.R"), "myapp.R");
	ok(!IS_APP("app.r~"), "editor backup");
	ok(!IS_APP("server.R.orig", "global.R"), "server.R.orig + global.R");
	ok(!IS_APP("x.Rmd.html"), "rendered x.Rmd.html");
	ok(!IS_APP("Rmd", "qmd"), "names without the dot");
	ok(!IS_APP("app.pyc"), "app.pyc");
	ok(!IS_APP("main.py"), "main.py");
	ok(!IS_APP("app.R/"), "trailing slash");
	ok(IS_APP(NULL, "app.R"), "NULL entries are skipped");
}

static void
test_skip(void)
{
	ok(apps_skip_dir(".git", false), ".git skipped");
	ok(apps_skip_dir(".", false), ". skipped");
	ok(apps_skip_dir("..", true), ".. skipped");
	ok(apps_skip_dir(".hidden", true), ".hidden skipped in ShinyApps");
	ok(apps_skip_dir("", false), "empty name skipped");
	ok(apps_skip_dir(NULL, false), "NULL skipped");
	ok(!apps_skip_dir("log", false), "log entered in a site dir");
	ok(apps_skip_dir("log", true), "log skipped in ~/ShinyApps");
	ok(!apps_skip_dir("logs", true), "logs entered in ~/ShinyApps");
	ok(!apps_skip_dir("Log", true), "Log entered in ~/ShinyApps");
	ok(!apps_skip_dir("nested", false), "nested entered");
}

/*
 * The walk over a local copy of a site dir, with the same two functions
 * the remote walk uses. Adds the relative path of each app to apps[].
 */
static void
walk(const char *root, const char *rel, char apps[][64], int *napps)
{
	char *path, *names[64], *sub[64];
	int nnames = 0, nsub = 0;
	DIR *d;
	struct dirent *de;

	if (asprintf(&path, "%s%s%s", root, *rel ? "/" : "", rel) == -1)
		abort();
	if ((d = opendir(path)) == NULL) {
		free(path);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *p;

		if (asprintf(&p, "%s/%s", path, de->d_name) == -1)
			abort();
		if (lstat(p, &st) != 0)
			st.st_mode = 0;
		free(p);
		if (S_ISREG(st.st_mode) && nnames < 64)
			names[nnames++] = strdup(de->d_name);
		else if (S_ISDIR(st.st_mode) && nsub < 64 &&
		    !apps_skip_dir(de->d_name, false))
			sub[nsub++] = strdup(de->d_name);
	}
	closedir(d);
	if (apps_is_app_dir((const char *const *)names, (size_t)nnames)) {
		if (*napps < 16)
			snprintf(apps[(*napps)++], 64, "%s", rel);
	} else {
		for (int i = 0; i < nsub; i++) {
			char *r;

			if (asprintf(&r, "%s%s%s", rel, *rel ? "/" : "",
			    sub[i]) == -1)
				abort();
			walk(root, r, apps, napps);
			free(r);
		}
	}
	for (int i = 0; i < nnames; i++)
		free(names[i]);
	for (int i = 0; i < nsub; i++)
		free(sub[i]);
	free(path);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
test_real_site(void)
{
	static const char *want[] = {
		"broken", "dash-board", "hello", "nested/group/app1",
		"nested/other/app1", "noisy", "ui_server",
	};
	const char *top = getenv("top_srcdir");
	char apps[16][64], *root;
	int napps = 0;

	if (asprintf(&root, "%s/tests/fixtures/real-shiny-server/apps",
	    top != NULL && *top != '\0' ? top : ".") == -1)
		abort();
	walk(root, "", apps, &napps);
	free(root);
	qsort(apps, (size_t)napps, sizeof apps[0], cmp);
	is_int(napps, 7, "the sample site has 7 apps (README)");
	for (int i = 0; i < 7 && i < napps; i++)
		is_str(apps[i], want[i], "sample app %d", i);
}

int
main(void)
{
	test_rule();
	test_skip();
	test_real_site();
	return done_testing();
}

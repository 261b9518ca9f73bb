/* `hosts` and `check` output: one key per line, value and origin. */
#include <string.h>

#include "show.h"

static void
show_line(FILE *fp, enum config_key key, const char *value,
    enum config_origin origin)
{
	fprintf(fp, "  %-18s %-40s (%s)\n", config_key_name(key), value,
	    config_origin_name(origin));
}

static void
show_int(FILE *fp, enum config_key key, int value, enum config_origin origin)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%d", value);
	show_line(fp, key, buf, origin);
}

static void
show_list(FILE *fp, enum config_key key, const struct strlist *l,
    enum config_origin origin)
{
	for (size_t i = 0; i < l->n; i++)
		show_line(fp, key, l->v[i], origin);
	if (l->n == 0)
		show_line(fp, key, "-", origin);
}

/* Path keys before discovery: the configured value, or what is decided
 * when the host's shiny-server.conf is read. */
static void
show_undiscovered(FILE *fp, const struct host_config *hc)
{
	const char *later = "(shiny_conf, else built-in)";

	if (hc->log_dirs.n > 0)
		show_list(fp, CK_LOG_DIR, &hc->log_dirs, hc->origin[CK_LOG_DIR]);
	else
		fprintf(fp, "  %-18s %-40s %s\n", "log_dir",
		    "/var/log/shiny-server", later);
	if (hc->site_dirs.n > 0)
		show_list(fp, CK_SITE_DIR, &hc->site_dirs,
		    hc->origin[CK_SITE_DIR]);
	else
		fprintf(fp, "  %-18s %-40s %s\n", "site_dir",
		    "/srv/shiny-server", later);
	if (hc->user_dirs >= 0)
		show_line(fp, CK_USER_DIRS, hc->user_dirs ? "yes" : "no",
		    hc->origin[CK_USER_DIRS]);
	else
		fprintf(fp, "  %-18s %-40s %s\n", "user_dirs", "no", later);
	if (hc->access_log != NULL)
		show_line(fp, CK_ACCESS_LOG, hc->access_log,
		    hc->origin[CK_ACCESS_LOG]);
	else
		fprintf(fp, "  %-18s %-40s %s\n", "access_log",
		    "/var/log/shiny-server/access.log", later);
	if (hc->access_log_format != NULL)
		show_line(fp, CK_ACCESS_LOG_FORMAT, hc->access_log_format,
		    hc->origin[CK_ACCESS_LOG_FORMAT]);
	else
		fprintf(fp, "  %-18s %-40s %s\n", "access_log_format", "auto",
		    later);
}

static void
show_discovered(FILE *fp, const struct host_paths *p)
{
	for (size_t i = 0; i < p->nsites; i++) {
		char buf[1024];

		snprintf(buf, sizeof buf, "%s%s at %s", p->sites[i].dir,
		    p->sites[i].single_app ? " (app_dir)" : "",
		    p->sites[i].url_prefix);
		show_line(fp, CK_SITE_DIR, buf, p->origin[CK_SITE_DIR]);
	}
	show_list(fp, CK_LOG_DIR, &p->log_dirs, p->origin[CK_LOG_DIR]);
	show_line(fp, CK_USER_DIRS, p->user_dirs ? "yes" : "no",
	    p->origin[CK_USER_DIRS]);
	show_line(fp, CK_ACCESS_LOG, p->access_log ? p->access_log : "none",
	    p->origin[CK_ACCESS_LOG]);
	show_line(fp, CK_ACCESS_LOG_FORMAT, p->access_log_format,
	    p->origin[CK_ACCESS_LOG_FORMAT]);
	if (p->run_as != NULL)
		fprintf(fp, "  %-18s %-40s (discovered)\n", "run_as", p->run_as);
	if (p->preserve_logs == 0)
		fprintf(fp, "  %-18s %-40s (discovered: session logs are "
		    "deleted when workers stop)\n", "preserve_logs", "false");
}

void
show_host(FILE *fp, const struct host_config *hc,
    const struct host_paths *paths)
{
	fprintf(fp, "%s%s%s\n", hc->label, hc->source ? "  " : "",
	    hc->source ? hc->source : "");
	show_line(fp, CK_HOSTNAME, hc->hostname, hc->origin[CK_HOSTNAME]);
	show_int(fp, CK_PORT, hc->port, hc->origin[CK_PORT]);
	show_line(fp, CK_USER, hc->user, hc->origin[CK_USER]);
	show_list(fp, CK_IDENTITY_FILE, &hc->identity_files,
	    hc->origin[CK_IDENTITY_FILE]);
	show_line(fp, CK_KNOWN_HOSTS, hc->known_hosts,
	    hc->origin[CK_KNOWN_HOSTS]);
	show_line(fp, CK_HOST_KEY_POLICY, hc->host_key_policy == HKP_ACCEPT_NEW ?
	    "accept-new" : "strict", hc->origin[CK_HOST_KEY_POLICY]);
	show_int(fp, CK_CONNECT_TIMEOUT, hc->connect_timeout,
	    hc->origin[CK_CONNECT_TIMEOUT]);
	show_int(fp, CK_TIMEOUT, hc->timeout, hc->origin[CK_TIMEOUT]);
	show_line(fp, CK_SHINY_CONF, hc->shiny_conf, hc->origin[CK_SHINY_CONF]);
	if (paths != NULL)
		show_discovered(fp, paths);
	else
		show_undiscovered(fp, hc);
	show_line(fp, CK_TIMEZONE, hc->timezone ? hc->timezone :
	    "workstation zone", hc->origin[CK_TIMEZONE]);
	show_int(fp, CK_WINDOW_DAYS, hc->window_days, hc->origin[CK_WINDOW_DAYS]);
}

/* Hosts in parallel: worker threads each take the next host and collect
 * it with their own libssh2 session; the main thread receives finished
 * reports one at a time (plplot and output files stay on one thread). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fleet.h"
#include "log.h"
#include "xmalloc.h"

struct fleet {
	const struct host_list		*hosts;
	const struct collect_options	*opts;
	struct host_report		*reports;

	pthread_mutex_t			 lock;
	pthread_cond_t			 finished_cond;
	size_t				 next;		/* next host to start */
	size_t				*finished;	/* queue of finished indexes */
	size_t				 nfinished;
	size_t				 running;
};

static void *
fleet_worker(void *arg)
{
	struct fleet *f = arg;

	for (;;) {
		const struct host_config *hc;
		size_t i;

		pthread_mutex_lock(&f->lock);
		if (f->next == f->hosts->n) {
			pthread_mutex_unlock(&f->lock);
			return NULL;
		}
		i = f->next++;
		f->running++;
		pthread_mutex_unlock(&f->lock);

		hc = f->hosts->v[i];
		report_init(&f->reports[i], hc->label, hc->hostname,
		    f->opts->now, hc->window_days);
		collect_host(hc, f->opts, &f->reports[i]);

		pthread_mutex_lock(&f->lock);
		f->running--;
		f->finished[f->nfinished++] = i;
		pthread_cond_signal(&f->finished_cond);
		pthread_mutex_unlock(&f->lock);
	}
}

static void
progress_show(size_t done, size_t total, size_t running, const char *last)
{
	fprintf(stderr, "\r\033[K[%zu/%zu] %zu running%s%s", done, total,
	    running, last ? ", finished " : "", last ? last : "");
	fflush(stderr);
}

int
fleet_run(const struct host_list *hosts, const struct collect_options *opts,
    int jobs, bool progress, fleet_done_cb done, void *arg)
{
	struct fleet f;
	pthread_t *threads;
	size_t nthreads, taken = 0;
	int failed = 0;

	if (hosts->n == 0)
		return 0;
	memset(&f, 0, sizeof f);
	f.hosts = hosts;
	f.opts = opts;
	f.reports = xcalloc(hosts->n, sizeof *f.reports);
	f.finished = xcalloc(hosts->n, sizeof *f.finished);
	pthread_mutex_init(&f.lock, NULL);
	pthread_cond_init(&f.finished_cond, NULL);

	nthreads = (size_t)(jobs < 1 ? 1 : jobs);
	if (nthreads > hosts->n)
		nthreads = hosts->n;
	threads = xcalloc(nthreads, sizeof *threads);
	for (size_t t = 0; t < nthreads; t++)
		if (pthread_create(&threads[t], NULL, fleet_worker, &f) != 0)
			fatal("cannot start a worker thread");

	if (progress)
		progress_show(0, hosts->n, nthreads, NULL);
	while (taken < hosts->n) {
		size_t i;

		pthread_mutex_lock(&f.lock);
		while (f.nfinished == taken)
			pthread_cond_wait(&f.finished_cond, &f.lock);
		i = f.finished[taken++];
		pthread_mutex_unlock(&f.lock);

		if (progress)
			fprintf(stderr, "\r\033[K");
		if (!f.reports[i].ok)
			failed++;
		done(arg, hosts->v[i], &f.reports[i]);
		report_free(&f.reports[i]);
		if (progress && taken < hosts->n) {
			pthread_mutex_lock(&f.lock);
			progress_show(taken, hosts->n, f.running,
			    hosts->v[i]->label);
			pthread_mutex_unlock(&f.lock);
		}
	}

	for (size_t t = 0; t < nthreads; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	free(f.reports);
	free(f.finished);
	pthread_mutex_destroy(&f.lock);
	pthread_cond_destroy(&f.finished_cond);
	return failed;
}

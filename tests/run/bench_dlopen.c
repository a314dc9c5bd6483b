/* bench_dlopen.c — the ELF twin of tests/wine/ld/bench_ll.c: dlopen,
 * dlsym and dlclose of a small shared object N times after one warm-up,
 * mean nanoseconds per round on stdout. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	const char *so = argc > 1 ? argv[1] : "./bench_small.so";
	int n = argc > 2 ? atoi(argv[2]) : 2000;
	struct timespec a, b;
	void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		fprintf(stderr, "bench_dlopen: %s\n", dlerror());
		return 1;
	}
	dlclose(h);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < n; i++) {
		h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
		if (!h || !dlsym(h, "small_value"))
			return 2;
		dlclose(h);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%lld\n", ((long long)(b.tv_sec - a.tv_sec) * 1000000000LL +
	                  (b.tv_nsec - a.tv_nsec)) / n);
	return 0;
}

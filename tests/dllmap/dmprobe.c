/*
 * dmprobe.c — a test process for dllmap: maps an image file whole and
 * touches its pages in a known way, then waits.
 *
 *	dmprobe [--shared] FILE [PAGE,PAGE,...]
 *
 * Maps FILE read-write, MAP_PRIVATE (copy-on-write, as a loader maps a
 * writable section) or with --shared MAP_SHARED (a shared-data object),
 * reads every page, writes one byte to each listed page (these become
 * private copies, or are written through with --shared), prints
 * "ready 0xBASE NPAGES" and waits until stdin reaches end of file: the
 * test reads the process while it waits, and synchronizes on these two
 * pipes, never on time.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int shared = 0, fd;
	struct stat st;
	volatile unsigned char *p;
	unsigned sum = 0;
	char buf[64];

	if (argc > 1 && !strcmp(argv[1], "--shared")) {
		shared = 1;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: dmprobe [--shared] FILE [PAGE,...]\n");
		return 2;
	}
	fd = open(argv[1], shared ? O_RDWR : O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(argv[1]);
		return 1;
	}
	size_t npages = ((size_t)st.st_size + 4095) / 4096;
	p = mmap(NULL, npages * 4096, PROT_READ | PROT_WRITE,
	         shared ? MAP_SHARED : MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (size_t i = 0; i < npages; i++)
		sum += p[i * 4096];
	for (char *s = argc > 2 ? argv[2] : NULL; s && *s;) {
		unsigned long pg = strtoul(s, &s, 10);
		if (pg < npages)
			p[pg * 4096 + 1] ^= 0x5a;
		if (*s == ',')
			s++;
		else
			break;
	}
	printf("ready %p %zu %u\n", (void *)p, npages, sum & 1);
	fflush(stdout);
	while (fgets(buf, sizeof buf, stdin))
		;
	return 0;
}

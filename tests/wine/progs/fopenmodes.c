/*
 * fopenmodes.c — the mode strings fopen takes: the hint letters msvcrt
 * knows (c n N S R T D), letters it ignores, and the modes it refuses
 * with EINVAL (no r, w or a first; an unknown encoding).
 */
#include <errno.h>
#include <stdio.h>

int main(void)
{
	static const char *modes[] = {
		"r",  "rb",  "rt",  "rc",  "rn",	  "rN", "rS",
		"rR", "rT",  "rQ",  "wx",  "r ",	  "rb+", "r+b",
		"rbt", "x", "",	   "rD", "r,ccs=bogus", "r,bogus",
	};
	FILE *f = fopen("fm.txt", "w");

	fputs("x", f);
	fclose(f);
	for (unsigned i = 0; i < sizeof modes / sizeof *modes; i++) {
		errno = 0;
		f = fopen("fm.txt", modes[i]);
		printf("%-14s %s errno %d\n", modes[i], f ? "ok" : "NULL",
		       errno);
		if (f)
			fclose(f);
	}
	printf("rD removed the file: %d\n", fopen("fm.txt", "r") == 0);
	return 0;
}

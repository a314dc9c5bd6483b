/*
 * cmd_binfmt.c — `dllshare binfmt enable|disable|status`: ./prog.exe
 * through the kernel's binfmt_misc, the way Wine users run programs.
 *
 * The entry is named "dllshare" and matches the bytes 'MZ' at offset 0.
 * binfmt_misc compares bytes at a fixed offset only, and 'MZ' is all a PE
 * file has there (the PE header's own offset, e_lfanew, varies), so a DOS
 * program or an i386 PE image matches as well: dllshare refuses those with
 * the loader's message ("cannot run: machine i386 (0x14c): only x86-64
 * images run").  The interpreter is this very dllshare binary; the kernel
 * starts `dllshare ./prog.exe ARGS...`, which main.c runs as `run`.
 *
 * Wine registers 'MZ' too (as "wine" or "wine64", by hand, binfmt-support
 * or systemd-binfmt).  With two enabled entries for one magic the kernel
 * uses the one registered last, which /proc does not tell, so enable
 * refuses while another handler of PE files is enabled and says how to
 * choose.  No entry this command did not make is ever changed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "loader/cmd.h"

#define BINFMT_DIR   "/proc/sys/fs/binfmt_misc"
#define BINFMT_ENTRY "dllshare"
/* Entries read at most: a system has a handful (qemu-*, wine, jar...). */
#define BINFMT_MAX_ENTRIES 64

/* One binfmt_misc entry, as /proc/sys/fs/binfmt_misc/NAME describes it. */
struct entry {
	char name[NAME_MAX + 1];
	char interp[PATH_MAX];
	char match[64]; /* "magic MZ at offset 0", "extension .exe" */
	int enabled;
	int pe; /* it would take PE files */
};

/* The entries pe_entries read (one command per process). */
static struct entry entries[BINFMT_MAX_ENTRIES] LD_LARGE_BSS;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: dllshare binfmt enable|disable|status\n"
		"  enable   register this dllshare with binfmt_misc for PE "
		"files (magic MZ),\n"
		"           so that ./PROGRAM.exe ARGS... runs under it; "
		"refused while another\n"
		"           handler (Wine) is enabled, with how to choose\n"
		"  disable  remove dllshare's entry (other entries are never "
		"touched)\n"
		"  status   every handler of PE files, and which one is "
		"active\n"
		"enable and disable need root; as another user they print "
		"what to run.\n"
		"Exit status: 0 done (or nothing to do), 1 not done (said "
		"why), 2 usage.\n");
}

/* "4d5a" to bytes; the number of bytes, or -1. */
static int unhex(const char *s, unsigned char *out, int max)
{
	int n = 0;
	unsigned v;

	while (s[0] && s[0] != '\n' && n < max) {
		if (sscanf(s, "%2x", &v) != 1)
			return -1;
		out[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

/* Does a magic entry (offset, magic, mask) take every file that starts
 * with 'MZ'?  Its first two bytes, under its mask, must be 'M' 'Z'. */
static int magic_is_mz(long off, const char *magic, const char *mask)
{
	unsigned char m[128], k[128] = {0xff, 0xff};
	int n = unhex(magic, m, sizeof m);

	if (off != 0 || n < 2 || (mask && unhex(mask, k, sizeof k) < 2))
		return 0;
	return (m[0] & k[0]) == ('M' & k[0]) && (m[1] & k[1]) == ('Z' & k[1]);
}

/* Reads BINFMT_DIR/name into *e: 0, or -1 when it is not an entry. */
static int read_entry(const char *name, struct entry *e)
{
	char path[PATH_MAX], line[512], magic[512] = "", mask[512] = "";
	long off = 0;
	FILE *f;

	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", name);
	snprintf(path, sizeof path, "%s/%s", BINFMT_DIR, name);
	if (!(f = fopen(path, "re")))
		return -1;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, "enabled"))
			e->enabled = 1;
		else if (!strncmp(line, "interpreter ", 12))
			snprintf(e->interp, sizeof e->interp, "%s", line + 12);
		else if (!strncmp(line, "offset ", 7))
			off = strtol(line + 7, NULL, 10);
		else if (!strncmp(line, "magic ", 6))
			snprintf(magic, sizeof magic, "%s", line + 6);
		else if (!strncmp(line, "mask ", 5))
			snprintf(mask, sizeof mask, "%s", line + 5);
		else if (!strncmp(line, "extension ", 10)) {
			e->pe = !strcasecmp(line + 10, ".exe");
			snprintf(e->match, sizeof e->match, "extension %.40s",
				 line + 10);
		}
	}
	fclose(f);
	if (magic[0]) {
		e->pe = magic_is_mz(off, magic, mask[0] ? mask : NULL);
		snprintf(e->match, sizeof e->match,
			 "magic %.20s%s at offset %ld", magic,
			 strlen(magic) > 20 ? "..." : "", off);
		if (e->pe)
			snprintf(e->match, sizeof e->match,
				 "magic MZ at offset 0");
	}
	return 0;
}

/* Reads into out[] the entries that would take PE files, and ours, in
 * directory order; their number, or -1 when binfmt_misc is not mounted. */
static int pe_entries(struct entry *out, int max)
{
	DIR *d = opendir(BINFMT_DIR);
	struct dirent *de;
	int n = 0;

	if (!d || access(BINFMT_DIR "/register", F_OK) < 0) {
		if (d)
			closedir(d);
		return -1;
	}
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "register") ||
		    !strcmp(de->d_name, "status"))
			continue;
		if (read_entry(de->d_name, &out[n]) == 0 &&
		    (out[n].pe || !strcmp(de->d_name, BINFMT_ENTRY)))
			n++;
	}
	closedir(d);
	return n;
}

/* This dllshare binary's path: the interpreter to register. */
static int self_path(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : 0;
}

static const struct entry *find(const struct entry *e, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(e[i].name, name))
			return &e[i];
	return NULL;
}

static void say_not_mounted(FILE *f)
{
	fprintf(f,
		"binfmt_misc is not mounted at %s; as root:\n"
		"  mount -t binfmt_misc binfmt_misc %s\n",
		BINFMT_DIR, BINFMT_DIR);
}

/* As non-root: what root would run instead. */
static int say_run_as_root(const char *self, const char *verb,
			   const char *by_hand)
{
	fprintf(stderr,
		"dllshare: binfmt: changing binfmt_misc needs root; "
		"run:\n"
		"  sudo %s binfmt %s\n"
		"or, by hand:\n"
		"  %s\n",
		self, verb, by_hand);
	return 1;
}

static int status(const char *self)
{
	struct entry *e = entries;
	const struct entry *on[BINFMT_MAX_ENTRIES];
	char st[16] = "";
	int n = pe_entries(e, BINFMT_MAX_ENTRIES), non = 0;
	FILE *f;

	if (n < 0) {
		say_not_mounted(stdout);
		printf("active: none: the kernel refuses ./PROGRAM.exe "
		       "(Exec format error)\n");
		return 0;
	}
	if ((f = fopen(BINFMT_DIR "/status", "re"))) {
		if (!fgets(st, sizeof st, f))
			st[0] = '\0';
		fclose(f);
	}
	st[strcspn(st, "\n")] = '\0';
	printf("binfmt_misc: %s (%s)\n", BINFMT_DIR, st);
	printf("handlers of PE files:%s\n", n ? "" : " none");
	for (int i = 0; i < n; i++) {
		printf("  %-12s %-8s %s  (%s)%s\n", e[i].name,
		       e[i].enabled ? "enabled" : "disabled", e[i].interp,
		       e[i].match,
		       !strcmp(e[i].name, BINFMT_ENTRY) &&
				       strcmp(e[i].interp, self)
			       ? "  [another dllshare than this one]"
			       : "");
		if (e[i].enabled && e[i].pe)
			on[non++] = &e[i];
	}
	if (strcmp(st, "enabled"))
		printf("active: none: binfmt_misc is turned off "
		       "(echo 1 > %s/status)\n",
		       BINFMT_DIR);
	else if (non == 0)
		printf("active: none: the kernel refuses ./PROGRAM.exe "
		       "(Exec format error); dllshare binfmt enable\n");
	else if (non == 1)
		printf("active: %s: ./PROGRAM.exe runs as %s ./PROGRAM.exe\n",
		       on[0]->name, on[0]->interp);
	else
		printf("active: ambiguous: %d entries are enabled; the kernel "
		       "uses the one registered last, which it does not tell\n",
		       non);
	return 0;
}

static int enable(const char *self)
{
	struct entry *e = entries;
	const struct entry *mine;
	char reg[PATH_MAX + 64];
	int n = pe_entries(e, BINFMT_MAX_ENTRIES), others = 0, rc;

	if (n < 0) {
		say_not_mounted(stderr);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		if (!strcmp(e[i].name, BINFMT_ENTRY) || !e[i].pe)
			continue;
		if (!e[i].enabled) {
			printf("note: the entry '%s' (%s) also takes PE files; "
			       "it is turned off, and turning it on again "
			       "(echo 1 > %s/%s) makes the choice ambiguous\n",
			       e[i].name, e[i].interp, BINFMT_DIR, e[i].name);
			continue;
		}
		fprintf(stderr,
			"dllshare: binfmt: the entry '%s' already "
			"runs PE files "
			"(%s, %s); not touching it\n",
			e[i].name, e[i].match, e[i].interp);
		others++;
	}
	if (others) {
		fprintf(stderr,
			"To choose dllshare, turn that entry off (it "
			"stays registered; echo 1 turns it back on), then "
			"enable:\n");
		for (int i = 0; i < n; i++)
			if (e[i].pe && e[i].enabled &&
			    strcmp(e[i].name, BINFMT_ENTRY))
				fprintf(stderr, "  echo 0 > %s/%s\n",
					BINFMT_DIR, e[i].name);
		fprintf(stderr,
			"  %s binfmt enable\n"
			"To keep it, run programs as `dllshare PROGRAM.exe`.\n",
			self);
		return 1;
	}
	if (strchr(self, ':')) {
		fprintf(stderr,
			"dllshare: binfmt: %s: a ':' in the path cannot be "
			"registered\n",
			self);
		return 1;
	}
	snprintf(reg, sizeof reg, ":%s:M::MZ::%s:", BINFMT_ENTRY, self);
	mine = find(e, n, BINFMT_ENTRY);
	if (mine && mine->enabled && !strcmp(mine->interp, self)) {
		printf("already enabled: ./PROGRAM.exe runs as %s "
		       "./PROGRAM.exe\n",
		       self);
		return 0;
	}
	if (geteuid() != 0) {
		char hand[PATH_MAX + 128];

		snprintf(hand, sizeof hand, "echo '%s' > %s/register", reg,
			 BINFMT_DIR);
		return say_run_as_root(self, "enable", hand);
	}
	if (mine && !strcmp(mine->interp, self))
		rc = write_file(BINFMT_DIR "/" BINFMT_ENTRY, "1");
	else {
		if (mine) {
			printf("replacing the entry '%s' for %s\n",
			       BINFMT_ENTRY, mine->interp);
			if ((rc = write_file(BINFMT_DIR "/" BINFMT_ENTRY,
					     "-1")) < 0)
				goto fail;
		}
		rc = write_file(BINFMT_DIR "/register", reg);
	}
fail:
	if (rc < 0) {
		fprintf(stderr, "dllshare: binfmt: %s: %s\n", BINFMT_DIR,
			strerror(-rc));
		return 1;
	}
	printf("enabled: ./PROGRAM.exe runs as %s ./PROGRAM.exe\n", self);
	return 0;
}

static int disable(const char *self)
{
	struct entry *e = entries;
	int n = pe_entries(e, BINFMT_MAX_ENTRIES), rc;

	if (n < 0 || !find(e, n, BINFMT_ENTRY)) {
		printf("not enabled: binfmt_misc has no entry '%s'\n",
		       BINFMT_ENTRY);
		return 0;
	}
	if (geteuid() != 0)
		return say_run_as_root(self, "disable",
				       "echo -1 > " BINFMT_DIR
				       "/" BINFMT_ENTRY);
	if ((rc = write_file(BINFMT_DIR "/" BINFMT_ENTRY, "-1")) < 0) {
		fprintf(stderr, "dllshare: binfmt: %s/%s: %s\n", BINFMT_DIR,
			BINFMT_ENTRY, strerror(-rc));
		return 1;
	}
	printf("disabled: removed the entry '%s'\n", BINFMT_ENTRY);
	for (int i = 0; i < n; i++)
		if (e[i].pe && !e[i].enabled && strcmp(e[i].name, BINFMT_ENTRY))
			printf("the entry '%s' (%s) is turned off; to give PE "
			       "files back to it: echo 1 > %s/%s\n",
			       e[i].name, e[i].interp, BINFMT_DIR, e[i].name);
	return 0;
}

int ld_cmd_binfmt(int argc, char **argv, const struct ld_host *host)
{
	char self[PATH_MAX];

	if (argc == 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc != 2) {
		usage(stderr);
		return 2;
	}
	if (self_path(self, sizeof self) < 0) {
		fprintf(stderr, "dllshare: binfmt: /proc/self/exe: %s\n",
			strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "status"))
		return status(self);
	if (!strcmp(argv[1], "enable"))
		return enable(self);
	if (!strcmp(argv[1], "disable"))
		return disable(self);
	usage(stderr);
	return 2;
}

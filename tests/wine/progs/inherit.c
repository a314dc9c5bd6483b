/*
 * inherit.c — handle inheritance: which handles a child started by
 * CreateProcess sees, at which values, through which it reaches the
 * parent's pipes, file and mappings; the inherit flag set by
 * SECURITY_ATTRIBUTES, OpenFileMapping, DuplicateHandle and
 * SetHandleInformation; the standard handles a child gets with and
 * without bInheritHandles and STARTF_USESTDHANDLES; and the C runtime's
 * descriptors a child of _spawnl and system() gets (all but those opened
 * with _O_NOINHERIT; a child of _popen, none).
 *
 * The child is this program again ("child" or "crtchild" and the handle
 * values or descriptors on its command line).  It prints no handle value,
 * only whether each one is what the parent said (values differ between
 * Windows, Wine and dllshare; whether they are the same in parent and
 * child does not).  Pipes are read up to a byte the parent writes itself
 * after the child has ended, so nothing waits on a child that wrote
 * nothing.
 */
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <windows.h>

enum { IN_WR, NI_WR, FILE_H, MAP, NAMED, DUP_OFF, DUP_ON, TOGGLED_OFF,
       TOGGLED_ON, PROTECTED, NHANDLES };
static const char *const names[NHANDLES] = {
	"inheritable pipe",  "non-inheritable pipe", "inheritable file",
	"mapping",	     "named mapping (OpenFileMapping TRUE)",
	"dup inherit FALSE", "dup inherit TRUE",     "SetHandleInformation off",
	"SetHandleInformation on", "protected from close",
};

static char self[MAX_PATH];

/* ---- the child ------------------------------------------------------ */

static void report(const char *name, HANDLE h)
{
	DWORD flags = 0, type, n = 0, e;
	BOOL ok;

	SetLastError(0);
	ok = GetHandleInformation(h, &flags);
	e = GetLastError();
	printf("  %s: %s", name, ok ? "valid" : "invalid");
	if (ok)
		printf(", flags %lu", flags);
	else
		printf(" (error %lu)", e);
	type = GetFileType(h);
	printf(", type %lu", type);
	if (type == FILE_TYPE_PIPE || type == FILE_TYPE_DISK) {
		SetLastError(0);
		ok = WriteFile(h, name, 2, &n, NULL);
		e = GetLastError();
		printf(", WriteFile %d (error %lu, %lu bytes)", ok, ok ? 0 : e,
		       n);
	}
	printf("\n");
}

/* A mapping handle: the text at offset 0 of a view, and the child's own
 * text written at 64. */
static void use_mapping(const char *name, HANDLE h)
{
	char *v = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 4096);

	if (!v) {
		printf("  %s: MapViewOfFile failed (error %lu)\n", name,
		       GetLastError());
		return;
	}
	printf("  %s: view reads \"%s\"\n", name, v);
	strcpy(v + 64, "written by the child");
	UnmapViewOfFile(v);
}

static const char *std_name(int i)
{
	return i == 0 ? "stdin" : i == 1 ? "stdout" : "stderr";
}

/* argv: "child" MODE STDIN STDOUT STDERR H1..Hn (hex).  MODE "inherit"
 * compares the standard handles with the values given; "own" only says
 * what they are. */
static int child(int argc, char **argv)
{
	static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE,
				       STD_ERROR_HANDLE};
	HANDLE h[NHANDLES];
	int inherit = !strcmp(argv[2], "inherit");

	for (int i = 0; i < NHANDLES && 6 + i < argc; i++)
		h[i] = (HANDLE)(UINT_PTR)strtoull(argv[6 + i], NULL, 16);
	for (int i = 0; i < 3; i++) {
		HANDLE s = GetStdHandle(which[i]);
		HANDLE want =
			(HANDLE)(UINT_PTR)strtoull(argv[3 + i], NULL, 16);
		DWORD flags = 0;

		printf("  %s: ", std_name(i));
		if (!s)
			printf("NULL");
		else if (!GetHandleInformation(s, &flags))
			printf("invalid");
		else
			printf("type %lu, flags %lu", GetFileType(s), flags);
		if (inherit)
			printf(", %s the value given",
			       s == want ? "is" : "is not");
		printf(", msvcrt's is %s\n",
		       (HANDLE)_get_osfhandle(i) == s ? "it" : "another");
	}
	if (argc < 6 + NHANDLES)
		return 5;
	for (int i = 0; i < NHANDLES; i++)
		if (i != MAP && i != NAMED)
			report(names[i], h[i]);
	for (int i = MAP; i <= NAMED; i++) {
		DWORD flags = 0;

		if (GetHandleInformation(h[i], &flags))
			use_mapping(names[i], h[i]);
		else
			printf("  %s: invalid (error %lu)\n", names[i],
			       GetLastError());
	}
	printf("  printf to stdout\n");
	fflush(stdout);
	return 5;
}

/* argv: "crtchild" FD HANDLE... (decimal descriptor, hex handle). */
static int crt_child(int argc, char **argv)
{
	for (int i = 2; i + 1 < argc; i += 2) {
		int fd = atoi(argv[i]);
		intptr_t want = (intptr_t)strtoull(argv[i + 1], NULL, 16);
		intptr_t h = _get_osfhandle(fd);
		int r;

		errno = 0;
		r = _write(fd, "child\n", 6);
		printf("  fd %d: _write %d errno %d, handle %s\n", fd, r,
		       r < 0 ? errno : 0,
		       h == -1 ? "none" : h == want ? "the parent's" : "other");
	}
	fflush(stdout);
	return 6;
}

/* ---- the parent ----------------------------------------------------- */

static void flags_of(const char *name, HANDLE h)
{
	DWORD flags = 0;
	BOOL ok = GetHandleInformation(h, &flags);

	printf("%s: %s flags %lu\n", name, ok ? "ok" : "FAILED", flags);
}

/* Reads pipe rd up to the '#' the parent writes after the child ended. */
static void drain(const char *what, HANDLE rd, HANDLE wr)
{
	char buf[1024];
	DWORD got, total = 0, n;

	WriteFile(wr, "#", 1, &n, NULL);
	while (total < sizeof(buf) - 1 &&
	       ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got, NULL)) {
		total += got;
		if (total && buf[total - 1] == '#')
			break;
	}
	buf[total] = 0;
	printf("%s: \"", what);
	for (DWORD i = 0; i < total; i++) {
		if (buf[i] == '\r')
			printf("\\r");
		else if (buf[i] == '\n')
			printf("\\n");
		else
			putchar(buf[i]);
	}
	printf("\"\n");
}

static void spawn(const char *what, BOOL inherit, STARTUPINFOA *si,
		  const HANDLE *h)
{
	PROCESS_INFORMATION pi;
	char cmd[MAX_PATH + 400];
	HANDLE std[3];
	DWORD code = 0;
	int n;

	if (si->dwFlags & STARTF_USESTDHANDLES) {
		std[0] = si->hStdInput;
		std[1] = si->hStdOutput;
		std[2] = si->hStdError;
	} else {
		std[0] = GetStdHandle(STD_INPUT_HANDLE);
		std[1] = GetStdHandle(STD_OUTPUT_HANDLE);
		std[2] = GetStdHandle(STD_ERROR_HANDLE);
	}
	n = snprintf(cmd, sizeof(cmd), "\"%s\" child %s %p %p %p", self,
		     inherit ? "inherit" : "own", std[0], std[1], std[2]);
	for (int i = 0; h && i < NHANDLES; i++)
		n += snprintf(cmd + n, sizeof(cmd) - n, " %p", h[i]);
	printf("%s:\n", what);
	fflush(stdout);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, inherit, 0, NULL, NULL, si,
			    &pi)) {
		printf("CreateProcess failed: %lu\n", GetLastError());
		return;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("exit %lu\n", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

/* The parent's handles: h[] is what a child is told of, the rest what
 * the parent keeps to read back what the child did. */
struct parent {
	HANDLE h[NHANDLES], in_rd, ni_rd, creator;
	char *view, *named;
};

/* Makes the handles, with each way of setting the inherit flag, and
 * shows their attributes. */
static void make_handles(struct parent *p)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	HANDLE *h = p->h, rd;
	DWORD n;
	BOOL ok;

	/* The parent's own standard handles are inheritable. */
	flags_of("stdin", GetStdHandle(STD_INPUT_HANDLE));
	flags_of("stdout", GetStdHandle(STD_OUTPUT_HANDLE));
	flags_of("stderr", GetStdHandle(STD_ERROR_HANDLE));

	CreatePipe(&p->in_rd, &h[IN_WR], &sa, 0);
	CreatePipe(&p->ni_rd, &h[NI_WR], NULL, 0);
	h[FILE_H] = CreateFileA("inherit.tmp", GENERIC_READ | GENERIC_WRITE,
				FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
				CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	WriteFile(h[FILE_H], "parent|", 7, &n, NULL);
	h[MAP] = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE,
				    0, 4096, NULL);
	p->view = MapViewOfFile(h[MAP], FILE_MAP_ALL_ACCESS, 0, 0, 4096);
	strcpy(p->view, "the parent's mapping");
	p->creator = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
					PAGE_READWRITE, 0, 4096,
					"dllshare-inherit-test");
	h[NAMED] = OpenFileMappingA(FILE_MAP_ALL_ACCESS, TRUE,
				    "dllshare-inherit-test");
	p->named = MapViewOfFile(h[NAMED], FILE_MAP_ALL_ACCESS, 0, 0, 4096);
	strcpy(p->named, "the parent's named mapping");
	DuplicateHandle(GetCurrentProcess(), h[IN_WR], GetCurrentProcess(),
			&h[DUP_OFF], 0, FALSE, DUPLICATE_SAME_ACCESS);
	DuplicateHandle(GetCurrentProcess(), h[NI_WR], GetCurrentProcess(),
			&h[DUP_ON], 0, TRUE, DUPLICATE_SAME_ACCESS);
	CreatePipe(&rd, &h[TOGGLED_OFF], &sa, 0);
	printf("SetHandleInformation off: %d\n",
	       SetHandleInformation(h[TOGGLED_OFF], HANDLE_FLAG_INHERIT, 0));
	CreatePipe(&rd, &h[TOGGLED_ON], NULL, 0);
	printf("SetHandleInformation on: %d\n",
	       SetHandleInformation(h[TOGGLED_ON], HANDLE_FLAG_INHERIT,
				    HANDLE_FLAG_INHERIT));
	CreatePipe(&rd, &h[PROTECTED], &sa, 0);
	printf("SetHandleInformation protect: %d\n",
	       SetHandleInformation(h[PROTECTED],
				    HANDLE_FLAG_PROTECT_FROM_CLOSE,
				    HANDLE_FLAG_PROTECT_FROM_CLOSE));
	for (int i = 0; i < NHANDLES; i++)
		flags_of(names[i], h[i]);
	SetLastError(0);
	ok = CloseHandle(h[PROTECTED]);
	printf("CloseHandle(protected): %d error %lu\n", ok, GetLastError());
}

/* A child told of every handle, with and without bInheritHandles; what
 * it wrote through the pipes, the file and the mappings. */
static void inherit_all(struct parent *p)
{
	STARTUPINFOA si = {.cb = sizeof(si)};
	HANDLE *h = p->h;
	char buf[64];
	DWORD n, pos;

	spawn("bInheritHandles TRUE", TRUE, &si, h);
	drain("inheritable pipe holds", p->in_rd, h[IN_WR]);
	drain("non-inheritable pipe holds", p->ni_rd, h[NI_WR]);
	pos = SetFilePointer(h[FILE_H], 0, NULL, FILE_CURRENT);
	SetFilePointer(h[FILE_H], 0, NULL, FILE_BEGIN);
	ReadFile(h[FILE_H], buf, sizeof(buf) - 1, &n, NULL);
	buf[n] = 0;
	printf("file pointer after the child %lu, file \"%s\"\n", pos, buf);
	printf("mapping at 64: \"%s\", named one: \"%s\"\n", p->view + 64,
	       p->named + 64);

	spawn("bInheritHandles FALSE", FALSE, &si, h);
	drain("inheritable pipe holds", p->in_rd, h[IN_WR]);
}

/* Standard handles given: with bInheritHandles the inheritable ones reach
 * the child at their values, a non-inheritable one is NULL there;
 * without, they are duplicated for the child, whatever their flag. */
static void given_std_handles(struct parent *p)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	STARTUPINFOA si = {.cb = sizeof(si)};
	HANDLE rd, wr;

	CreatePipe(&rd, &wr, &sa, 0);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = wr;
	si.hStdError = p->h[NI_WR];
	spawn("STARTF_USESTDHANDLES, bInheritHandles TRUE", TRUE, &si, NULL);
	drain("its stdout pipe holds", rd, wr);
	CloseHandle(rd);
	CloseHandle(wr);
	CreatePipe(&rd, &wr, NULL, 0);
	si.hStdOutput = wr;
	spawn("STARTF_USESTDHANDLES, bInheritHandles FALSE", FALSE, &si, NULL);
	drain("its stdout pipe holds", rd, wr);
	drain("non-inheritable pipe holds", p->ni_rd, p->h[NI_WR]);
	CloseHandle(rd);
	CloseHandle(wr);
}

/* A child without STARTF_USESTDHANDLES gets our standard handles as
 * SetStdHandle left them; one of system() or _spawn writes where our
 * descriptor 1 leads (msvcrt hands it its descriptors), its
 * STD_OUTPUT_HANDLE following. */
static void set_std_handle(void)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	STARTUPINFOA si = {.cb = sizeof(si)};
	HANDLE rd, wr, saved = GetStdHandle(STD_OUTPUT_HANDLE);
	char line[MAX_PATH + 64];

	CreatePipe(&rd, &wr, &sa, 0);
	SetStdHandle(STD_OUTPUT_HANDLE, wr);
	spawn("after SetStdHandle", FALSE, &si, NULL);
	snprintf(line, sizeof(line), "%s child own 0 0 0", self);
	printf("system: %d\n", system(line));
	fflush(stdout);
	printf("_spawnl: %d\n", (int)_spawnl(_P_WAIT, self, "inherit", "child",
					      "own", "0", "0", "0", NULL));
	SetStdHandle(STD_OUTPUT_HANDLE, saved);
	drain("the new stdout pipe holds", rd, wr);
	CloseHandle(rd);
	CloseHandle(wr);
}

static void kernel32_handles(void)
{
	struct parent p;

	make_handles(&p);
	inherit_all(&p);
	given_std_handles(&p);
	set_std_handle();
	SetHandleInformation(p.h[PROTECTED], HANDLE_FLAG_PROTECT_FROM_CLOSE,
			     0);
	printf("CloseHandle(unprotected): %d\n", CloseHandle(p.h[PROTECTED]));
	UnmapViewOfFile(p.view);
	UnmapViewOfFile(p.named);
	CloseHandle(p.creator);
	for (int i = 0; i < NHANDLES; i++)
		if (i != PROTECTED)
			CloseHandle(p.h[i]);
}

/* Reads a file back with its line ends shown. */
static void show_file(const char *name)
{
	char buf[256];
	FILE *f = fopen(name, "rb");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	printf("%s: \"", name);
	for (size_t i = 0; i < n; i++)
		printf(buf[i] == '\r' ? "\\r" : buf[i] == '\n' ? "\\n" : "%c",
		       buf[i]);
	printf("\"\n");
	remove(name);
}

static void crt_descriptors(void)
{
	int fd[5];
	char a[5][32], d[5][8], line[MAX_PATH + 200], out[256];
	FILE *nf, *p;
	intptr_t r;
	int status = 0, ok;
	const char *const av[] = {"inherit", "child", "own", "0", "0", "0",
				  NULL};

	fd[0] = _open("crt-text.tmp", _O_WRONLY | _O_CREAT | _O_TRUNC,
		      _S_IREAD | _S_IWRITE);
	fd[1] = _open("crt-noinherit.tmp",
		      _O_WRONLY | _O_CREAT | _O_TRUNC | _O_NOINHERIT,
		      _S_IREAD | _S_IWRITE);
	fd[2] = _open("crt-binary.tmp",
		      _O_WRONLY | _O_CREAT | _O_TRUNC | _O_BINARY,
		      _S_IREAD | _S_IWRITE);
	/* A duplicate is inheritable whatever its source. */
	fd[3] = _dup(fd[1]);
	nf = fopen("crt-stream.tmp", "wN");
	fd[4] = _fileno(nf);
	for (int i = 0; i < 5; i++) {
		DWORD flags = 0;
		intptr_t h = _get_osfhandle(fd[i]);

		GetHandleInformation((HANDLE)h, &flags);
		printf("fd %d: handle flags %lu\n", fd[i], flags);
		snprintf(a[i], sizeof(a[i]), "%p", (void *)h);
		snprintf(d[i], sizeof(d[i]), "%d", fd[i]);
	}
	fflush(stdout);
	r = _spawnl(_P_WAIT, self, "inherit", "crtchild", d[0], a[0], d[1],
		    a[1], d[2], a[2], d[3], a[3], d[4], a[4], NULL);
	printf("_spawnl: %d\n", (int)r);
	snprintf(line, sizeof(line), "%s crtchild %s %s %s %s %s %s %s %s %s %s",
		 self, d[0], a[0], d[1], a[1], d[2], a[2], d[3], a[3], d[4],
		 a[4]);
	fflush(stdout);
	printf("system: %d\n", system(line));
	/* _popen's command interpreter is handed no descriptors (Wine). */
	p = _popen(line, "r");
	while (p && fgets(out, sizeof(out), p))
		printf("_popen: %s", out);
	printf("_pclose: %d\n", p ? _pclose(p) : -1);
	fclose(nf);
	for (int i = 0; i < 4; i++)
		_close(fd[i]);
	/* _P_NOWAIT gives the process for _cwait; a program that is not
	 * there is ENOENT. */
	fflush(stdout);
	r = _spawnv(_P_NOWAIT, self, av);
	ok = _cwait(&status, r, _WAIT_CHILD) == r;
	printf("_cwait: %d, status %d\n", ok, status);
	errno = 0;
	r = _spawnlp(_P_WAIT, "no_such_program", "no_such_program", NULL);
	printf("missing program: %d errno %d\n", (int)r, errno);
	show_file("crt-text.tmp");
	show_file("crt-noinherit.tmp");
	show_file("crt-binary.tmp");
	show_file("crt-stream.tmp");
}

int main(int argc, char **argv)
{
	GetModuleFileNameA(NULL, self, sizeof(self));
	if (argc >= 6 && !strcmp(argv[1], "child"))
		return child(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "crtchild"))
		return crt_child(argc, argv);
	kernel32_handles();
	crt_descriptors();
	return 0;
}

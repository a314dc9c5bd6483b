/*
 * process.c — msvcrt's threads and processes: _beginthreadex and
 * _endthreadex (kernel32 threads), the _spawn family and _cwait, _getpid,
 * _sleep, and the CRT's own numbered locks (_lock/_unlock, recursive, as
 * msvcrt's are).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

uintptr_t WINAPI w32__beginthreadex(void *sa, unsigned stack, thread_fn fn,
				    void *arg, unsigned flags, unsigned *tid)
{
	HANDLE h = w32_CreateThread(sa, stack, fn, arg, flags, (DWORD *)tid);

	if (!h)
		*rt_errno_ptr() = W_EAGAIN;
	return (uintptr_t)h;
}

void WINAPI w32__endthreadex(unsigned code)
{
	w32_ExitThread(code);
}

int WINAPI w32__getpid(void)
{
	return (int)getpid();
}

/* nanosleep, not usleep(ms * 1000): that product wraps in 32 bits for
 * waits above 71 minutes, and usleep may refuse a second or longer. */
void WINAPI w32__sleep(ULONG ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ---- _spawn, _cwait ------------------------------------------------- */

#define _P_WAIT		 0
#define _P_NOWAIT	 1
#define _P_OVERLAY	 2
#define _P_NOWAITO	 3
#define _P_DETACH	 4
#define DETACHED_PROCESS 0x8
#define W_ENOEXEC	 8
#define W_ECHILD	 10
#define ERROR_BAD_EXE_FORMAT 193

static int exists(const char *path)
{
	return w32_GetFileAttributesA(path) != 0xffffffffu;
}

/* dir\name (dir NULL: name), or with one of the extensions msvcrt tries
 * for a name without one; a malloc'd path that exists, or NULL. */
static char *try_name(const char *dir, size_t dlen, const char *name,
		      int add_ext)
{
	static const char *const ext[] = {".com", ".exe", ".bat", ".cmd"};
	size_t n = dlen + strlen(name) + 6;
	char *p = malloc(n);

	if (!p)
		return 0;
	for (int i = -1; i < (add_ext ? 4 : 0); i++) {
		snprintf(p, n, "%.*s%s%s%s", (int)dlen, dir ? dir : "",
			 dir && dlen && dir[dlen - 1] != '\\' &&
					 dir[dlen - 1] != '/'
				 ? "\\"
				 : "",
			 name, i < 0 ? "" : ext[i]);
		if (exists(p))
			return p;
	}
	free(p);
	return 0;
}

/* The program msvcrt starts for name: name itself, then with .com, .exe,
 * .bat or .cmd when it has no extension, then (use_path) the same in each
 * directory of %PATH%.  A malloc'd path, or NULL. */
static char *search_program(const char *name, int use_path)
{
	const char *base = name, *path, *end;
	char *found;
	int add_ext;

	for (const char *p = name; *p; p++)
		if (*p == '\\' || *p == '/' || *p == ':')
			base = p + 1;
	add_ext = !strchr(base, '.');
	if ((found = try_name(0, 0, name, add_ext)) || !use_path)
		return found;
	for (path = w32_getenv("PATH"); path && *path; path = end) {
		end = path + strcspn(path, ";");
		if (end > path && (found = try_name(path, (size_t)(end - path),
						    name, add_ext)))
			return found;
		if (*end)
			end++;
	}
	return 0;
}

/* The strings of v joined by sep (msvcrt quotes nothing); sep 0 makes an
 * environment block (a NUL after each, one more at the end).  Malloc'd;
 * NULL when out of memory. */
static char *join(const char *const *v, char sep)
{
	size_t n = 2, k = 0;
	char *s;

	for (size_t i = 0; v[i]; i++)
		n += strlen(v[i]) + 1;
	s = malloc(n);
	if (!s)
		return 0;
	for (size_t i = 0; v[i]; i++) {
		size_t len = strlen(v[i]);

		memcpy(s + k, v[i], len);
		k += len;
		s[k++] = sep;
	}
	if (sep && k)
		k--;
	s[k] = 0;
	s[k + 1] = 0;
	return s;
}

/* errno for a CreateProcess failure. */
static int spawn_errno(DWORD e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND: return W_ENOENT;
	case ERROR_ACCESS_DENIED: return W_EACCES;
	case ERROR_NOT_ENOUGH_MEMORY: return W_ENOMEM;
	case ERROR_BAD_EXE_FORMAT: return W_ENOEXEC;
	case ERROR_TOO_MANY_OPEN_FILES: return W_EMFILE;
	default: return W_EINVAL;
	}
}

/* What every _spawn function does: starts the program found for name
 * with the command line of argv and the environment envv (NULL: ours),
 * handing it every inheritable handle and the descriptor table
 * (rt_crt_inherit_block: all descriptors but the _O_NOINHERIT ones).
 * _P_WAIT returns its exit code; _P_NOWAIT and _P_NOWAITO its process
 * handle (for _cwait); _P_DETACH 0; _P_OVERLAY ends this process (0) once
 * the child has started, as msvcrt does.  -1 with errno on failure. */
static intptr_t spawn(int mode, const char *name, const char *const *argv,
		      const char *const *envv, int use_path)
{
	PROCESS_INFORMATION pi;
	STARTUPINFOA si;
	char *prog, *cmd, *env = 0;
	DWORD code = 0;
	BOOL ok;

	if ((unsigned)mode > _P_DETACH || !name || !argv) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	prog = search_program(name, use_path);
	if (!prog) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	cmd = join(argv, ' ');
	if (envv)
		env = join(envv, 0);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.lpReserved2 = rt_crt_inherit_block(&si.cbReserved2);
	ok = cmd && (env || !envv) && si.lpReserved2 &&
	     w32_CreateProcessA(prog, cmd, 0, 0, TRUE,
				mode == _P_DETACH ? DETACHED_PROCESS : 0, env,
				0, &si, &pi);
	if (!ok)
		*rt_errno_ptr() = cmd && (env || !envv) && si.lpReserved2
					  ? spawn_errno(w32_GetLastError())
					  : W_ENOMEM;
	free(si.lpReserved2);
	free(prog);
	free(cmd);
	free(env);
	if (!ok)
		return -1;
	w32_CloseHandle(pi.hThread);
	switch (mode) {
	case _P_WAIT:
		w32_WaitForSingleObject(pi.hProcess, 0xffffffffu);
		w32_GetExitCodeProcess(pi.hProcess, &code);
		w32_CloseHandle(pi.hProcess);
		return (int)code;
	case _P_OVERLAY:
		w32__exit(0);
		break;
	case _P_DETACH:
		w32_CloseHandle(pi.hProcess);
		return 0;
	}
	return (intptr_t)pi.hProcess;
}

/* The arguments of a _spawnl form, arg0 to the NULL after the last, in a
 * malloc'd array; *envp the pointer after that NULL when asked (the e
 * forms).  NULL when out of memory. */
static const char **list_args(const char *arg0, w32_va_list ap,
			      const char *const **envp)
{
	size_t n = 0, cap = 8;
	const char **v = malloc(cap * sizeof(*v));

	for (const char *a = arg0; v; a = __builtin_va_arg(ap, const char *)) {
		if (n + 1 >= cap) {
			const char **t = realloc(v, (cap *= 2) * sizeof(*v));

			if (!t)
				free(v);
			v = t;
			if (!v)
				break;
		}
		v[n++] = a;
		if (!a)
			break;
	}
	if (v && envp)
		*envp = __builtin_va_arg(ap, const char *const *);
	if (!v)
		*rt_errno_ptr() = W_ENOMEM;
	return v;
}

/* The l forms: the arguments listed, then (e forms) the environment. */
static intptr_t spawn_list(int mode, const char *name, const char *arg0,
			   w32_va_list ap, int with_env, int use_path)
{
	const char *const *envv = 0;
	const char **v = list_args(arg0, ap, with_env ? &envv : 0);
	intptr_t r;

	if (!v)
		return -1;
	r = spawn(mode, name, v, envv, use_path);
	free(v);
	return r;
}

intptr_t WINAPI w32__spawnl(int mode, const char *name, const char *arg0, ...)
{
	w32_va_list ap;
	intptr_t r;

	__builtin_ms_va_start(ap, arg0);
	r = spawn_list(mode, name, arg0, ap, 0, 0);
	__builtin_ms_va_end(ap);
	return r;
}

intptr_t WINAPI w32__spawnle(int mode, const char *name, const char *arg0, ...)
{
	w32_va_list ap;
	intptr_t r;

	__builtin_ms_va_start(ap, arg0);
	r = spawn_list(mode, name, arg0, ap, 1, 0);
	__builtin_ms_va_end(ap);
	return r;
}

intptr_t WINAPI w32__spawnlp(int mode, const char *name, const char *arg0, ...)
{
	w32_va_list ap;
	intptr_t r;

	__builtin_ms_va_start(ap, arg0);
	r = spawn_list(mode, name, arg0, ap, 0, 1);
	__builtin_ms_va_end(ap);
	return r;
}

intptr_t WINAPI w32__spawnlpe(int mode, const char *name, const char *arg0,
			      ...)
{
	w32_va_list ap;
	intptr_t r;

	__builtin_ms_va_start(ap, arg0);
	r = spawn_list(mode, name, arg0, ap, 1, 1);
	__builtin_ms_va_end(ap);
	return r;
}

intptr_t WINAPI w32__spawnv(int mode, const char *name,
			    const char *const *argv)
{
	return spawn(mode, name, argv, 0, 0);
}

intptr_t WINAPI w32__spawnve(int mode, const char *name,
			     const char *const *argv, const char *const *envv)
{
	return spawn(mode, name, argv, envv, 0);
}

intptr_t WINAPI w32__spawnvp(int mode, const char *name,
			     const char *const *argv)
{
	return spawn(mode, name, argv, 0, 1);
}

intptr_t WINAPI w32__spawnvpe(int mode, const char *name,
			      const char *const *argv, const char *const *envv)
{
	return spawn(mode, name, argv, envv, 1);
}

/* Waits for the process handle a _P_NOWAIT spawn returned; *status gets
 * its exit code.  action (_WAIT_CHILD, _WAIT_GRANDCHILD) changes nothing
 * on Windows either.  pid, or -1 with errno ECHILD for no such handle. */
intptr_t WINAPI w32__cwait(int *status, intptr_t pid, int action)
{
	DWORD code = 0;

	(void)action;
	if (w32_WaitForSingleObject((HANDLE)pid, 0xffffffffu) == 0) {
		if (status) {
			w32_GetExitCodeProcess((HANDLE)pid, &code);
			*status = (int)code;
		}
		return pid;
	}
	*rt_errno_ptr() = w32_GetLastError() == ERROR_INVALID_HANDLE
				  ? W_ECHILD
				  : spawn_errno(w32_GetLastError());
	if (status)
		*status = -1;
	return -1;
}

/* ---- the CRT's locks ----------------------------------------------- */

static pthread_mutex_t crt_locks[64];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	for (int i = 0; i < 64; i++)
		pthread_mutex_init(&crt_locks[i], &a);
	pthread_mutexattr_destroy(&a);
}

void WINAPI w32__lock(int n)
{
	pthread_once(&locks_once, init_locks);
	if (n >= 0 && n < 64)
		pthread_mutex_lock(&crt_locks[n]);
}

void WINAPI w32__unlock(int n)
{
	if (n >= 0 && n < 64)
		pthread_mutex_unlock(&crt_locks[n]);
}

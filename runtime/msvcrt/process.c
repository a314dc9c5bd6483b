/*
 * process.c — msvcrt's threads and processes: _beginthreadex and
 * _endthreadex (kernel32 threads), the _spawn and _exec families (_exec
 * is _spawn with _P_OVERLAY, as in msvcrt) with their wide twins, which
 * convert their strings once (UTF-8, the ANSI code page) and take the
 * narrow path, and _cwait, _getpid, _sleep, and the CRT's own numbered
 * locks (_lock/_unlock, recursive, as msvcrt's are).
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

/* The UTF-8 forms of the wide strings of w (NULL-terminated), in one
 * malloc'd block: the pointers, then the strings.  NULL (errno ENOMEM)
 * when out of memory or a string does not convert. */
static char **narrow_vec(const WCHAR *const *w)
{
	size_t n = 0, bytes = 0, k;
	char **v, *p;

	for (; w[n]; n++) {
		char *s = rt_utf8_dup(w[n]);

		if (!s)
			goto fail;
		bytes += strlen(s) + 1;
		free(s);
	}
	v = malloc((n + 1) * sizeof(*v) + bytes);
	if (!v)
		goto fail;
	p = (char *)(v + n + 1);
	for (k = 0; k < n; k++) {
		char *s = rt_utf8_dup(w[k]);

		if (!s) {
			free(v);
			goto fail;
		}
		v[k] = p;
		p = stpcpy(p, s) + 1;
		free(s);
	}
	v[n] = 0;
	return v;
fail:
	*rt_errno_ptr() = W_ENOMEM;
	return 0;
}

/* spawn with wide strings, converted once. */
static intptr_t wspawn(int mode, const WCHAR *name, const WCHAR *const *argv,
		       const WCHAR *const *envv, int use_path)
{
	char *n = 0, **a = 0, **e = 0;
	intptr_t r = -1;

	if ((unsigned)mode > _P_DETACH || !name || !argv) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	n = rt_utf8_dup(name);
	a = narrow_vec(argv);
	if (envv)
		e = narrow_vec(envv);
	if (n && a && (e || !envv))
		r = spawn(mode, n, (const char *const *)a,
			  (const char *const *)e, use_path);
	else
		*rt_errno_ptr() = W_ENOMEM;
	free(n);
	free(a);
	free(e);
	return r;
}

/* The l forms of either width: the arguments listed, then (e forms) the
 * environment; the pointers are collected alike, converted by wspawn. */
static intptr_t spawn_list(int mode, const void *name, const void *arg0,
			   w32_va_list ap, int with_env, int use_path,
			   int wide)
{
	const char *const *envv = 0;
	const char **v = list_args(arg0, ap, with_env ? &envv : 0);
	intptr_t r;

	if (!v)
		return -1;
	r = wide ? wspawn(mode, name, (const WCHAR *const *)v,
			  (const WCHAR *const *)envv, use_path)
		 : spawn(mode, name, v, envv, use_path);
	free(v);
	return r;
}

/* The l forms: SPAWN_L(name, with_env, use_path, character type, wide);
 * EXEC_L the same for the _exec ones, which take no mode and overlay
 * this process. */
#define SPAWN_L(fn, env, path, T, wide)                                        \
	intptr_t WINAPI w32_##fn(int mode, const T *name, const T *arg0, ...) \
	{                                                                      \
		w32_va_list ap;                                                \
		intptr_t r;                                                    \
                                                                               \
		__builtin_ms_va_start(ap, arg0);                               \
		r = spawn_list(mode, name, arg0, ap, env, path, wide);         \
		__builtin_ms_va_end(ap);                                       \
		return r;                                                      \
	}
#define EXEC_L(fn, env, path, T, wide)                                         \
	intptr_t WINAPI w32_##fn(const T *name, const T *arg0, ...)           \
	{                                                                      \
		w32_va_list ap;                                                \
		intptr_t r;                                                    \
                                                                               \
		__builtin_ms_va_start(ap, arg0);                               \
		r = spawn_list(_P_OVERLAY, name, arg0, ap, env, path, wide);   \
		__builtin_ms_va_end(ap);                                       \
		return r;                                                      \
	}

SPAWN_L(_spawnl, 0, 0, char, 0)
SPAWN_L(_spawnle, 1, 0, char, 0)
SPAWN_L(_spawnlp, 0, 1, char, 0)
SPAWN_L(_spawnlpe, 1, 1, char, 0)
SPAWN_L(_wspawnl, 0, 0, WCHAR, 1)
SPAWN_L(_wspawnle, 1, 0, WCHAR, 1)
SPAWN_L(_wspawnlp, 0, 1, WCHAR, 1)
SPAWN_L(_wspawnlpe, 1, 1, WCHAR, 1)
EXEC_L(_execl, 0, 0, char, 0)
EXEC_L(_execle, 1, 0, char, 0)
EXEC_L(_execlp, 0, 1, char, 0)
EXEC_L(_execlpe, 1, 1, char, 0)
EXEC_L(_wexecl, 0, 0, WCHAR, 1)
EXEC_L(_wexecle, 1, 0, WCHAR, 1)
EXEC_L(_wexeclp, 0, 1, WCHAR, 1)
EXEC_L(_wexeclpe, 1, 1, WCHAR, 1)

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

intptr_t WINAPI w32__wspawnv(int mode, const WCHAR *name,
			     const WCHAR *const *argv)
{
	return wspawn(mode, name, argv, 0, 0);
}

intptr_t WINAPI w32__wspawnve(int mode, const WCHAR *name,
			      const WCHAR *const *argv,
			      const WCHAR *const *envv)
{
	return wspawn(mode, name, argv, envv, 0);
}

intptr_t WINAPI w32__wspawnvp(int mode, const WCHAR *name,
			      const WCHAR *const *argv)
{
	return wspawn(mode, name, argv, 0, 1);
}

intptr_t WINAPI w32__wspawnvpe(int mode, const WCHAR *name,
			       const WCHAR *const *argv,
			       const WCHAR *const *envv)
{
	return wspawn(mode, name, argv, envv, 1);
}

/* The _exec v forms: the program replaces this one (which ends, 0, once
 * it has started); -1 with errno when it cannot start. */
intptr_t WINAPI w32__execv(const char *name, const char *const *argv)
{
	return spawn(_P_OVERLAY, name, argv, 0, 0);
}

intptr_t WINAPI w32__execve(const char *name, const char *const *argv,
			    const char *const *envv)
{
	return spawn(_P_OVERLAY, name, argv, envv, 0);
}

intptr_t WINAPI w32__execvp(const char *name, const char *const *argv)
{
	return spawn(_P_OVERLAY, name, argv, 0, 1);
}

intptr_t WINAPI w32__execvpe(const char *name, const char *const *argv,
			     const char *const *envv)
{
	return spawn(_P_OVERLAY, name, argv, envv, 1);
}

intptr_t WINAPI w32__wexecv(const WCHAR *name, const WCHAR *const *argv)
{
	return wspawn(_P_OVERLAY, name, argv, 0, 0);
}

intptr_t WINAPI w32__wexecve(const WCHAR *name, const WCHAR *const *argv,
			     const WCHAR *const *envv)
{
	return wspawn(_P_OVERLAY, name, argv, envv, 0);
}

intptr_t WINAPI w32__wexecvp(const WCHAR *name, const WCHAR *const *argv)
{
	return wspawn(_P_OVERLAY, name, argv, 0, 1);
}

intptr_t WINAPI w32__wexecvpe(const WCHAR *name, const WCHAR *const *argv,
			      const WCHAR *const *envv)
{
	return wspawn(_P_OVERLAY, name, argv, envv, 1);
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

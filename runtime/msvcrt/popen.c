/*
 * popen.c — msvcrt: _popen, _pclose and system, which hand a command line
 * to "cmd.exe /c" (here cmd.c, in a child process), their wide twins
 * _wpopen and _wsystem (the line converted once, UTF-8 being the ANSI
 * code page).
 *
 * _popen's stream is the parent's end of a pipe whose other end is the
 * child's stdin ("w") or stdout ("r"); the child's other standard streams
 * are ours.  _pclose closes the stream, waits for the child and returns
 * its exit status, as _cwait reports it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define MAX_POPEN 64

static struct {
	struct w32_file *f;
	HANDLE process;
} popens[MAX_POPEN];
static pthread_mutex_t popen_lock = PTHREAD_MUTEX_INITIALIZER;

/* Starts the command interpreter on line with Linux fds in[0..2] as its
 * standard streams (-1: ours), closing close_fd in the child; crt_fds:
 * the programs it runs get our descriptors (rt_cmd_line).  A process
 * handle whose exit code is the line's status, or NULL with errno. */
static HANDLE cmd_spawn(const char *line, const int in[3], int close_fd,
			int crt_fds)
{
	struct rt_object *po = rt_object_new(RT_H_PROCESS);
	int codepipe[2];
	pid_t pid;

	if (!po || pipe2(codepipe, O_CLOEXEC) != 0) {
		if (po)
			rt_object_put(po);
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		DWORD code;
		int fd[3];

		if (close_fd >= 0)
			close(close_fd);
		close(codepipe[0]);
		/* Sources among 0..2 move up first, so no dup2 clobbers one. */
		for (int i = 0; i < 3; i++)
			fd[i] = in[i] >= 0 && in[i] < 3 && in[i] != i
					? fcntl(in[i], F_DUPFD_CLOEXEC, 3)
					: in[i];
		for (int i = 0; i < 3; i++)
			if (fd[i] >= 0 && fd[i] != i)
				dup2(fd[i], i);
		/* Its standard handles are its fds 0..2, the line's streams,
		 * which its redirections change and the programs it starts
		 * get, whatever SetStdHandle named here: msvcrt hands cmd.exe
		 * its descriptors 0..2 (Wine's answer: a program of the line
		 * writes where our fd 1 leads, not our STD_OUTPUT_HANDLE). */
		for (int i = 0; i < 3; i++)
			rt_crt_std_follow(i);
		code = (DWORD)rt_cmd_line(line, crt_fds);
		(void)!write(codepipe[1], &code, sizeof(code));
		_exit((int)(code & 0xff));
	}
	close(codepipe[1]);
	if (pid < 0) {
		close(codepipe[0]);
		rt_object_put(po);
		return 0;
	}
	po->fd = codepipe[0];
	po->pid = pid;
	po->exit_code = STILL_ACTIVE;
	return rt_handle_new(po);
}

/* The exit status of process h, once it has ended; h is closed. */
static int wait_status(HANDLE h)
{
	DWORD code = 0;

	w32_WaitForSingleObject(h, 0xffffffffu);
	w32_GetExitCodeProcess(h, &code);
	w32_CloseHandle(h);
	return (int)code;
}

/* _popen: mode is "r" or "w", with "t" or "b" (default: _fmode's). */
struct w32_file *WINAPI w32__popen(const char *cmd, const char *mode)
{
	int rd, binary, text, pfd[2], in[3] = {-1, -1, -1}, fd, slot = -1;
	struct w32_file *f;
	HANDLE h;

	if (!cmd || !mode || (mode[0] != 'r' && mode[0] != 'w')) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	rd = mode[0] == 'r';
	binary = strchr(mode, 'b') != 0;
	text = strchr(mode, 't') != 0;
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		rt_set_errno_from(errno);
		return 0;
	}
	in[rd ? 1 : 0] = pfd[rd ? 1 : 0];
	h = cmd_spawn(cmd, in, pfd[rd ? 0 : 1], 0);
	close(pfd[rd ? 1 : 0]);
	if (!h) {
		rt_set_errno_from(errno);
		close(pfd[rd ? 0 : 1]);
		return 0;
	}
	/* The stream's end is no other child's (_O_NOINHERIT, as msvcrt
	 * makes it). */
	fd = rt_crt_fd_new(pfd[rd ? 0 : 1],
			   _O_NOINHERIT |
				   (binary ? _O_BINARY
				    : text ? _O_TEXT
					   : (w32__fmode & _O_BINARY
						      ? _O_BINARY
						      : _O_TEXT)));
	f = fd < 0 ? 0 : w32__fdopen(fd, rd ? "r" : "w");
	pthread_mutex_lock(&popen_lock);
	for (int i = 0; f && i < MAX_POPEN && slot < 0; i++)
		if (!popens[i].f)
			slot = i;
	if (slot >= 0) {
		popens[slot].f = f;
		popens[slot].process = h;
	}
	pthread_mutex_unlock(&popen_lock);
	if (slot < 0) {
		if (f)
			w32_fclose(f);
		else if (fd >= 0)
			w32__close(fd);
		wait_status(h);
		*rt_errno_ptr() = W_EMFILE;
		return 0;
	}
	return f;
}

/* _pclose: the command's exit status; -1 (errno EBADF) for a stream
 * _popen did not return. */
int WINAPI w32__pclose(struct w32_file *f)
{
	HANDLE h = 0;

	pthread_mutex_lock(&popen_lock);
	for (int i = 0; f && i < MAX_POPEN; i++) {
		if (popens[i].f == f) {
			h = popens[i].process;
			popens[i].f = 0;
			break;
		}
	}
	pthread_mutex_unlock(&popen_lock);
	if (!h) {
		*rt_errno_ptr() = W_EBADF;
		return -1;
	}
	w32_fclose(f);
	return wait_status(h);
}

/* system: NULL asks whether there is a command interpreter (there is);
 * otherwise the line's exit status, the child using our standard
 * streams.  errno is left ENOENT, as msvcrt leaves it after looking for
 * cmd.exe (Wine's msvcrt_search_executable sets it before it looks);
 * Lua's os.execute reads errno after a non-zero status, so this is what
 * a script sees. */
int WINAPI w32_system(const char *cmd)
{
	static const int ours[3] = {-1, -1, -1};
	HANDLE h;

	if (!cmd)
		return 1;
	h = cmd_spawn(cmd, ours, -1, 1);
	if (!h) {
		rt_set_errno_from(errno);
		return -1;
	}
	*rt_errno_ptr() = W_ENOENT;
	return wait_status(h);
}

/* _popen of a UTF-16 line and mode. */
struct w32_file *WINAPI w32__wpopen(const WCHAR *cmd, const WCHAR *mode)
{
	char *c = cmd ? rt_utf8_dup(cmd) : 0, *m = mode ? rt_utf8_dup(mode) : 0;
	struct w32_file *f = 0;

	if (c && m)
		f = w32__popen(c, m);
	else
		*rt_errno_ptr() = cmd && mode ? W_ENOMEM : W_EINVAL;
	free(c);
	free(m);
	return f;
}

/* system of a UTF-16 line (NULL: is there an interpreter). */
int WINAPI w32__wsystem(const WCHAR *cmd)
{
	char *c;
	int r;

	if (!cmd)
		return w32_system(0);
	c = rt_utf8_dup(cmd);
	if (!c) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	r = w32_system(c);
	free(c);
	return r;
}

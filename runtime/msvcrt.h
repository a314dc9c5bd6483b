/*
 * msvcrt.h — what the runtime's msvcrt files share: msvcrt's constants
 * (its own errno numbers and _O_ flags), its FILE layout, and the
 * low-level descriptor table.
 */
#ifndef DLLSHARE_MSVCRT_H
#define DLLSHARE_MSVCRT_H

#include "runtime/rtint.h"

/* msvcrt's errno values (errno.h of the Windows SDK). */
#define W_EPERM	 1
#define W_ENOENT 2
#define W_EINTR	 4
#define W_EIO	 5
#define W_EBADF	 9
#define W_EAGAIN 11
#define W_ENOMEM 12
#define W_EACCES 13
#define W_EFAULT 14
#define W_EEXIST 17
#define W_EINVAL 22
#define W_EMFILE 24
#define W_ENOSPC 28
#define W_ESPIPE 29
#define W_EPIPE	 32
#define W_EDOM	 33
#define W_ERANGE 34
#define W_EILSEQ 42

/* _open flags (fcntl.h of the Windows SDK). */
#define _O_RDONLY    0x0
#define _O_WRONLY    0x1
#define _O_RDWR	     0x2
#define _O_APPEND    0x8
#define _O_TEMPORARY 0x40
#define _O_NOINHERIT 0x80
#define _O_CREAT     0x100
#define _O_TRUNC     0x200
#define _O_EXCL	     0x400
#define _O_TEXT	     0x4000
#define _O_BINARY    0x8000
#define _O_WTEXT     0x10000
#define _O_U16TEXT   0x20000
#define _O_U8TEXT    0x40000

/* An msvcrt file descriptor. */
struct rt_crt_fd {
	int used;
	int fd;	  /* Linux fd */
	int text; /* CRLF translation */
	int append;
	int pending;   /* a byte read ahead after '\r', or -1 */
	HANDLE handle; /* _get_osfhandle's, made on demand */
};

/* The descriptor, or NULL with errno EBADF. */
struct rt_crt_fd *rt_crt_fd(int fd);
/* A new descriptor for Linux fd lfd (flags: _O_TEXT/_O_BINARY/_O_APPEND),
 * which it takes over; -1 with errno EMFILE when all are taken, and lfd
 * is then closed. */
int rt_crt_fd_new(int lfd, int flags);
/* write(2) until all n bytes are out (EINTR retried); n, or -1 with
 * errno set. */
ssize_t rt_write_all(int lfd, const void *b, size_t n);
extern int w32__fmode;

/* msvcrt's FILE (stdio.h of mingw-w64 / the Windows SDK, 48 bytes on
 * x64): programs index __iob_func() by it, so the size must match. */
struct w32_file {
	char *_ptr;
	int _cnt;
	char *_base;
	int _flag;
	int _file;
	int _charbuf;
	int _bufsiz;
	char *_tmpfname;
};
_Static_assert(sizeof(struct w32_file) == 48, "msvcrt FILE is 48 bytes");

#undef _IOREAD
#define _IOREAD 0x1
#undef _IOWRT
#define _IOWRT 0x2
#undef _IONBF
#define _IONBF 0x4
#undef _IOMYBUF
#define _IOMYBUF 0x8
#undef _IOEOF
#define _IOEOF 0x10
#undef _IOERR
#define _IOERR 0x20
#undef _IOSTRG
#define _IOSTRG 0x40
#undef _IORW
#define _IORW 0x80

/* msvcrt's float syntax (msvcrt_str.c), shared by atof and scanf. */
int rt_crt_float_text(const char *s, size_t max, char *out, size_t outsz);

/* The stream layer (msvcrt_stdio.c) as msvcrt_fprintf.c uses it.  A
 * locked stream stays locked until rt_stream_unlock; rt_stream_end_call
 * flushes streams that flush after every call (terminal, stderr). */
struct rt_stream;
struct rt_stream *rt_stream_lock_out(struct w32_file *f);
struct rt_stream *rt_stream_lock_in(struct w32_file *f);
void rt_stream_unlock(struct rt_stream *s);
void rt_stream_end_call(struct rt_stream *s);
/* Writes bytes, "\n" as "\r\n" in text mode; 0 or EOF. */
int rt_stream_write(struct rt_stream *s, const char *b, size_t n);
/* A byte of a locked input stream ("\r\n" read as "\n" in text mode),
 * or EOF; ungetc pushes one back. */
int rt_stream_getc(struct rt_stream *s);
void rt_stream_ungetc(struct rt_stream *s, int c);
/* stdin, stdout, stderr (0, 1, 2). */
struct w32_file *rt_stream_std(int i);

int WINAPI w32__write(int fd, const void *buf, unsigned n);
int WINAPI w32__close(int fd);
int WINAPI w32__open(const char *name, int flags, ...);

#endif

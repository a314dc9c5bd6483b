/*
 * msvcrt_stdio.c — msvcrt's FILE streams.
 *
 * The FILE objects are msvcrt's 48-byte structures, in one array that
 * __iob_func() returns (mingw's stdout is &__iob_func()[1]); each has a
 * side record here with its buffer and lock.  Text-mode streams write
 * "\r\n" for "\n" and read "\r\n" as "\n": a stream's mode is its
 * descriptor's, asked at each transfer, so _setmode on the descriptor
 * (minigzip's _setmode(_fileno(stdout), _O_BINARY)) changes the stream
 * too, as in msvcrt, where the mode lives only in the descriptor.  Buffering follows msvcrt: files and redirected stdout are fully
 * buffered (4 KiB); stdout on a terminal and stderr are flushed at the
 * end of every call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define MAX_STREAMS 512
#define BUFSZ	    4096
#define EOF	    (-1)

enum { BUF_FULL, BUF_NONE, BUF_CALL };

struct rt_stream {
	pthread_mutex_t lock;
	int used;
	int fd; /* msvcrt fd; its text flag is the stream's mode */
	int can_read, can_write;
	int bufmode;
	char *buf;
	size_t cap;
	size_t len;  /* write: bytes waiting; read: bytes in buf */
	size_t pos;  /* read position in buf */
	int writing; /* the buffer holds output */
	int ungot;   /* pushed back byte or -1 */
	int eof, err;
	int setup; /* stdin/out/err: buffering decided */
};

/* msvcrt's layout: the first 20 FILEs are the _iob array; the others
 * are "FILEX" records, a FILE followed by its CRITICAL_SECTION.  mingw's
 * own _lock_file depends on it: for a FILE outside _iob it enters the
 * critical section at FILE+0x30. */
#define IOB_ENTRIES 20
struct filex {
	struct w32_file f;
	CRITICAL_SECTION cs;
};
struct w32_file w32__iob[IOB_ENTRIES];
static struct filex fx[MAX_STREAMS - IOB_ENTRIES];
static struct rt_stream st[MAX_STREAMS];

static struct w32_file *file_at(int i)
{
	return i < IOB_ENTRIES ? &w32__iob[i] : &fx[i - IOB_ENTRIES].f;
}
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t streams_lock = PTHREAD_MUTEX_INITIALIZER;

static void init_streams(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	for (int i = 0; i < MAX_STREAMS; i++) {
		pthread_mutex_init(&st[i].lock, &a);
		st[i].ungot = -1;
	}
	pthread_mutexattr_destroy(&a);
	for (int i = 0; i < 3; i++) {
		st[i].used = 1;
		st[i].fd = i;
		st[i].can_read = i == 0;
		st[i].can_write = i != 0;
		w32__iob[i]._file = i;
		w32__iob[i]._flag = i == 0 ? _IOREAD : _IOWRT;
	}
}

/* The side record of f; NULL if f is not one of ours. */
static struct rt_stream *S(struct w32_file *f)
{
	pthread_once(&once, init_streams);
	if (f >= w32__iob && f < w32__iob + IOB_ENTRIES)
		return &st[f - w32__iob];
	if ((uintptr_t)f - (uintptr_t)fx < sizeof(fx)) {
		size_t off = (uintptr_t)f - (uintptr_t)fx;

		if (off % sizeof(struct filex) == 0)
			return &st[IOB_ENTRIES + off / sizeof(struct filex)];
	}
	return 0;
}

static void setup_std(struct rt_stream *s, int idx)
{
	if (s->setup)
		return;
	s->setup = 1;
	if (idx == 2) {
		s->bufmode = BUF_CALL;
	} else if (idx == 1) {
		struct rt_crt_fd *d = rt_crt_fd(1);

		s->bufmode = d && isatty(d->fd) ? BUF_CALL : BUF_FULL;
	}
}

/* Text mode or binary: the descriptor's mode, now. */
static int is_text(struct rt_stream *s)
{
	struct rt_crt_fd *d = rt_crt_fd(s->fd);

	return d && d->text;
}

static int lfd_of(struct rt_stream *s)
{
	struct rt_crt_fd *d = rt_crt_fd(s->fd);

	return d ? d->fd : -1;
}

/* Writes out the pending output; 0 or EOF. */
static int flush_locked(struct rt_stream *s)
{
	int lfd;

	if (!s->writing || s->len == 0) {
		s->writing = 0;
		return 0;
	}
	lfd = lfd_of(s);
	if (lfd < 0 || rt_write_all(lfd, s->buf, s->len) < 0) {
		s->err = 1;
		s->len = 0;
		s->writing = 0;
		return EOF;
	}
	s->len = 0;
	s->writing = 0;
	return 0;
}

/* Leaves read mode: the unread bytes go back to the file position. */
static void drop_input(struct rt_stream *s)
{
	if (!s->writing && (s->len > s->pos || s->ungot >= 0)) {
		int lfd = lfd_of(s);
		off_t back = (off_t)(s->len - s->pos) + (s->ungot >= 0);

		if (lfd >= 0)
			lseek(lfd, -back, SEEK_CUR);
	}
	if (!s->writing)
		s->len = s->pos = 0;
	s->ungot = -1;
}

static int ensure_buf(struct rt_stream *s)
{
	if (s->buf)
		return 0;
	s->cap = BUFSZ;
	s->buf = malloc(s->cap);
	return s->buf ? 0 : -1;
}

/* Appends raw bytes to the output buffer, flushing as needed. */
static int out_raw(struct rt_stream *s, const char *b, size_t n)
{
	if (!s->writing) {
		drop_input(s);
		s->writing = 1;
		s->len = 0;
	}
	if (s->bufmode == BUF_NONE || ensure_buf(s) < 0) {
		int lfd = lfd_of(s);

		if (lfd < 0 || rt_write_all(lfd, b, n) < 0) {
			s->err = 1;
			return EOF;
		}
		return 0;
	}
	while (n) {
		size_t k = s->cap - s->len < n ? s->cap - s->len : n;

		memcpy(s->buf + s->len, b, k);
		s->len += k;
		b += k;
		n -= k;
		if (s->len == s->cap && flush_locked(s) < 0)
			return EOF;
		s->writing = 1;
	}
	return 0;
}

/* Writes n bytes, translating "\n" in text mode. */
static int out_bytes(struct rt_stream *s, const char *b, size_t n)
{
	size_t i, start = 0;

	if (!s->can_write) {
		s->err = 1;
		*rt_errno_ptr() = W_EBADF;
		return EOF;
	}
	if (!is_text(s))
		return out_raw(s, b, n);
	for (i = 0; i < n; i++) {
		if (b[i] != '\n')
			continue;
		if (out_raw(s, b + start, i - start) < 0 ||
		    out_raw(s, "\r\n", 2) < 0)
			return EOF;
		start = i + 1;
	}
	return out_raw(s, b + start, n - start);
}

/* End of a top-level output call: unbuffered-ish streams flush. */
static void end_call(struct rt_stream *s)
{
	if (s->bufmode == BUF_CALL)
		flush_locked(s);
}

static struct rt_stream *lock_out(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	pthread_mutex_lock(&s->lock);
	if (s - st < 3)
		setup_std(s, (int)(s - st));
	return s;
}

static void unlock(struct rt_stream *s)
{
	pthread_mutex_unlock(&s->lock);
}

/* ---- input ---------------------------------------------------------- */

static int fill(struct rt_stream *s)
{
	int lfd = lfd_of(s);
	ssize_t r;

	if (ensure_buf(s) < 0 || lfd < 0) {
		s->err = 1;
		return EOF;
	}
	if (rt_prepare_write(s->buf, s->cap) < 0)
		return EOF;
	do
		r = read(lfd, s->buf, s->cap);
	while (r < 0 && errno == EINTR);
	if (r <= 0) {
		if (r < 0)
			s->err = 1;
		else
			s->eof = 1;
		s->len = s->pos = 0;
		return EOF;
	}
	s->len = (size_t)r;
	s->pos = 0;
	return 0;
}

static int raw_get(struct rt_stream *s)
{
	if (s->pos >= s->len && fill(s) < 0)
		return EOF;
	return (unsigned char)s->buf[s->pos++];
}

static int get_locked(struct rt_stream *s)
{
	int c;

	if (!s->can_read) {
		s->err = 1;
		return EOF;
	}
	if (s->writing) {
		if (flush_locked(s) < 0)
			return EOF;
		s->len = s->pos = 0;
	}
	if (s->ungot >= 0) {
		c = s->ungot;
		s->ungot = -1;
		return c;
	}
	c = raw_get(s);
	if (c == EOF || !is_text(s))
		return c;
	if (c == 0x1a) {
		/* Ctrl-Z ends a text stream. */
		s->pos--;
		s->eof = 1;
		return EOF;
	}
	if (c == '\r') {
		int d = raw_get(s);

		if (d == '\n')
			return '\n';
		if (d != EOF)
			s->pos--;
	}
	return c;
}

/* ---- for msvcrt_fprintf.c (msvcrt.h) --------------------------------- */

struct rt_stream *rt_stream_lock_out(struct w32_file *f)
{
	return lock_out(f);
}

void rt_stream_unlock(struct rt_stream *s)
{
	unlock(s);
}

void rt_stream_end_call(struct rt_stream *s)
{
	end_call(s);
}

int rt_stream_write(struct rt_stream *s, const char *b, size_t n)
{
	return out_bytes(s, b, n);
}

int rt_stream_getc(struct rt_stream *s)
{
	return get_locked(s);
}

void rt_stream_ungetc(struct rt_stream *s, int c)
{
	if (c != EOF)
		s->ungot = c;
}

struct w32_file *rt_stream_std(int i)
{
	pthread_once(&once, init_streams);
	return &w32__iob[i];
}

/* ---- exported: opening and closing --------------------------------- */

static struct w32_file *stream_new(int fd, int rd, int wr)
{
	pthread_once(&once, init_streams);
	pthread_mutex_lock(&streams_lock);
	for (int i = 3; i < MAX_STREAMS; i++) {
		struct rt_stream *s = &st[i];

		if (s->used)
			continue;
		s->used = 1;
		s->fd = fd;
		s->can_read = rd;
		s->can_write = wr;
		s->bufmode = BUF_FULL;
		s->len = s->pos = 0;
		s->writing = 0;
		s->ungot = -1;
		s->eof = s->err = 0;
		file_at(i)->_file = fd;
		file_at(i)->_flag = (rd && wr) ? _IORW : rd ? _IOREAD : _IOWRT;
		pthread_mutex_unlock(&streams_lock);
		return file_at(i);
	}
	pthread_mutex_unlock(&streams_lock);
	*rt_errno_ptr() = W_EMFILE;
	return 0;
}

/* Parses an fopen mode into _open flags and read/write permissions. */
static int parse_mode(const char *m, int *oflags, int *rd, int *wr)
{
	int f;

	switch (*m++) {
	case 'r':
		f = _O_RDONLY;
		*rd = 1;
		*wr = 0;
		break;
	case 'w':
		f = _O_WRONLY | _O_CREAT | _O_TRUNC;
		*rd = 0;
		*wr = 1;
		break;
	case 'a':
		f = _O_WRONLY | _O_CREAT | _O_APPEND;
		*rd = 0;
		*wr = 1;
		break;
	default: return -1;
	}
	for (; *m && *m != ','; m++) {
		if (*m == '+') {
			f = (f & ~3) | _O_RDWR;
			*rd = *wr = 1;
		} else if (*m == 'b') {
			f |= _O_BINARY;
		} else if (*m == 't') {
			f |= _O_TEXT;
		} else if (*m == 'D') {
			f |= _O_TEMPORARY;
		}
	}
	*oflags = f;
	return 0;
}

struct w32_file *WINAPI w32_fopen(const char *name, const char *mode)
{
	int oflags, rd, wr, fd;
	struct w32_file *f;

	if (!name || !mode || parse_mode(mode, &oflags, &rd, &wr) < 0) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	fd = w32__open(name, oflags, 0x180);
	if (fd < 0)
		return 0;
	f = stream_new(fd, rd, wr);
	if (!f)
		w32__close(fd);
	return f;
}

struct w32_file *WINAPI w32__wfopen(const WCHAR *name, const WCHAR *mode)
{
	char *n = rt_utf8_dup(name), *m = rt_utf8_dup(mode);
	struct w32_file *f = n && m ? w32_fopen(n, m) : 0;

	free(n);
	free(m);
	return f;
}

struct w32_file *WINAPI w32__fdopen(int fd, const char *mode)
{
	int oflags, rd, wr;
	struct rt_crt_fd *d = rt_crt_fd(fd);

	if (!d || !mode || parse_mode(mode, &oflags, &rd, &wr) < 0)
		return 0;
	if (oflags & _O_BINARY)
		d->text = 0;
	else if (oflags & _O_TEXT)
		d->text = 1;
	return stream_new(fd, rd, wr);
}

static int close_locked(struct rt_stream *s, struct w32_file *f)
{
	int r = flush_locked(s);

	if (s - st >= 3 || s->fd > 2) {
		if (w32__close(s->fd) < 0)
			r = EOF;
	}
	free(s->buf);
	s->buf = 0;
	s->cap = s->len = s->pos = 0;
	s->used = 0;
	s->setup = 0;
	f->_flag = 0;
	f->_file = -1;
	return r;
}

int WINAPI w32_fclose(struct w32_file *f)
{
	struct rt_stream *s = S(f);
	int r;

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return EOF;
	}
	pthread_mutex_lock(&s->lock);
	r = close_locked(s, f);
	pthread_mutex_unlock(&s->lock);
	return r;
}

struct w32_file *WINAPI w32_freopen(const char *name, const char *mode,
				    struct w32_file *f)
{
	struct rt_stream *s = S(f);
	int oflags, rd, wr, fd;

	if (!s || !mode || parse_mode(mode, &oflags, &rd, &wr) < 0)
		return 0;
	pthread_mutex_lock(&s->lock);
	if (s->used)
		close_locked(s, f);
	fd = w32__open(name, oflags, 0x180);
	if (fd < 0) {
		pthread_mutex_unlock(&s->lock);
		return 0;
	}
	s->used = 1;
	s->fd = fd;
	s->can_read = rd;
	s->can_write = wr;
	s->bufmode = BUF_FULL;
	s->setup = 1;
	s->writing = 0;
	s->ungot = -1;
	s->eof = s->err = 0;
	f->_file = fd;
	f->_flag = (rd && wr) ? _IORW : rd ? _IOREAD : _IOWRT;
	pthread_mutex_unlock(&s->lock);
	return f;
}


void rt_stdio_flushall(void)
{
	w32_fflush(0);
}

/* Wine's msvcrt flushes its streams when the process detaches it; here
 * the core runs the hook at ExitProcess and at an unhandled exception. */
void rt_msvcrt_attach(void)
{
	rt_exit_hook_add(rt_stdio_flushall);
}

int WINAPI w32_fflush(struct w32_file *f)
{
	struct rt_stream *s;
	int r = 0;

	if (!f) {
		pthread_once(&once, init_streams);
		for (int i = 0; i < MAX_STREAMS; i++) {
			if (!st[i].used || !st[i].writing)
				continue;
			pthread_mutex_lock(&st[i].lock);
			if (flush_locked(&st[i]) < 0)
				r = EOF;
			pthread_mutex_unlock(&st[i].lock);
		}
		return r;
	}
	s = lock_out(f);
	if (!s)
		return EOF;
	r = flush_locked(s);
	unlock(s);
	return r;
}

int WINAPI w32__flushall(void)
{
	int n = 0;

	w32_fflush(0);
	for (int i = 0; i < MAX_STREAMS; i++)
		n += st[i].used;
	return n;
}

int WINAPI w32__fcloseall(void)
{
	int n = 0;

	pthread_once(&once, init_streams);
	for (int i = 3; i < MAX_STREAMS; i++) {
		if (st[i].used) {
			w32_fclose(file_at(i));
			n++;
		}
	}
	return n;
}

/* ---- exported: output ---------------------------------------------- */

size_t WINAPI w32_fwrite(const void *p, size_t size, size_t n,
			 struct w32_file *f)
{
	struct rt_stream *s;
	size_t total = size * n;

	if (size == 0 || n == 0)
		return 0;
	s = lock_out(f);
	if (!s)
		return 0;
	if (out_bytes(s, p, total) < 0) {
		unlock(s);
		return 0;
	}
	end_call(s);
	unlock(s);
	return n;
}

/* Wine's msvcrt flushes a buffered stream when fputc writes '\n' (and
 * mingw's own printf writes character by character with fputc, so its
 * output reaches a pipe line by line, unlike msvcrt's printf). */
int WINAPI w32_fputc(int c, struct w32_file *f)
{
	struct rt_stream *s = lock_out(f);
	char b = (char)c;

	if (!s)
		return EOF;
	if (out_bytes(s, &b, 1) < 0) {
		unlock(s);
		return EOF;
	}
	if (b == '\n')
		flush_locked(s);
	end_call(s);
	unlock(s);
	return (unsigned char)c;
}

int WINAPI w32_putc(int c, struct w32_file *f)
{
	return w32_fputc(c, f);
}

int WINAPI w32_putchar(int c)
{
	return w32_fputc(c, &w32__iob[1]);
}

int WINAPI w32__fputchar(int c)
{
	return w32_fputc(c, &w32__iob[1]);
}

int WINAPI w32_fputs(const char *str, struct w32_file *f)
{
	struct rt_stream *s = lock_out(f);
	int r;

	if (!s)
		return EOF;
	r = out_bytes(s, str, strlen(str));
	end_call(s);
	unlock(s);
	return r < 0 ? EOF : 0;
}

int WINAPI w32_puts(const char *str)
{
	struct rt_stream *s = lock_out(&w32__iob[1]);
	int r;

	if (!s)
		return EOF;
	r = out_bytes(s, str, strlen(str));
	if (r == 0)
		r = out_bytes(s, "\n", 1);
	end_call(s);
	unlock(s);
	return r < 0 ? EOF : 0;
}

/* ---- exported: input ----------------------------------------------- */

static struct rt_stream *lock_in(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	pthread_mutex_lock(&s->lock);
	/* Reading stdin flushes stdout first, so prompts show. */
	if (s == &st[0] && st[1].writing) {
		pthread_mutex_lock(&st[1].lock);
		flush_locked(&st[1]);
		pthread_mutex_unlock(&st[1].lock);
	}
	return s;
}

int WINAPI w32_fgetc(struct w32_file *f)
{
	struct rt_stream *s = lock_in(f);
	int c;

	if (!s)
		return EOF;
	c = get_locked(s);
	unlock(s);
	return c;
}

int WINAPI w32_getc(struct w32_file *f)
{
	return w32_fgetc(f);
}

int WINAPI w32_getchar(void)
{
	return w32_fgetc(&w32__iob[0]);
}

int WINAPI w32__fgetchar(void)
{
	return w32_fgetc(&w32__iob[0]);
}

int WINAPI w32_ungetc(int c, struct w32_file *f)
{
	struct rt_stream *s = S(f);

	if (!s || c == EOF)
		return EOF;
	pthread_mutex_lock(&s->lock);
	if (s->ungot >= 0) {
		pthread_mutex_unlock(&s->lock);
		return EOF;
	}
	s->ungot = (unsigned char)c;
	s->eof = 0;
	pthread_mutex_unlock(&s->lock);
	return (unsigned char)c;
}

char *WINAPI w32_fgets(char *buf, int n, struct w32_file *f)
{
	struct rt_stream *s = lock_in(f);
	int k = 0, c = 0;

	if (!s || n <= 0) {
		if (s)
			unlock(s);
		return 0;
	}
	while (k < n - 1) {
		c = get_locked(s);
		if (c == EOF)
			break;
		buf[k++] = (char)c;
		if (c == '\n')
			break;
	}
	unlock(s);
	if (k == 0 && c == EOF)
		return 0;
	buf[k] = 0;
	return buf;
}

size_t WINAPI w32_fread(void *p, size_t size, size_t n, struct w32_file *f)
{
	struct rt_stream *s;
	size_t total = size * n, k = 0;
	char *d = p;

	if (size == 0 || n == 0)
		return 0;
	s = lock_in(f);
	if (!s)
		return 0;
	while (k < total) {
		int c;

		/* Binary streams copy whole buffers at a time. */
		if (!is_text(s) && s->ungot < 0 && !s->writing &&
		    s->pos < s->len) {
			size_t m = s->len - s->pos;

			if (m > total - k)
				m = total - k;
			memcpy(d + k, s->buf + s->pos, m);
			s->pos += m;
			k += m;
			continue;
		}
		c = get_locked(s);
		if (c == EOF)
			break;
		d[k++] = (char)c;
	}
	unlock(s);
	return k / size;
}

struct rt_stream *rt_stream_lock_in(struct w32_file *f)
{
	return lock_in(f);
}

/* ---- exported: positioning and state ------------------------------- */

int WINAPI w32__fseeki64(struct w32_file *f, int64_t off, int whence)
{
	struct rt_stream *s = S(f);
	int lfd;

	if (!s || !s->used || whence < 0 || whence > 2) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	if (s->writing)
		flush_locked(s);
	else if (whence == 1)
		off -= (int64_t)(s->len - s->pos) + (s->ungot >= 0);
	s->len = s->pos = 0;
	s->ungot = -1;
	s->eof = 0;
	lfd = lfd_of(s);
	if (lfd < 0 || lseek(lfd, off, whence) < 0) {
		rt_set_errno_from(errno);
		pthread_mutex_unlock(&s->lock);
		return -1;
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

int WINAPI w32_fseek(struct w32_file *f, LONG off, int whence)
{
	return w32__fseeki64(f, off, whence);
}

int64_t WINAPI w32__ftelli64(struct w32_file *f)
{
	struct rt_stream *s = S(f);
	int64_t pos;
	int lfd;

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	lfd = lfd_of(s);
	pos = lfd >= 0 ? lseek(lfd, 0, SEEK_CUR) : -1;
	if (pos >= 0) {
		if (s->writing)
			pos += (int64_t)s->len;
		else
			pos -= (int64_t)(s->len - s->pos) + (s->ungot >= 0);
	} else {
		rt_set_errno_from(errno);
	}
	pthread_mutex_unlock(&s->lock);
	return pos;
}

LONG WINAPI w32_ftell(struct w32_file *f)
{
	return (LONG)w32__ftelli64(f);
}

void WINAPI w32_rewind(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	w32__fseeki64(f, 0, 0);
	if (s)
		s->err = 0;
}

int WINAPI w32_fgetpos(struct w32_file *f, int64_t *pos)
{
	*pos = w32__ftelli64(f);
	return *pos < 0 ? -1 : 0;
}

int WINAPI w32_fsetpos(struct w32_file *f, const int64_t *pos)
{
	return w32__fseeki64(f, *pos, 0);
}

int WINAPI w32_feof(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	return s && s->eof ? _IOEOF : 0;
}

int WINAPI w32_ferror(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	return s && s->err ? _IOERR : 0;
}

void WINAPI w32_clearerr(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	if (s)
		s->eof = s->err = 0;
}

int WINAPI w32__fileno(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	return s && s->used ? s->fd : -1;
}

int WINAPI w32_setvbuf(struct w32_file *f, char *buf, int mode, size_t size)
{
	struct rt_stream *s = lock_out(f);

	if (!s)
		return -1;
	flush_locked(s);
	s->setup = 1;
	/* _IONBF is 4; _IOFBF (0) and _IOLBF (0x40) both buffer fully in
	 * msvcrt.  The caller's buffer is not used: ours lives as long as
	 * the stream, which is what the caller's must do anyway. */
	s->bufmode = mode == _IONBF ? BUF_NONE : BUF_FULL;
	unlock(s);
	return 0;
}

void WINAPI w32_setbuf(struct w32_file *f, char *buf)
{
	w32_setvbuf(f, buf, buf ? 0 : _IONBF, BUFSZ);
}

void WINAPI w32__lock_file(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	if (s)
		pthread_mutex_lock(&s->lock);
}

void WINAPI w32__unlock_file(struct w32_file *f)
{
	struct rt_stream *s = S(f);

	if (s)
		pthread_mutex_unlock(&s->lock);
}

struct w32_file *WINAPI w32___iob_func(void)
{
	pthread_once(&once, init_streams);
	return w32__iob;
}

struct w32_file *WINAPI w32_tmpfile(void)
{
	char tmpl[] = "/tmp/dllshare-tmpXXXXXX";
	int lfd = mkostemp(tmpl, O_CLOEXEC), fd;
	struct w32_file *f;

	if (lfd < 0) {
		rt_set_errno_from(errno);
		return 0;
	}
	unlink(tmpl);
	fd = rt_crt_fd_new(lfd, _O_BINARY);
	if (fd < 0)
		return 0;
	f = stream_new(fd, 1, 1);
	if (!f)
		w32__close(fd);
	return f;
}


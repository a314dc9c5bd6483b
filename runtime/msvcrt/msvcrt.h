/*
 * msvcrt.h — msvcrt.dll as the runtime builds it: msvcrt's constants (its
 * own errno numbers and _O_ flags), its FILE layout, the low-level
 * descriptor table, and every w32_ function and data export its files
 * define, declared here once (the runtime builds with -Wmissing-prototypes).
 * Which of them are exported, and under which names, is exports.h.
 */
#ifndef DLLSHARE_MSVCRT_H
#define DLLSHARE_MSVCRT_H

#include "runtime/core/core.h"
#include "runtime/kernel32/kernel32.h" /* msvcrt imports kernel32 */

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

/* ---- types the prototypes use (moved from the .c files) ---- */

typedef struct {
	int quot, rem;
} w32_div_t;

/* ---- initializer and exit tables ----------------------------------- */

typedef void(WINAPI *pvfv)(void);

typedef int(WINAPI *pifv)(void);

struct finddata64 {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	int64_t size;
	char name[260];
};

struct w32_stat {
	uint32_t st_dev;
	uint16_t st_ino;
	uint16_t st_mode;
	int16_t st_nlink;
	int16_t st_uid;
	int16_t st_gid;
	uint32_t st_rdev;
	int32_t st_size;
	int64_t st_atime_, st_mtime_, st_ctime_;
};

struct w32_stat64 {
	uint32_t st_dev;
	uint16_t st_ino;
	uint16_t st_mode;
	int16_t st_nlink;
	int16_t st_uid;
	int16_t st_gid;
	uint32_t st_rdev;
	int64_t st_size;
	int64_t st_atime_, st_mtime_, st_ctime_;
};

struct timeb64 {
	int64_t time;
	uint16_t millitm;
	int16_t timezone;
	int16_t dstflag;
};

struct utimbuf64 {
	int64_t actime, modtime;
};

struct wfinddata64 {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	int64_t size;
	WCHAR name[260];
};

/* ---- sorting with a Windows comparator ----------------------------- */

typedef int(WINAPI *cmp_fn)(const void *, const void *);

/* ---- the engines and errno ---------------------------------------- */

/* Windows-side printf engine (format.c).  Output goes to put(),
 * code unit by code unit; wide selects the wide variant (fmt is WCHAR*,
 * %s is WCHAR*).  Returns the number of units or -1. */
struct rt_sink {
	int (*put)(struct rt_sink *s, const void *units, size_t n);
	size_t count;
	int wide; /* output units are WCHAR */
	int error;
};
int rt_vformat(struct rt_sink *s, const void *fmt, int wide_fmt,
	       w32_va_list *ap);
/* msvcrt scanf engine (scanf.c) over a getc/ungetc pair. */
struct rt_source {
	int (*get)(struct rt_source *s);
	void (*unget)(struct rt_source *s, int c);
	size_t count;
};
int rt_vscan(struct rt_source *src, const char *fmt, w32_va_list *ap);

/* errno of the Windows side (msvcrt numbering). */
int *rt_errno_ptr(void);
/* Sets msvcrt's errno (and _doserrno) from a Linux errno: the numbers
 * agree up to ERANGE (34); above, the few msvcrt has, else EINVAL. */
void rt_set_errno_from(int linux_errno);

/* Flushes every stream (exit, and the core's exit hook). */
void rt_stdio_flushall(void);
/* Runs the atexit/_onexit table, then flushes (msvcrt exit). */
void rt_crt_exit_handlers(void);
/* msvcrt's process attach: registers the stream flush as an exit hook. */
void rt_msvcrt_attach(void);

/* ---- every w32_ function msvcrt's files define, declared once ------- */

UINT WINAPI w32____lc_codepage_func(void);
LONG *WINAPI w32____lc_handle_func(void);
int WINAPI w32____mb_cur_max_func(void);
pvfv WINAPI w32___dllonexit(pvfv fn, pvfv **begin, pvfv **end);
ULONG *WINAPI w32___doserrno(void);
int WINAPI w32___getmainargs(int *argc, char ***argv, char ***envp,
			     int wildcards, int *startinfo);
struct w32_file *WINAPI w32___iob_func(void);
int WINAPI w32___isascii(int c);
int *WINAPI w32___p___argc(void);
char ***WINAPI w32___p___argv(void);
WCHAR ***WINAPI w32___p___wargv(void);
char **WINAPI w32___p__acmdln(void);
int *WINAPI w32___p__commode(void);
char ***WINAPI w32___p__environ(void);
int *WINAPI w32___p__fmode(void);
unsigned short **WINAPI w32___p__pctype(void);
WCHAR **WINAPI w32___p__wcmdln(void);
unsigned short *WINAPI w32___pctype_func(void);
void WINAPI w32___set_app_type(int type);
void WINAPI w32___setusermatherr(void *fn);
int WINAPI w32___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp,
			      int wildcards, int *startinfo);
int64_t WINAPI w32__abs64(int64_t v);
int WINAPI w32__access(const char *name, int mode);
void WINAPI w32__aligned_free(void *p);
void *WINAPI w32__aligned_malloc(size_t size, size_t align);
void *WINAPI w32__aligned_realloc(void *p, size_t size, size_t align);
void WINAPI w32__amsg_exit(int n);
void WINAPI w32__assert(const char *expr, const char *file, unsigned line);
int64_t WINAPI w32__atoi64(const char *s);
uintptr_t WINAPI w32__beginthreadex(void *sa, unsigned stack, thread_fn fn,
				    void *arg, unsigned flags, unsigned *tid);
void WINAPI w32__c_exit(void);
void WINAPI w32__cexit(void);
int WINAPI w32__chdir(const char *name);
int WINAPI w32__chmod(const char *name, int mode);
int WINAPI w32__chsize(int fd, LONG size);
UINT WINAPI w32__clearfp(void);
int WINAPI w32__close(int fd);
int WINAPI w32__commit(int fd);
UINT WINAPI w32__controlfp(UINT newval, UINT mask);
int WINAPI w32__controlfp_s(UINT *cur, UINT newval, UINT mask);
double WINAPI w32__difftime64(int64_t a, int64_t b);
int WINAPI w32__dup(int fd);
int WINAPI w32__dup2(int from, int to);
void WINAPI w32__endthreadex(unsigned code);
int WINAPI w32__eof(int fd);
int *WINAPI w32__errno(void);
void WINAPI w32__exit(int code);
int WINAPI w32__fcloseall(void);
struct w32_file *WINAPI w32__fdopen(int fd, const char *mode);
int WINAPI w32__fgetchar(void);
LONG WINAPI w32__filelength(int fd);
int64_t WINAPI w32__filelengthi64(int fd);
int WINAPI w32__fileno(struct w32_file *f);
int WINAPI w32__findclose(intptr_t h);
intptr_t WINAPI w32__findfirst64(const char *spec, struct finddata64 *o);
int WINAPI w32__findnext64(intptr_t h, struct finddata64 *o);
int WINAPI w32__finite(double x);
int WINAPI w32__flushall(void);
void WINAPI w32__fpreset(void);
int WINAPI w32__fputchar(int c);
int WINAPI w32__fseeki64(struct w32_file *f, int64_t off, int whence);
int WINAPI w32__fstat(int fd, struct w32_stat *o);
int WINAPI w32__fstat64(int fd, struct w32_stat64 *o);
int64_t WINAPI w32__ftelli64(struct w32_file *f);
void WINAPI w32__ftime64(struct timeb64 *tb);
char *WINAPI w32__fullpath(char *buf, const char *rel, size_t size);
intptr_t WINAPI w32__get_osfhandle(int fd);
char *WINAPI w32__getcwd(char *buf, int size);
int WINAPI w32__getpid(void);
struct w32_tm *WINAPI w32__gmtime64(const int64_t *t);
double WINAPI w32__hypot(double x, double y);
char *WINAPI w32__i64toa(int64_t v, char *buf, int base);
void WINAPI w32__initterm(pvfv *begin, pvfv *end);
int WINAPI w32__initterm_e(pifv *begin, pifv *end);
int WINAPI w32__isatty(int fd);
int WINAPI w32__isctype(int c, int mask);
int WINAPI w32__isnan(double x);
char *WINAPI w32__itoa(int v, char *buf, int base);
struct w32_tm *WINAPI w32__localtime64(const int64_t *t);
void WINAPI w32__lock(int n);
void WINAPI w32__lock_file(struct w32_file *f);
LONG WINAPI w32__lseek(int fd, LONG off, int whence);
int64_t WINAPI w32__lseeki64(int fd, int64_t off, int whence);
char *WINAPI w32__ltoa(LONG v, char *buf, int base);
int WINAPI w32__memicmp(const void *a, const void *b, size_t n);
int WINAPI w32__mkdir(const char *name);
int64_t WINAPI w32__mkgmtime64(struct w32_tm *o);
int64_t WINAPI w32__mktime64(struct w32_tm *o);
size_t WINAPI w32__msize(void *p);
pvfv WINAPI w32__onexit(pvfv fn);
int WINAPI w32__open(const char *name, int flags, ...);
int WINAPI w32__open_osfhandle(intptr_t h, int flags);
int WINAPI w32__pclose(struct w32_file *f);
struct w32_file *WINAPI w32__popen(const char *cmd, const char *mode);
int WINAPI w32__putenv(const char *s);
int WINAPI w32__read(int fd, void *buf, unsigned n);
int WINAPI w32__rmdir(const char *name);
int WINAPI w32__scprintf(const char *fmt, ...);
void *WINAPI w32__set_invalid_parameter_handler(void *fn);
int WINAPI w32__setjmp(void *buf, void *frame);
int WINAPI w32__setmode(int fd, int mode);
void WINAPI w32__sleep(ULONG ms);
int WINAPI w32__snprintf(char *buf, size_t n, const char *fmt, ...);
int WINAPI w32__snwprintf(WCHAR *buf, size_t n, const WCHAR *fmt, ...);
int WINAPI w32__sopen(const char *name, int flags, int share, int mode);
int WINAPI w32__stat(const char *name, struct w32_stat *o);
int WINAPI w32__stat64(const char *name, struct w32_stat64 *o);
UINT WINAPI w32__statusfp(void);
char *WINAPI w32__strdup(const char *s);
int WINAPI w32__stricmp(const char *a, const char *b);
char *WINAPI w32__strlwr(char *s);
int WINAPI w32__strnicmp(const char *a, const char *b, size_t n);
char *WINAPI w32__strrev(char *s);
int64_t WINAPI w32__strtoi64(const char *s, char **end, int base);
uint64_t WINAPI w32__strtoui64(const char *s, char **end, int base);
char *WINAPI w32__strupr(char *s);
LONG WINAPI w32__tell(int fd);
int64_t WINAPI w32__telli64(int fd);
int32_t WINAPI w32__time32(int32_t *t);
int64_t WINAPI w32__time64(int64_t *t);
char *WINAPI w32__ui64toa(uint64_t v, char *buf, int base);
char *WINAPI w32__ultoa(ULONG v, char *buf, int base);
int WINAPI w32__umask(int mask);
int WINAPI w32__unlink(const char *name);
void WINAPI w32__unlock(int n);
void WINAPI w32__unlock_file(struct w32_file *f);
int WINAPI w32__utime64(const char *name, const struct utimbuf64 *t);
int WINAPI w32__vscprintf(const char *fmt, w32_va_list ap);
int WINAPI w32__vscwprintf(const WCHAR *fmt, w32_va_list ap);
int WINAPI w32__vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list ap);
int WINAPI w32__vsnwprintf(WCHAR *buf, size_t n, const WCHAR *fmt,
			   w32_va_list ap);
int WINAPI w32__wchdir(const WCHAR *name);
int WINAPI w32__wchmod(const WCHAR *name, int mode);
WCHAR *WINAPI w32__wcsdup(const WCHAR *s);
int WINAPI w32__wcsicmp(const WCHAR *a, const WCHAR *b);
intptr_t WINAPI w32__wfindfirst64(const WCHAR *spec, struct wfinddata64 *o);
int WINAPI w32__wfindnext64(intptr_t h, struct wfinddata64 *o);
struct w32_file *WINAPI w32__wfopen(const WCHAR *name, const WCHAR *mode);
WCHAR *WINAPI w32__wfullpath(WCHAR *buf, const WCHAR *rel, size_t size);
WCHAR *WINAPI w32__wgetcwd(WCHAR *buf, int size);
int WINAPI w32__wmkdir(const WCHAR *name);
int WINAPI w32__wopen(const WCHAR *name, int flags, ...);
int WINAPI w32__write(int fd, const void *buf, unsigned n);
int WINAPI w32__wstat64(const WCHAR *name, void *st);
int WINAPI w32__wtoi(const WCHAR *s);
int WINAPI w32__wunlink(const WCHAR *name);
int WINAPI w32__wutime64(const WCHAR *name, const struct utimbuf64 *t);
int WINAPI w32__XcptFilter(ULONG code, void *info);
void WINAPI w32_abort(void);
int WINAPI w32_abs(int v);
double WINAPI w32_acos(double x);
double WINAPI w32_asin(double x);
double WINAPI w32_atan(double x);
double WINAPI w32_atan2(double x, double y);
int WINAPI w32_atexit(pvfv fn);
double WINAPI w32_atof(const char *s);
int WINAPI w32_atoi(const char *s);
LONG WINAPI w32_atol(const char *s);
void *WINAPI w32_bsearch(const void *key, const void *base, size_t n,
			 size_t size, cmp_fn cmp);
void *WINAPI w32_calloc(size_t n, size_t m);
double WINAPI w32_ceil(double x);
void WINAPI w32_clearerr(struct w32_file *f);
LONG WINAPI w32_clock(void);
double WINAPI w32_cos(double x);
double WINAPI w32_cosh(double x);
w32_div_t WINAPI w32_div(int a, int b);
void WINAPI w32_exit(int code);
double WINAPI w32_exp(double x);
double WINAPI w32_fabs(double x);
int WINAPI w32_fclose(struct w32_file *f);
int WINAPI w32_feof(struct w32_file *f);
int WINAPI w32_ferror(struct w32_file *f);
int WINAPI w32_fflush(struct w32_file *f);
int WINAPI w32_fgetc(struct w32_file *f);
int WINAPI w32_fgetpos(struct w32_file *f, int64_t *pos);
char *WINAPI w32_fgets(char *buf, int n, struct w32_file *f);
unsigned short WINAPI w32_fgetwc(struct w32_file *f);
double WINAPI w32_floor(double x);
double WINAPI w32_fmod(double x, double y);
struct w32_file *WINAPI w32_fopen(const char *name, const char *mode);
int WINAPI w32_fprintf(struct w32_file *f, const char *fmt, ...);
int WINAPI w32_fputc(int c, struct w32_file *f);
int WINAPI w32_fputs(const char *str, struct w32_file *f);
unsigned short WINAPI w32_fputwc(unsigned short c, struct w32_file *f);
int WINAPI w32_fputws(const WCHAR *w, struct w32_file *f);
size_t WINAPI w32_fread(void *p, size_t size, size_t n, struct w32_file *f);
void WINAPI w32_free(void *p);
struct w32_file *WINAPI w32_freopen(const char *name, const char *mode,
				    struct w32_file *f);
double WINAPI w32_frexp(double x, int *e);
int WINAPI w32_fscanf(struct w32_file *f, const char *fmt, ...);
int WINAPI w32_fseek(struct w32_file *f, LONG off, int whence);
int WINAPI w32_fsetpos(struct w32_file *f, const int64_t *pos);
LONG WINAPI w32_ftell(struct w32_file *f);
int WINAPI w32_fwprintf(struct w32_file *f, const WCHAR *fmt, ...);
size_t WINAPI w32_fwrite(const void *p, size_t size, size_t n,
			 struct w32_file *f);
int WINAPI w32_getc(struct w32_file *f);
int WINAPI w32_getchar(void);
char *WINAPI w32_getenv(const char *name);
char *WINAPI w32_gets(char *buf);
unsigned short WINAPI w32_getwc(struct w32_file *f);
double WINAPI w32_hypot(double x, double y);
int WINAPI w32_isalnum(int c);
int WINAPI w32_isalpha(int c);
int WINAPI w32_iscntrl(int c);
int WINAPI w32_isdigit(int c);
int WINAPI w32_isgraph(int c);
int WINAPI w32_islower(int c);
int WINAPI w32_isprint(int c);
int WINAPI w32_ispunct(int c);
int WINAPI w32_isspace(int c);
int WINAPI w32_isupper(int c);
int WINAPI w32_iswalpha(unsigned short c);
int WINAPI w32_iswctype(unsigned short c, unsigned short mask);
int WINAPI w32_iswdigit(unsigned short c);
int WINAPI w32_iswspace(unsigned short c);
int WINAPI w32_isxdigit(int c);
LONG WINAPI w32_labs(LONG v);
double WINAPI w32_ldexp(double x, int e);
w32_div_t WINAPI w32_ldiv(LONG a, LONG b);
int64_t WINAPI w32_llabs(int64_t v);
struct w32_lconv {
	char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol;
	char *currency_symbol, *mon_decimal_point, *mon_thousands_sep;
	char *mon_grouping, *positive_sign, *negative_sign;
	char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space;
	char n_cs_precedes, n_sep_by_space, p_sign_posn, n_sign_posn;
};
struct w32_lconv *WINAPI w32_localeconv(void);
double WINAPI w32_log(double x);
double WINAPI w32_log10(double x);
void WINAPI w32_longjmp(void *buf, int value);
void *WINAPI w32_malloc(size_t n);
int WINAPI w32_mblen(const char *s, size_t n);
size_t WINAPI w32_mbstowcs(WCHAR *d, const char *s, size_t n);
int WINAPI w32_mbtowc(WCHAR *out, const char *s, size_t n);
void *WINAPI w32_memchr(const void *s, int c, size_t n);
int WINAPI w32_memcmp(const void *a, const void *b, size_t n);
void *WINAPI w32_memcpy(void *d, const void *s, size_t n);
void *WINAPI w32_memmove(void *d, const void *s, size_t n);
void *WINAPI w32_memset(void *d, int c, size_t n);
double WINAPI w32_modf(double x, double *ip);
void WINAPI w32_perror(const char *msg);
double WINAPI w32_pow(double x, double y);
int WINAPI w32_printf(const char *fmt, ...);
int WINAPI w32_putc(int c, struct w32_file *f);
int WINAPI w32_putchar(int c);
int WINAPI w32_puts(const char *str);
unsigned short WINAPI w32_putwc(unsigned short c, struct w32_file *f);
void WINAPI w32_qsort(void *base, size_t n, size_t size, cmp_fn cmp);
int WINAPI w32_raise(int sig);
int WINAPI w32_rand(void);
void *WINAPI w32_realloc(void *p, size_t n);
int WINAPI w32_remove(const char *name);
int WINAPI w32_rename(const char *from, const char *to);
void WINAPI w32_rewind(struct w32_file *f);
int WINAPI w32_scanf(const char *fmt, ...);
void WINAPI w32_setbuf(struct w32_file *f, char *buf);
char *WINAPI w32_setlocale(int cat, const char *loc);
int WINAPI w32_setvbuf(struct w32_file *f, char *buf, int mode, size_t size);
void *WINAPI w32_signal(int sig, void *fn);
double WINAPI w32_sin(double x);
double WINAPI w32_sinh(double x);
int WINAPI w32_snprintf(char *buf, size_t n, const char *fmt, ...);
int WINAPI w32_sprintf(char *buf, const char *fmt, ...);
double WINAPI w32_sqrt(double x);
void WINAPI w32_srand(unsigned seed);
int WINAPI w32_sscanf(const char *str, const char *fmt, ...);
char *WINAPI w32_strcat(char *d, const char *s);
char *WINAPI w32_strchr(const char *s, int c);
int WINAPI w32_strcmp(const char *a, const char *b);
int WINAPI w32_strcoll(const char *a, const char *b);
char *WINAPI w32_strcpy(char *d, const char *s);
size_t WINAPI w32_strcspn(const char *a, const char *b);
const char *WINAPI w32_strerror(int e);
size_t WINAPI w32_strftime(char *buf, size_t n, const char *fmt,
			   const struct w32_tm *o);
size_t WINAPI w32_strlen(const char *s);
char *WINAPI w32_strncat(char *d, const char *s, size_t n);
int WINAPI w32_strncmp(const char *a, const char *b, size_t n);
char *WINAPI w32_strncpy(char *d, const char *s, size_t n);
size_t WINAPI w32_strnlen(const char *s, size_t n);
char *WINAPI w32_strpbrk(const char *a, const char *b);
char *WINAPI w32_strrchr(const char *s, int c);
size_t WINAPI w32_strspn(const char *a, const char *b);
char *WINAPI w32_strstr(const char *a, const char *b);
double WINAPI w32_strtod(const char *s, char **end);
char *WINAPI w32_strtok(char *s, const char *delim);
LONG WINAPI w32_strtol(const char *s, char **end, int base);
ULONG WINAPI w32_strtoul(const char *s, char **end, int base);
size_t WINAPI w32_strxfrm(char *d, const char *s, size_t n);
int WINAPI w32_swprintf(WCHAR *buf, const WCHAR *fmt, ...);
int WINAPI w32_system(const char *cmd);
double WINAPI w32_tan(double x);
double WINAPI w32_tanh(double x);
struct w32_file *WINAPI w32_tmpfile(void);
char *WINAPI w32_tmpnam(char *buf);
int WINAPI w32_tolower(int c);
int WINAPI w32_toupper(int c);
unsigned short WINAPI w32_towlower(unsigned short c);
unsigned short WINAPI w32_towupper(unsigned short c);
int WINAPI w32_ungetc(int c, struct w32_file *f);
unsigned short WINAPI w32_ungetwc(unsigned short c, struct w32_file *f);
int WINAPI w32_vfprintf(struct w32_file *f, const char *fmt, w32_va_list ap);
int WINAPI w32_vfscanf(struct w32_file *f, const char *fmt, w32_va_list ap);
int WINAPI w32_vfwprintf(struct w32_file *f, const WCHAR *fmt, w32_va_list ap);
int WINAPI w32_vprintf(const char *fmt, w32_va_list ap);
int WINAPI w32_vscanf(const char *fmt, w32_va_list ap);
int WINAPI w32_vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list ap);
int WINAPI w32_vsprintf(char *buf, const char *fmt, w32_va_list ap);
int WINAPI w32_vsscanf(const char *str, const char *fmt, w32_va_list ap);
int WINAPI w32_vswprintf(WCHAR *buf, const WCHAR *fmt, w32_va_list ap);
int WINAPI w32_vwprintf(const WCHAR *fmt, w32_va_list ap);
WCHAR *WINAPI w32_wcscat(WCHAR *d, const WCHAR *s);
WCHAR *WINAPI w32_wcschr(const WCHAR *s, WCHAR c);
int WINAPI w32_wcscmp(const WCHAR *a, const WCHAR *b);
int WINAPI w32_wcscoll(const WCHAR *a, const WCHAR *b);
WCHAR *WINAPI w32_wcscpy(WCHAR *d, const WCHAR *s);
size_t WINAPI w32_wcsftime(WCHAR *buf, size_t n, const WCHAR *fmt,
			   const void *tm);
size_t WINAPI w32_wcslen(const WCHAR *s);
int WINAPI w32_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *WINAPI w32_wcsncpy(WCHAR *d, const WCHAR *s, size_t n);
size_t WINAPI w32_wcsnlen(const WCHAR *s, size_t n);
WCHAR *WINAPI w32_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *WINAPI w32_wcsstr(const WCHAR *h, const WCHAR *n);
double WINAPI w32_wcstod(const WCHAR *s, WCHAR **end);
LONG WINAPI w32_wcstol(const WCHAR *s, WCHAR **end, int base);
size_t WINAPI w32_wcstombs(char *d, const WCHAR *s, size_t n);
size_t WINAPI w32_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n);
int WINAPI w32_wctomb(char *out, WCHAR c);
int WINAPI w32_wprintf(const WCHAR *fmt, ...);
extern int w32___argc;
extern char **w32___argv;
extern char **w32___initenv;
extern int w32___mb_cur_max;
extern WCHAR **w32___wargv;
extern WCHAR **w32___winitenv;
extern char *w32__acmdln;
extern int w32__commode;
extern char **w32__environ;
extern int w32__fmode;
extern unsigned short *w32__pctype;
extern WCHAR *w32__wcmdln;
extern WCHAR **w32__wenviron;
extern struct w32_file w32__iob[];
extern int w32__osver, w32__winver, w32__winmajor, w32__winminor;

/* Runs a command line as cmd.exe /c would (cmd.c), in this process, which
 * is a child forked for it: its fds 0..2 are the line's standard streams.
 * Returns the line's exit status. */
int rt_cmd_line(const char *line);
/* LC_NUMERIC's decimal point (locale.c): what printf writes and strtod,
 * atof and scanf read for '.'. */
char rt_crt_decimal_point(void);
/* toupper (upper) or tolower of a byte above 127 in LC_CTYPE's locale;
 * other bytes, and every byte in "C", are returned as they are. */
int rt_crt_case_hi(int c, int upper);

#endif

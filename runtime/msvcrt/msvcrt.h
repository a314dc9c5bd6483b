/*
 * msvcrt.h — msvcrt.dll as the runtime builds it, in four parts:
 *
 *   1. msvcrt's constants and the Windows-visible types its functions
 *      take (its errno numbers, _O_ flags, FILE, struct tm, _stat64, ...);
 *   2. the internal interfaces between its files (rt_ names: the file
 *      descriptors, the stream layer, the printf and scanf engines,
 *      errno, exit);
 *   3. every w32_ function its files define, declared once and grouped
 *      by the file that defines it (the runtime builds with
 *      -Wmissing-prototypes);
 *   4. its data exports.
 *
 * Which of them are exported, and under which names, is exports.h.
 */
#ifndef DLLSHARE_MSVCRT_H
#define DLLSHARE_MSVCRT_H

#include "runtime/core/core.h"
#include "runtime/kernel32/kernel32.h" /* msvcrt imports kernel32 */

/* ==== 1. constants and Windows-visible types ========================= */

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
#define _O_RANDOM       0x10
#define _O_SEQUENTIAL   0x20
#define _O_TEMPORARY 0x40
#define _O_SHORT_LIVED  0x1000
#define _O_OBTAIN_DIR   0x2000
#define _O_UNICODE_MODES 0x70000 /* _O_WTEXT | _O_U16TEXT | _O_U8TEXT */
#define _O_NOINHERIT 0x80
#define _O_CREAT     0x100
#define _O_TRUNC     0x200
#define _O_EXCL	     0x400
#define _O_TEXT	     0x4000
#define _O_BINARY    0x8000
#define _O_WTEXT     0x10000
#define _O_U16TEXT   0x20000
#define _O_U8TEXT    0x40000

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

/* FILE._flag bits (msvcrt's, which differ from glibc's _IO* names). */
#undef _IOREAD
#define _IOREAD 0x1
#undef _IOWRT
#define _IOWRT 0x2
#undef _IONBF
#define _IONBF 0x4
#define W_IOFBF 0x0
#define W_IOLBF 0x40
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
#undef _IOCOMMIT
#define _IOCOMMIT 0x4000 /* fflush commits (fopen's 'c'; _commode's bit) */

#ifndef EOF
#define EOF (-1)
#endif

/* Initializer and exit tables (_initterm, _onexit, __dllonexit). */
typedef void(WINAPI *pvfv)(void);
typedef int(WINAPI *pifv)(void);

/* struct tm: nine ints, no glibc tm_gmtoff/tm_zone. */
struct w32_tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday,
		tm_isdst;
};

/* struct __timeb64 (_ftime64). */
struct timeb64 {
	int64_t time;
	uint16_t millitm;
	int16_t timezone;
	int16_t dstflag;
};

/* struct _stat (x64 msvcrt.dll: 32-bit size, 64-bit times, 48 bytes). */
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

/* struct _stat64 (64-bit size and times, 56 bytes). */
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

/* struct __utimbuf64 (_utime64). */
struct utimbuf64 {
	int64_t actime, modtime;
};

/* struct __utimbuf32 (_utime32, _futime32). */
struct utimbuf32 {
	int32_t actime, modtime;
};

/* struct _diskfree_t (_getdiskfree). */
struct diskfree {
	unsigned total_clusters, avail_clusters, sectors_per_cluster,
		bytes_per_sector;
};

/* struct __finddata64_t and its wide twin (_findfirst64). */
struct finddata64 {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	int64_t size;
	char name[260];
};

struct wfinddata64 {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	int64_t size;
	WCHAR name[260];
};

/* struct _finddata_t and _wfinddata_t on x64 (_findfirst): 64-bit
 * times, a 32-bit size. */
struct finddata32s {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	uint32_t size;
	char name[260];
};

struct wfinddata32s {
	unsigned attrib;
	int64_t time_create, time_access, time_write;
	uint32_t size;
	WCHAR name[260];
};

/* struct lconv (localeconv). */
struct w32_lconv {
	char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol;
	char *currency_symbol, *mon_decimal_point, *mon_thousands_sep;
	char *mon_grouping, *positive_sign, *negative_sign;
	char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space;
	char n_cs_precedes, n_sep_by_space, p_sign_posn, n_sign_posn;
};

/* msvcrt's locale categories (locale.h of the Windows SDK). */
#define W_LC_ALL      0
#define W_LC_COLLATE  1
#define W_LC_CTYPE    2
#define W_LC_MONETARY 3
#define W_LC_NUMERIC  4
#define W_LC_TIME     5
#define W_LC_MAX      5

/* msvcrt's __lc_time_data (x64 msvcrt.dll; mingw's headers only name
 * it): a locale's day and month names, AM/PM and its date and time
 * pictures ("M/d/yyyy", "dddd, MMMM d, yyyy", "h:mm:ss tt"), narrow and
 * wide, in that order. */
struct w32_lc_time {
	const char *str[43];
	ULONG lcid;
	int unk;
	LONG refcount;
	const WCHAR *wstr[43];
};
#define W_TIME_SHORT_WDAY 0
#define W_TIME_WDAY	  7
#define W_TIME_SHORT_MON  14
#define W_TIME_MON	  26
#define W_TIME_AM	  38
#define W_TIME_PM	  39
#define W_TIME_SHORT_DATE 40
#define W_TIME_DATE	  41
#define W_TIME_TIME	  42

/* threadlocinfo (mingw-w64's corecrt.h for msvcrt.dll): what a _locale_t
 * points to.  Programs read it directly: mingw's _isalpha_l and friends
 * are macros over pctype and mb_cur_max. */
struct w32_lc_id {
	uint16_t wLanguage, wCountry, wCodePage;
};
struct w32_locinfo {
	int refcount;
	unsigned lc_codepage, lc_collate_cp;
	ULONG lc_handle[6]; /* each category's LCID, 0 for "C" */
	struct w32_lc_id lc_id[6];
	struct {
		char *locale;
		WCHAR *wlocale;
		int *refcount, *wrefcount;
	} lc_category[6];
	int lc_clike, mb_cur_max;
	int *lconv_intl_refcount, *lconv_num_refcount, *lconv_mon_refcount;
	struct w32_lconv *lconv;
	int *ctype1_refcount;
	unsigned short *ctype1;
	const unsigned short *pctype;
	const unsigned char *pclmap, *pcumap; /* tolower, toupper of a byte */
	struct w32_lc_time *lc_time_curr;
};
_Static_assert(__builtin_offsetof(struct w32_locinfo, lc_category) == 72,
	       "threadlocinfo.lc_category");
_Static_assert(__builtin_offsetof(struct w32_locinfo, pctype) == 320,
	       "threadlocinfo.pctype");
_Static_assert(sizeof(struct w32_locinfo) == 352, "threadlocinfo's size");

/* threadmbcinfo (msvcrt's; mingw's headers only name it). */
struct w32_mbcinfo {
	LONG refcount;
	int mbcodepage, ismbcodepage, mblcid;
	unsigned short mbulinfo[6];
	unsigned char mbctype[257], mbcasemap[256];
};

/* _locale_tstruct: what _create_locale returns. */
struct w32_locale {
	struct w32_locinfo *locinfo;
	struct w32_mbcinfo *mbcinfo;
};
typedef struct w32_locale *w32_locale_t;

/* div_t and ldiv_t (long is 32 bits: the same layout). */
typedef struct {
	int quot, rem;
} w32_div_t;

/* A qsort/bsearch comparator, called with the Windows convention. */
typedef int(WINAPI *cmp_fn)(const void *, const void *);

/* ==== 2. internal interfaces between msvcrt's files ================== */

/* ---- file descriptors (lowio.c) ------------------------------------ */

/* An msvcrt file descriptor. */
struct rt_crt_fd {
	int used;
	int fd;	  /* Linux fd */
	int text; /* CRLF translation */
	int wide; /* 0, or the Unicode mode: _O_U16TEXT (_O_WTEXT is that too,
		   * as in msvcrt) or _O_U8TEXT (unicode_io.c) */
	int ateof; /* a Unicode _read met the end or Ctrl-Z: 0 until a seek */
	int nla;   /* a Unicode _read of a pipe read la[0..nla) ahead */
	int readnl; /* a Unicode _read's bytes began with "\n" (ftell's) */
	unsigned char la[4];
	int append;
	int pending;   /* a byte read ahead after '\r', or -1 */
	int share_fd;  /* holds the sharing mode (kernel32's share.c), or -1 */
	int noinherit; /* _O_NOINHERIT: a child process does not get it */
	HANDLE handle; /* _get_osfhandle's, made on demand, closed by _close */
};

/* The descriptor, or NULL with errno EBADF. */
struct rt_crt_fd *rt_crt_fd(int fd);
/* A new descriptor for Linux fd lfd (flags: _O_TEXT/_O_BINARY/_O_APPEND,
 * _O_NOINHERIT; a Unicode mode bit makes it text, not Unicode: that is
 * rt_crt_open's), which it takes over; -1 with errno EMFILE when all are
 * taken, and lfd is then closed. */
int rt_crt_fd_new(int lfd, int flags);
/* The descriptor table a child process gets in STARTUPINFO.lpReserved2,
 * as msvcrt makes it for _spawn and system: every open descriptor not
 * opened with _O_NOINHERIT, with its (inheritable) handle.  A malloc'd
 * block of *n bytes, or NULL. */
BYTE *rt_crt_inherit_block(WORD *n);
/* At start: the descriptors the parent's msvcrt passed in lpReserved2
 * and whose handles we inherited (0..2 become the standard handles). */
void rt_crt_inherit_take(void);
/* Makes standard handle i (0..2) one on Linux fd i, where msvcrt's
 * descriptor i is, unless it is on that file already: what msvcrt's
 * _dup2 onto a standard descriptor does with SetStdHandle. */
void rt_crt_std_follow(int i);
/* write(2) until all n bytes are out (EINTR retried); n, or -1 with
 * errno set. */
ssize_t rt_write_all(int lfd, const void *b, size_t n);
/* rt_write_all as WriteFile writes: to a terminal through the console's
 * output code page when it is not UTF-8 (lowio.c). */
ssize_t rt_crt_write_out(int lfd, const void *b, size_t n);

/* ---- the stream layer (stream.c) ----------------------------------- */

/* How a stream buffers: fully, not at all, or until the end of each
 * call (stdout on a terminal, stderr). */
enum { RT_BUF_FULL, RT_BUF_NONE, RT_BUF_CALL };
#define RT_STREAM_BUFSZ 4096

/* A FILE's side record.  stream.c owns the table; stdio.c and chario.c
 * read and set the fields of a record they hold locked. */
struct rt_stream {
	pthread_mutex_t lock;
	int used;
	int fd; /* msvcrt fd; its text flag is the stream's mode */
	int can_read, can_write;
	int bufmode;
	char *buf;
	size_t cap;
	int user_buf; /* buf is the program's (setvbuf): not freed */
	size_t len;  /* write: bytes waiting; read: bytes in buf */
	size_t pos;  /* read position in buf */
	int writing; /* the buffer holds output */
	int ungot;   /* pushed back byte or -1 */
	int eof, err;
	int setup; /* stdin/out/err: buffering decided */
	int commit; /* fflush commits (_IOCOMMIT: fopen's 'c', _commode) */
};

/* The side record of f; NULL if f is not one of msvcrt's FILEs. */
struct rt_stream *rt_stream_of(struct w32_file *f);
/* stdin, stdout, stderr (0, 1, 2). */
struct w32_file *rt_stream_std(int i);
/* A free FILE on msvcrt fd fd, fully buffered; NULL with errno EMFILE
 * when all are taken.  Its text or binary mode is fd's, whatever it is
 * at each transfer (rt_stream_text). */
struct w32_file *rt_stream_new(int fd, int rd, int wr);
/* Whether s translates line ends now: its descriptor's mode, so that
 * _setmode on the descriptor changes the stream too, as in msvcrt, where
 * the mode lives only in the descriptor; not in a Unicode mode, where
 * the descriptor's _read and _write translate. */
int rt_stream_text(struct rt_stream *s);
/* Flushes locked stream s (f is its FILE), closes its descriptor
 * (stdin/out/err on fds 0-2 keep theirs) and frees the record; 0 or
 * EOF. */
int rt_stream_close(struct rt_stream *s, struct w32_file *f);
/* The Linux fd under s, or -1. */
int rt_stream_lfd(struct rt_stream *s);
/* A locked stream stays locked until rt_stream_unlock; NULL with errno
 * EINVAL if f is not an open stream.  Locking stdin for input flushes
 * stdout first. */
struct rt_stream *rt_stream_lock_out(struct w32_file *f);
struct rt_stream *rt_stream_lock_in(struct w32_file *f);
void rt_stream_unlock(struct rt_stream *s);
/* Writes out the pending output of a locked stream; 0 or EOF. */
int rt_stream_flush(struct rt_stream *s);
/* setvbuf's buffer for s (locked): the program's buf of size bytes, or
 * one of size bytes allocated here when buf is NULL; unread input goes
 * back to the file position first.  0, or -1 when out of memory. */
int rt_stream_set_buffer(struct rt_stream *s, char *buf, size_t size);
/* The end of an output call: flushes streams that flush after every
 * call (terminal, stderr). */
void rt_stream_end_call(struct rt_stream *s);
/* Writes bytes, "\n" as "\r\n" in text mode; 0 or EOF. */
int rt_stream_write(struct rt_stream *s, const char *b, size_t n);
/* Writes wide units: on a binary stream or one in a Unicode mode as
 * they are (the descriptor encodes them), on a text stream as bytes of
 * code page cp (LC_CTYPE's; 0 is "C"), where a unit the code page has
 * no byte for stops the output with errno EILSEQ.  0 or -1. */
int rt_stream_write_wide(struct rt_stream *s, const WCHAR *w, size_t n,
			 UINT cp);
/* A byte of a locked input stream ("\r\n" read as "\n" in text mode),
 * or EOF; ungetc pushes one back. */
int rt_stream_getc(struct rt_stream *s);
void rt_stream_ungetc(struct rt_stream *s, int c);
/* Flushes every stream (exit, and the core's exit hook). */
void rt_stdio_flushall(void);
/* msvcrt's process attach: registers the stream flush as an exit hook
 * and rt_crt_args_ready as the arguments hook. */
void rt_msvcrt_attach(void);
/* startup.c: publishes the arguments in the data imports (_acmdln,
 * __argv); the core calls it whenever they are set. */
void rt_crt_args_ready(void);
/* signal.c: registers msvcrt's console control handler (Ctrl-C to the
 * SIGINT handler) with kernel32, once: from the start-up code, before
 * the program can add its own. */
void rt_msvcrt_signal_start(void);

/* ---- the printf engine (format.c) ---------------------------------- */

/* Windows-side printf engine.  Output goes to put(), code unit by code
 * unit; wide selects the wide variant (fmt is WCHAR*, %s is WCHAR*).
 * Returns the number of units or -1. */
struct rt_sink {
	int (*put)(struct rt_sink *s, const void *units, size_t n);
	size_t count;
	int wide; /* output units are WCHAR */
	int error;
	/* The locale (decimal point, code page): NULL is the current one,
	 * which rt_vformat puts here. */
	const struct w32_locinfo *loc;
};
int rt_vformat(struct rt_sink *s, const void *fmt, int wide_fmt,
	       w32_va_list *ap);

/* ---- the scanf engine (scanf.c) ------------------------------------ */

/* msvcrt's scanf over a getc/ungetc pair. */
struct rt_source {
	int (*get)(struct rt_source *s);
	void (*unget)(struct rt_source *s, int c);
	size_t count;
};
int rt_vscan(struct rt_source *src, const char *fmt, w32_va_list *ap);

/* ---- msvcrt's float syntax (number.c), shared by atof and scanf ----- */

int rt_crt_float_text(const char *s, size_t max, char *out, size_t outsz);

/* ---- the locale (locale.c) ---------------------------------------- */

/* The locale an _l function was given, or the current one (setlocale's)
 * for NULL: what every locale-dependent function reads.  The current
 * one stays valid for the life of the process. */
const struct w32_locinfo *rt_crt_locinfo(w32_locale_t l);
/* LC_NUMERIC's decimal point in the current locale: what printf writes
 * and strtod, atof and scanf read for '.'. */
char rt_crt_decimal_point(void);
/* Whether setlocale ever set a locale other than "C": until then
 * toupper and tolower are ASCII's, as in msvcrt. */
int rt_crt_locale_was_set(void);
/* toupper (upper) or tolower of a value above 255 (or negative) in
 * locale l (NULL: the current one) once a locale was set: msvcrt maps its
 * low byte, as text of LC_CTYPE's code page (Windows-1252 in "C"), and
 * says EILSEQ (ctype.c). */
int rt_crt_case_far(int c, int upper, w32_locale_t l);
/* The "C" locale's _pctype (ctype.c). */
const unsigned short *rt_crt_ctype_c(void);
/* A byte as LC_CTYPE's code page cp (a locinfo's lc_codepage) reads it:
 * 0 is "C", where a byte is the code unit of the same value; 1252
 * (wide.c). */
WCHAR rt_crt_byte_to_wide(UINT cp, unsigned char b);
/* A code unit as code page cp writes it: the byte, or -1 when the code
 * page has none (then the CRT says EILSEQ). */
int rt_crt_wide_to_byte(UINT cp, WCHAR w);

/* ---- the command interpreter (cmd.c) -------------------------------- */

/* Runs a command line as cmd.exe /c would, in this process, which is a
 * child forked for it: its fds 0..2 are the line's standard streams.
 * With crt_fds the programs it starts get the C runtime's descriptors
 * (system's cmd.exe is handed them, _popen's is not).  Returns the
 * line's exit status. */
int rt_cmd_line(const char *line, int crt_fds);

/* ---- errno (errno.c) ----------------------------------------------- */

/* errno of the Windows side (msvcrt numbering). */
int *rt_errno_ptr(void);
/* Sets msvcrt's errno (and _doserrno) from a Linux errno: the numbers
 * agree up to ERANGE (34); above, the few msvcrt has, else EINVAL. */
void rt_set_errno_from(int linux_errno);
/* A CRT function refusing an argument it does not implement: errno err
 * (msvcrt numbering), fn's refusal said under --trace; returns -1. */
int rt_crt_refuse(int err, const char *fn, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- exit (exit.c) ------------------------------------------------- */

/* Runs the atexit/_onexit table, then flushes (msvcrt exit). */
void rt_crt_exit_handlers(void);

/* ==== 3. every w32_ function msvcrt's files define, by file ========== */

/* startup.c: arguments, initializers, data accessors */
int WINAPI w32___getmainargs(int *argc, char ***argv, char ***envp,
			     int wildcards, int *startinfo);
int *WINAPI w32___p___argc(void);
char ***WINAPI w32___p___argv(void);
WCHAR ***WINAPI w32___p___wargv(void);
char **WINAPI w32___p__acmdln(void);
int *WINAPI w32___p__commode(void);
char ***WINAPI w32___p__environ(void);
int *WINAPI w32___p__fmode(void);
WCHAR **WINAPI w32___p__wcmdln(void);
void WINAPI w32___set_app_type(int type);
int WINAPI w32___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp,
			      int wildcards, int *startinfo);
void WINAPI w32__initterm(pvfv *begin, pvfv *end);
int WINAPI w32__initterm_e(pifv *begin, pifv *end);

/* exit.c: exit tables and the ways a program ends */
pvfv WINAPI w32___dllonexit(pvfv fn, pvfv **begin, pvfv **end);
void WINAPI w32__amsg_exit(int n);
void WINAPI w32__assert(const char *expr, const char *file, unsigned line);
void WINAPI w32__c_exit(void);
void WINAPI w32__cexit(void);
void WINAPI w32__exit(int code);
pvfv WINAPI w32__onexit(pvfv fn);
void WINAPI w32_abort(void);
int WINAPI w32_atexit(pvfv fn);
void WINAPI w32_exit(int code);

/* signal.c (msvcrt's numbers: SIGABRT is 22) */
#define RT_SIGABRT 22
int WINAPI w32_raise(int sig);
void *WINAPI w32_signal(int sig, void *fn);

/* except.c: exception and error handlers */
void *WINAPI w32__set_invalid_parameter_handler(void *fn);
int WINAPI w32__XcptFilter(ULONG code, void *info);

/* errno.c: errno and error messages */
ULONG *WINAPI w32___doserrno(void);
int *WINAPI w32__errno(void);
void WINAPI w32_perror(const char *msg);
const char *WINAPI w32_strerror(int e);
WCHAR *WINAPI w32___wcserror(const WCHAR *s);
char *WINAPI w32__strerror(const char *s);
WCHAR *WINAPI w32__wcserror(int e);
void WINAPI w32__wperror(const WCHAR *msg);

/* locale.c: setlocale, locale objects, what a locale holds */
UINT WINAPI w32____lc_codepage_func(void);
int WINAPI w32____lc_collate_cp_func(void);
ULONG *WINAPI w32____lc_handle_func(void);
int WINAPI w32____mb_cur_max_func(void);
char *WINAPI w32__Getdays(void);
char *WINAPI w32__Getmonths(void);
void *WINAPI w32__Gettnames(void);
w32_locale_t WINAPI w32__create_locale(int cat, const char *name);
void WINAPI w32__free_locale(w32_locale_t l);
w32_locale_t WINAPI w32__get_current_locale(void);
WCHAR *WINAPI w32__wsetlocale(int cat, const WCHAR *name);
struct w32_lconv *WINAPI w32_localeconv(void);
char *WINAPI w32_setlocale(int cat, const char *loc);

/* tempname.c: names for temporary files */
char *WINAPI w32__tempnam(const char *dir, const char *prefix);
WCHAR *WINAPI w32__wtempnam(const WCHAR *dir, const WCHAR *prefix);
WCHAR *WINAPI w32__wtmpnam(WCHAR *buf);

/* popen.c: _popen, _pclose, system (through cmd.c), tmpnam */
int WINAPI w32__pclose(struct w32_file *f);
struct w32_file *WINAPI w32__popen(const char *cmd, const char *mode);
struct w32_file *WINAPI w32__wpopen(const WCHAR *cmd, const WCHAR *mode);
int WINAPI w32__wsystem(const WCHAR *cmd);
int WINAPI w32_system(const char *cmd);
char *WINAPI w32_tmpnam(char *buf);

/* process.c: threads, processes, process id, sleep, CRT locks */
uintptr_t WINAPI w32__beginthreadex(void *sa, unsigned stack, thread_fn fn,
				    void *arg, unsigned flags, unsigned *tid);
intptr_t WINAPI w32__cwait(int *status, intptr_t pid, int action);
void WINAPI w32__endthreadex(unsigned code);
intptr_t WINAPI w32__execl(const char *name, const char *arg0, ...);
intptr_t WINAPI w32__execle(const char *name, const char *arg0, ...);
intptr_t WINAPI w32__execlp(const char *name, const char *arg0, ...);
intptr_t WINAPI w32__execlpe(const char *name, const char *arg0, ...);
intptr_t WINAPI w32__execv(const char *name, const char *const *argv);
intptr_t WINAPI w32__execve(const char *name, const char *const *argv,
			    const char *const *envv);
intptr_t WINAPI w32__execvp(const char *name, const char *const *argv);
intptr_t WINAPI w32__execvpe(const char *name, const char *const *argv,
			     const char *const *envv);
intptr_t WINAPI w32__wexecl(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t WINAPI w32__wexecle(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t WINAPI w32__wexeclp(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t WINAPI w32__wexeclpe(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t WINAPI w32__wexecv(const WCHAR *name, const WCHAR *const *argv);
intptr_t WINAPI w32__wexecve(const WCHAR *name, const WCHAR *const *argv,
			     const WCHAR *const *envv);
intptr_t WINAPI w32__wexecvp(const WCHAR *name, const WCHAR *const *argv);
intptr_t WINAPI w32__wexecvpe(const WCHAR *name, const WCHAR *const *argv,
			      const WCHAR *const *envv);
intptr_t WINAPI w32__wspawnl(int mode, const WCHAR *name, const WCHAR *arg0,
			     ...);
intptr_t WINAPI w32__wspawnle(int mode, const WCHAR *name, const WCHAR *arg0,
			      ...);
intptr_t WINAPI w32__wspawnlp(int mode, const WCHAR *name, const WCHAR *arg0,
			      ...);
intptr_t WINAPI w32__wspawnlpe(int mode, const WCHAR *name,
			       const WCHAR *arg0, ...);
intptr_t WINAPI w32__wspawnv(int mode, const WCHAR *name,
			     const WCHAR *const *argv);
intptr_t WINAPI w32__wspawnve(int mode, const WCHAR *name,
			      const WCHAR *const *argv,
			      const WCHAR *const *envv);
intptr_t WINAPI w32__wspawnvp(int mode, const WCHAR *name,
			      const WCHAR *const *argv);
intptr_t WINAPI w32__wspawnvpe(int mode, const WCHAR *name,
			       const WCHAR *const *argv,
			       const WCHAR *const *envv);
intptr_t WINAPI w32__spawnl(int mode, const char *name, const char *arg0, ...);
intptr_t WINAPI w32__spawnle(int mode, const char *name, const char *arg0,
			     ...);
intptr_t WINAPI w32__spawnlp(int mode, const char *name, const char *arg0,
			     ...);
intptr_t WINAPI w32__spawnlpe(int mode, const char *name, const char *arg0,
			      ...);
intptr_t WINAPI w32__spawnv(int mode, const char *name,
			    const char *const *argv);
intptr_t WINAPI w32__spawnve(int mode, const char *name,
			     const char *const *argv, const char *const *envv);
intptr_t WINAPI w32__spawnvp(int mode, const char *name,
			     const char *const *argv);
intptr_t WINAPI w32__spawnvpe(int mode, const char *name,
			      const char *const *argv, const char *const *envv);
int WINAPI w32__getpid(void);
void WINAPI w32__lock(int n);
void WINAPI w32__sleep(ULONG ms);
void WINAPI w32__unlock(int n);

/* environ.c: environment */
int WINAPI w32__putenv(const char *s);
char *WINAPI w32_getenv(const char *name);
void WINAPI w32__searchenv(const char *file, const char *env, char *buf);
WCHAR *WINAPI w32__wgetenv(const WCHAR *name);
int WINAPI w32__wputenv(const WCHAR *s);
void WINAPI w32__wsearchenv(const WCHAR *file, const WCHAR *env, WCHAR *buf);

/* path.c: paths as strings, _mktemp, drives */
int WINAPI w32__chdrive(int drive);
unsigned WINAPI w32__getdiskfree(unsigned drive, struct diskfree *d);
char *WINAPI w32__getdcwd(int drive, char *buf, int size);
int WINAPI w32__getdrive(void);
ULONG WINAPI w32__getdrives(void);
void WINAPI w32__makepath(char *out, const char *drive, const char *dir,
			  const char *name, const char *ext);
char *WINAPI w32__mktemp(char *tmpl);
void WINAPI w32__splitpath(const char *path, char *drive, char *dir,
			   char *name, char *ext);
WCHAR *WINAPI w32__wgetdcwd(int drive, WCHAR *buf, int size);
void WINAPI w32__wmakepath(WCHAR *out, const WCHAR *drive, const WCHAR *dir,
			   const WCHAR *name, const WCHAR *ext);
WCHAR *WINAPI w32__wmktemp(WCHAR *tmpl);
void WINAPI w32__wsplitpath(const WCHAR *path, WCHAR *drive, WCHAR *dir,
			    WCHAR *name, WCHAR *ext);

/* heap.c: malloc family, aligned blocks */
void WINAPI w32__aligned_free(void *p);
void *WINAPI w32__aligned_malloc(size_t size, size_t align);
void *WINAPI w32__aligned_realloc(void *p, size_t size, size_t align);
size_t WINAPI w32__msize(void *p);
void *WINAPI w32_calloc(size_t n, size_t m);
void WINAPI w32_free(void *p);
void *WINAPI w32_malloc(size_t n);
void *WINAPI w32_realloc(void *p, size_t n);

/* string.c: byte strings and memory */
int WINAPI w32__memicmp(const void *a, const void *b, size_t n);
int WINAPI w32__memicmp_l(const void *a, const void *b, size_t n,
			  w32_locale_t l);
char *WINAPI w32__strdup(const char *s);
int WINAPI w32__stricmp(const char *a, const char *b);
int WINAPI w32__stricmp_l(const char *a, const char *b, w32_locale_t l);
char *WINAPI w32__strlwr(char *s);
char *WINAPI w32__strlwr_l(char *s, w32_locale_t l);
int WINAPI w32__strnicmp(const char *a, const char *b, size_t n);
int WINAPI w32__strnicmp_l(const char *a, const char *b, size_t n,
			   w32_locale_t l);
char *WINAPI w32__strnset(char *s, int c, size_t n);
char *WINAPI w32__strrev(char *s);
char *WINAPI w32__strset(char *s, int c);
WCHAR *WINAPI w32__wcsnset(WCHAR *s, WCHAR c, size_t n);
WCHAR *WINAPI w32__wcsrev(WCHAR *s);
WCHAR *WINAPI w32__wcsset(WCHAR *s, WCHAR c);
char *WINAPI w32__strupr(char *s);
char *WINAPI w32__strupr_l(char *s, w32_locale_t l);
void *WINAPI w32_memchr(const void *s, int c, size_t n);
int WINAPI w32_memcmp(const void *a, const void *b, size_t n);
void *WINAPI w32_memcpy(void *d, const void *s, size_t n);
void *WINAPI w32_memmove(void *d, const void *s, size_t n);
void *WINAPI w32_memset(void *d, int c, size_t n);
char *WINAPI w32_strcat(char *d, const char *s);
char *WINAPI w32_strchr(const char *s, int c);
int WINAPI w32_strcmp(const char *a, const char *b);
char *WINAPI w32_strcpy(char *d, const char *s);
size_t WINAPI w32_strcspn(const char *a, const char *b);
size_t WINAPI w32_strlen(const char *s);
char *WINAPI w32_strncat(char *d, const char *s, size_t n);
int WINAPI w32_strncmp(const char *a, const char *b, size_t n);
char *WINAPI w32_strncpy(char *d, const char *s, size_t n);
size_t WINAPI w32_strnlen(const char *s, size_t n);
char *WINAPI w32_strpbrk(const char *a, const char *b);
char *WINAPI w32_strrchr(const char *s, int c);
size_t WINAPI w32_strspn(const char *a, const char *b);
char *WINAPI w32_strstr(const char *a, const char *b);
char *WINAPI w32_strtok(char *s, const char *delim);

/* collate.c: the locale's order of strings */
int WINAPI w32__strcoll_l(const char *a, const char *b, w32_locale_t l);
int WINAPI w32__stricoll(const char *a, const char *b);
int WINAPI w32__stricoll_l(const char *a, const char *b, w32_locale_t l);
int WINAPI w32__strncoll(const char *a, const char *b, size_t n);
int WINAPI w32__strncoll_l(const char *a, const char *b, size_t n,
			   w32_locale_t l);
int WINAPI w32__strnicoll(const char *a, const char *b, size_t n);
int WINAPI w32__strnicoll_l(const char *a, const char *b, size_t n,
			    w32_locale_t l);
size_t WINAPI w32__strxfrm_l(char *d, const char *s, size_t n,
			     w32_locale_t l);
int WINAPI w32__wcscoll_l(const WCHAR *a, const WCHAR *b, w32_locale_t l);
int WINAPI w32__wcsicoll(const WCHAR *a, const WCHAR *b);
int WINAPI w32__wcsicoll_l(const WCHAR *a, const WCHAR *b, w32_locale_t l);
int WINAPI w32__wcsncoll(const WCHAR *a, const WCHAR *b, size_t n);
int WINAPI w32__wcsncoll_l(const WCHAR *a, const WCHAR *b, size_t n,
			   w32_locale_t l);
int WINAPI w32__wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n);
int WINAPI w32__wcsnicoll_l(const WCHAR *a, const WCHAR *b, size_t n,
			    w32_locale_t l);
size_t WINAPI w32__wcsxfrm_l(WCHAR *d, const WCHAR *s, size_t n,
			     w32_locale_t l);
int WINAPI w32_strcoll(const char *a, const char *b);
size_t WINAPI w32_strxfrm(char *d, const char *s, size_t n);
int WINAPI w32_wcscoll(const WCHAR *a, const WCHAR *b);
size_t WINAPI w32_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n);

/* cvt.c: a double's digit strings */
char *WINAPI w32__ecvt(double v, int ndigits, int *decpt, int *sign);
char *WINAPI w32__fcvt(double v, int ndigits, int *decpt, int *sign);
char *WINAPI w32__gcvt(double v, int ndigits, char *buf);

/* number.c: numbers to and from text, integer arithmetic */
int64_t WINAPI w32__abs64(int64_t v);
int WINAPI w32__atodbl(double *out, char *s);
int WINAPI w32__atodbl_l(double *out, char *s, w32_locale_t l);
double WINAPI w32__atof_l(const char *s, w32_locale_t l);
int WINAPI w32__atoflt_l(float *out, char *s, w32_locale_t l);
int WINAPI w32__atoi_l(const char *s, w32_locale_t l);
int64_t WINAPI w32__atoi64(const char *s);
int64_t WINAPI w32__atoi64_l(const char *s, w32_locale_t l);
LONG WINAPI w32__atol_l(const char *s, w32_locale_t l);
char *WINAPI w32__i64toa(int64_t v, char *buf, int base);
WCHAR *WINAPI w32__i64tow(int64_t v, WCHAR *buf, int base);
char *WINAPI w32__itoa(int v, char *buf, int base);
WCHAR *WINAPI w32__itow(int v, WCHAR *buf, int base);
WCHAR *WINAPI w32__ltow(LONG v, WCHAR *buf, int base);
WCHAR *WINAPI w32__ui64tow(uint64_t v, WCHAR *buf, int base);
WCHAR *WINAPI w32__ultow(ULONG v, WCHAR *buf, int base);
char *WINAPI w32__ltoa(LONG v, char *buf, int base);
double WINAPI w32__strtod_l(const char *s, char **end, w32_locale_t l);
int64_t WINAPI w32__strtoi64(const char *s, char **end, int base);
int64_t WINAPI w32__strtoi64_l(const char *s, char **end, int base,
			       w32_locale_t l);
LONG WINAPI w32__strtol_l(const char *s, char **end, int base,
			  w32_locale_t l);
ULONG WINAPI w32__strtoul_l(const char *s, char **end, int base,
			    w32_locale_t l);
uint64_t WINAPI w32__strtoui64(const char *s, char **end, int base);
uint64_t WINAPI w32__strtoui64_l(const char *s, char **end, int base,
				 w32_locale_t l);
char *WINAPI w32__ui64toa(uint64_t v, char *buf, int base);
char *WINAPI w32__ultoa(ULONG v, char *buf, int base);
double WINAPI w32__wcstod_l(const WCHAR *s, WCHAR **end, w32_locale_t l);
int64_t WINAPI w32__wcstoi64(const WCHAR *s, WCHAR **end, int base);
int64_t WINAPI w32__wcstoi64_l(const WCHAR *s, WCHAR **end, int base,
			       w32_locale_t l);
LONG WINAPI w32__wcstol_l(const WCHAR *s, WCHAR **end, int base,
			  w32_locale_t l);
ULONG WINAPI w32__wcstoul_l(const WCHAR *s, WCHAR **end, int base,
			    w32_locale_t l);
uint64_t WINAPI w32__wcstoui64(const WCHAR *s, WCHAR **end, int base);
uint64_t WINAPI w32__wcstoui64_l(const WCHAR *s, WCHAR **end, int base,
				 w32_locale_t l);
double WINAPI w32__wtof(const WCHAR *s);
double WINAPI w32__wtof_l(const WCHAR *s, w32_locale_t l);
int WINAPI w32__wtoi(const WCHAR *s);
int64_t WINAPI w32__wtoi64(const WCHAR *s);
int64_t WINAPI w32__wtoi64_l(const WCHAR *s, w32_locale_t l);
int WINAPI w32__wtoi_l(const WCHAR *s, w32_locale_t l);
LONG WINAPI w32__wtol(const WCHAR *s);
LONG WINAPI w32__wtol_l(const WCHAR *s, w32_locale_t l);
int WINAPI w32_abs(int v);
double WINAPI w32_atof(const char *s);
int WINAPI w32_atoi(const char *s);
LONG WINAPI w32_atol(const char *s);
w32_div_t WINAPI w32_div(int a, int b);
LONG WINAPI w32_labs(LONG v);
w32_div_t WINAPI w32_ldiv(LONG a, LONG b);
int64_t WINAPI w32_llabs(int64_t v);
double WINAPI w32_strtod(const char *s, char **end);
LONG WINAPI w32_strtol(const char *s, char **end, int base);
ULONG WINAPI w32_strtoul(const char *s, char **end, int base);
double WINAPI w32_wcstod(const WCHAR *s, WCHAR **end);
LONG WINAPI w32_wcstol(const WCHAR *s, WCHAR **end, int base);
ULONG WINAPI w32_wcstoul(const WCHAR *s, WCHAR **end, int base);

/* ctype.c: character classes and case */
int WINAPI w32___iscsym(int c);
int WINAPI w32___iscsymf(int c);
int WINAPI w32___isascii(int c);
unsigned short **WINAPI w32___p__pctype(void);
unsigned short *WINAPI w32___pctype_func(void);
int WINAPI w32___toascii(int c);
int WINAPI w32__isalnum_l(int c, w32_locale_t l);
int WINAPI w32__isalpha_l(int c, w32_locale_t l);
int WINAPI w32__iscntrl_l(int c, w32_locale_t l);
int WINAPI w32__isdigit_l(int c, w32_locale_t l);
int WINAPI w32__isgraph_l(int c, w32_locale_t l);
int WINAPI w32__isleadbyte_l(int c, w32_locale_t l);
int WINAPI w32__islower_l(int c, w32_locale_t l);
int WINAPI w32__isprint_l(int c, w32_locale_t l);
int WINAPI w32__ispunct_l(int c, w32_locale_t l);
int WINAPI w32__isspace_l(int c, w32_locale_t l);
int WINAPI w32__isupper_l(int c, w32_locale_t l);
int WINAPI w32__isxdigit_l(int c, w32_locale_t l);
int WINAPI w32__isctype(int c, int mask);
int WINAPI w32__isctype_l(int c, int mask, w32_locale_t l);
int WINAPI w32__iswalnum_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswalpha_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswcntrl_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswdigit_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswgraph_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswlower_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswprint_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswpunct_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswspace_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswupper_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswxdigit_l(unsigned short c, w32_locale_t l);
int WINAPI w32__iswctype_l(unsigned short c, unsigned short mask,
			   w32_locale_t l);
int WINAPI w32__tolower(int c);
int WINAPI w32__tolower_l(int c, w32_locale_t l);
int WINAPI w32__toupper(int c);
int WINAPI w32__toupper_l(int c, w32_locale_t l);
unsigned short WINAPI w32__towlower_l(unsigned short c, w32_locale_t l);
unsigned short WINAPI w32__towupper_l(unsigned short c, w32_locale_t l);
int WINAPI w32_isalnum(int c);
int WINAPI w32_isalpha(int c);
int WINAPI w32_iscntrl(int c);
int WINAPI w32_isdigit(int c);
int WINAPI w32_isgraph(int c);
int WINAPI w32_isleadbyte(int c);
int WINAPI w32_islower(int c);
int WINAPI w32_isprint(int c);
int WINAPI w32_ispunct(int c);
int WINAPI w32_isspace(int c);
int WINAPI w32_isupper(int c);
int WINAPI w32_isxdigit(int c);
int WINAPI w32_iswalnum(unsigned short c);
int WINAPI w32_iswalpha(unsigned short c);
int WINAPI w32_iswcntrl(unsigned short c);
int WINAPI w32_iswdigit(unsigned short c);
int WINAPI w32_iswgraph(unsigned short c);
int WINAPI w32_iswlower(unsigned short c);
int WINAPI w32_iswprint(unsigned short c);
int WINAPI w32_iswpunct(unsigned short c);
int WINAPI w32_iswspace(unsigned short c);
int WINAPI w32_iswupper(unsigned short c);
int WINAPI w32_iswxdigit(unsigned short c);
int WINAPI w32_iswascii(unsigned short c);
int WINAPI w32_iswctype(unsigned short c, unsigned short mask);
int WINAPI w32_tolower(int c);
int WINAPI w32_toupper(int c);
unsigned short WINAPI w32_towlower(unsigned short c);
unsigned short WINAPI w32_towupper(unsigned short c);

/* wide.c: wide strings, multibyte conversions */
size_t WINAPI w32__mbstowcs_l(WCHAR *d, const char *s, size_t n,
			      w32_locale_t l);
int WINAPI w32__mbtowc_l(WCHAR *out, const char *s, size_t n,
			 w32_locale_t l);
WCHAR *WINAPI w32__wcsdup(const WCHAR *s);
int WINAPI w32__wcsicmp(const WCHAR *a, const WCHAR *b);
int WINAPI w32__wcsicmp_l(const WCHAR *a, const WCHAR *b, w32_locale_t l);
WCHAR *WINAPI w32__wcslwr(WCHAR *s);
WCHAR *WINAPI w32__wcslwr_l(WCHAR *s, w32_locale_t l);
int WINAPI w32__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
int WINAPI w32__wcsnicmp_l(const WCHAR *a, const WCHAR *b, size_t n,
			   w32_locale_t l);
size_t WINAPI w32__wcstombs_l(char *d, const WCHAR *s, size_t n,
			      w32_locale_t l);
WCHAR *WINAPI w32__wcsupr(WCHAR *s);
WCHAR *WINAPI w32__wcsupr_l(WCHAR *s, w32_locale_t l);
int WINAPI w32__wctomb_l(char *out, WCHAR c, w32_locale_t l);
int WINAPI w32_mblen(const char *s, size_t n);
size_t WINAPI w32_mbstowcs(WCHAR *d, const char *s, size_t n);
int WINAPI w32_mbtowc(WCHAR *out, const char *s, size_t n);
WCHAR *WINAPI w32_wcscat(WCHAR *d, const WCHAR *s);
WCHAR *WINAPI w32_wcschr(const WCHAR *s, WCHAR c);
int WINAPI w32_wcscmp(const WCHAR *a, const WCHAR *b);
WCHAR *WINAPI w32_wcscpy(WCHAR *d, const WCHAR *s);
size_t WINAPI w32_wcslen(const WCHAR *s);
int WINAPI w32_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *WINAPI w32_wcsncpy(WCHAR *d, const WCHAR *s, size_t n);
size_t WINAPI w32_wcsnlen(const WCHAR *s, size_t n);
WCHAR *WINAPI w32_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *WINAPI w32_wcsstr(const WCHAR *h, const WCHAR *n);
size_t WINAPI w32_wcstombs(char *d, const WCHAR *s, size_t n);
int WINAPI w32_wctomb(char *out, WCHAR c);

/* sort.c: qsort, bsearch */
void *WINAPI w32_bsearch(const void *key, const void *base, size_t n,
			 size_t size, cmp_fn cmp);
void WINAPI w32_qsort(void *base, size_t n, size_t size, cmp_fn cmp);

/* math.c: math, floating-point control, rand */
void WINAPI w32___setusermatherr(void *fn);
UINT WINAPI w32__clearfp(void);
UINT WINAPI w32__control87(UINT newval, UINT mask);
UINT WINAPI w32__controlfp(UINT newval, UINT mask);
int WINAPI w32__controlfp_s(UINT *cur, UINT newval, UINT mask);
int WINAPI w32__finite(double x);
void WINAPI w32__fpreset(void);
double WINAPI w32__hypot(double x, double y);
int WINAPI w32__isnan(double x);
UINT WINAPI w32__statusfp(void);
double WINAPI w32_acos(double x);
double WINAPI w32_asin(double x);
double WINAPI w32_atan(double x);
double WINAPI w32_atan2(double x, double y);
double WINAPI w32_ceil(double x);
double WINAPI w32_cos(double x);
double WINAPI w32_cosh(double x);
double WINAPI w32_exp(double x);
double WINAPI w32_fabs(double x);
double WINAPI w32_floor(double x);
double WINAPI w32_fmod(double x, double y);
double WINAPI w32_frexp(double x, int *e);
double WINAPI w32_hypot(double x, double y);
double WINAPI w32_ldexp(double x, int e);
double WINAPI w32_log(double x);
double WINAPI w32_log10(double x);
double WINAPI w32_modf(double x, double *ip);
double WINAPI w32_pow(double x, double y);
int WINAPI w32_rand(void);
double WINAPI w32_sin(double x);
double WINAPI w32_sinh(double x);
double WINAPI w32_sqrt(double x);
void WINAPI w32_srand(unsigned seed);
double WINAPI w32_tan(double x);
double WINAPI w32_tanh(double x);

/* time.c: time and dates */
char *WINAPI w32__ctime32(const int32_t *t);
char *WINAPI w32__ctime64(const int64_t *t);
char *WINAPI w32__strdate(char *buf);
char *WINAPI w32__strtime(char *buf);
WCHAR *WINAPI w32__wasctime(const struct w32_tm *t);
WCHAR *WINAPI w32__wctime32(const int32_t *t);
WCHAR *WINAPI w32__wctime64(const int64_t *t);
WCHAR *WINAPI w32__wstrdate(WCHAR *buf);
WCHAR *WINAPI w32__wstrtime(WCHAR *buf);
char *WINAPI w32_asctime(const struct w32_tm *t);
double WINAPI w32__difftime64(int64_t a, int64_t b);
void WINAPI w32__ftime64(struct timeb64 *tb);
struct w32_tm *WINAPI w32__gmtime32(const int32_t *t);
struct w32_tm *WINAPI w32__gmtime64(const int64_t *t);
int32_t WINAPI w32__time32(int32_t *t);
int64_t WINAPI w32__time64(int64_t *t);
LONG WINAPI w32_clock(void);

/* timezone.c: _tzset, its data, local time */
extern char *w32__tzname[2];
extern int32_t w32__timezone;
extern int w32__daylight;
extern int32_t w32__dstbias;
void WINAPI w32__tzset(void);
struct w32_tm *WINAPI w32__localtime32(const int32_t *t);
struct w32_tm *WINAPI w32__localtime64(const int64_t *t);
int32_t WINAPI w32__mkgmtime32(struct w32_tm *m);
int64_t WINAPI w32__mkgmtime64(struct w32_tm *m);
int64_t WINAPI w32__mktime64(struct w32_tm *m);
/* The standard (dst 0) or daylight name of the zone, after _tzset. */
const char *rt_crt_tzname(int dst);

/* strftime.c: dates and times as text in LC_TIME's locale */
size_t WINAPI w32__Strftime(char *s, size_t max, const char *fmt,
			    const struct w32_tm *tm, void *td);
size_t WINAPI w32__wcsftime_l(WCHAR *s, size_t max, const WCHAR *fmt,
			      const struct w32_tm *tm, w32_locale_t l);
size_t WINAPI w32_strftime(char *s, size_t max, const char *fmt,
			   const struct w32_tm *tm);
size_t WINAPI w32_wcsftime(WCHAR *s, size_t max, const WCHAR *fmt,
			   const struct w32_tm *tm);

/* lowio.c: msvcrt file descriptors */
int WINAPI w32__chsize(int fd, LONG size);
int WINAPI w32__close(int fd);
int WINAPI w32__commit(int fd);
int WINAPI w32__dup(int fd);
int WINAPI w32__dup2(int from, int to);
int WINAPI w32__eof(int fd);
LONG WINAPI w32__filelength(int fd);
int64_t WINAPI w32__filelengthi64(int fd);
intptr_t WINAPI w32__get_osfhandle(int fd);
int WINAPI w32__isatty(int fd);
LONG WINAPI w32__lseek(int fd, LONG off, int whence);
int64_t WINAPI w32__lseeki64(int fd, int64_t off, int whence);
int WINAPI w32__open(const char *name, int flags, ...);
int WINAPI w32__open_osfhandle(intptr_t h, int flags);
int WINAPI w32__pipe(int *pfds, unsigned size, int textmode);
int WINAPI w32__read(int fd, void *buf, unsigned n);
int WINAPI w32__setmode(int fd, int mode);
int WINAPI w32__sopen(const char *name, int flags, int share, int mode);
/* _open, _wopen, _sopen and fopen's open: a new descriptor, or -1 with
 * errno. */
int rt_crt_open(const char *name, int flags, int mode, int shflag);
/* _sopen's sharing modes. */
#define _SH_DENYRW 0x10
#define _SH_DENYWR 0x20
#define _SH_DENYRD 0x30
#define _SH_DENYNO 0x40
/* The UTF-16 units at units[0..2n) (any alignment) as a descriptor in
 * a Unicode text mode writes them (wide: its mode; tty: on a terminal):
 * UTF-16LE, or UTF-8 for _O_U8TEXT and on a terminal (a lone surrogate
 * as U+FFFD), "\n" as "\r\n".  A malloc'd block, its size in *len;
 * NULL when out of memory (unicode_io.c). */
char *rt_crt_wide_bytes(const void *units, size_t n, int wide, int tty,
			size_t *len);
/* After rt_crt_open opened path as lfd with flags holding a Unicode
 * mode: writes the byte-order mark of a new or empty file opened for
 * writing, else reads one (opened for reading, the position is left
 * after it), as msvcrt does.  Returns the descriptor's mode, _O_U16TEXT,
 * _O_U8TEXT or 0 (_O_WTEXT without a mark: narrow text), or -1 with
 * errno when the mark cannot be written. */
int rt_crt_unicode_open(const char *path, int lfd, int flags);
/* _read on a descriptor in a Unicode mode: UTF-16 for the program, an
 * even count (else -1, EINVAL); 0 at the end. */
int rt_crt_read_unicode(struct rt_crt_fd *f, void *buf, unsigned n);
/* _write on a descriptor in a Unicode mode: buf is UTF-16, n even (else
 * -1, EINVAL); n, or -1 with errno. */
int rt_crt_write_unicode(struct rt_crt_fd *f, const void *buf, unsigned n);
LONG WINAPI w32__tell(int fd);
int64_t WINAPI w32__telli64(int fd);
int WINAPI w32__creat(const char *name, int mode);
int WINAPI w32__wcreat(const WCHAR *name, int mode);
int WINAPI w32__wopen(const WCHAR *name, int flags, ...);
int WINAPI w32__wsopen(const WCHAR *name, int flags, int share, int mode);
int WINAPI w32__write(int fd, const void *buf, unsigned n);

/* stat.c: file attributes by name or descriptor */
int WINAPI w32__access(const char *name, int mode);
int WINAPI w32__chmod(const char *name, int mode);
int WINAPI w32__futime32(int fd, const struct utimbuf32 *t);
int WINAPI w32__futime64(int fd, const struct utimbuf64 *t);
int WINAPI w32__fstat(int fd, struct w32_stat *o);
int WINAPI w32__fstat64(int fd, struct w32_stat64 *o);
int WINAPI w32__stat(const char *name, struct w32_stat *o);
int WINAPI w32__stat64(const char *name, struct w32_stat64 *o);
int WINAPI w32__umask(int mask);
/* The mask _umask set (0 at start). */
int rt_crt_umask(void);
int WINAPI w32__utime64(const char *name, const struct utimbuf64 *t);
int WINAPI w32__utime32(const char *name, const struct utimbuf32 *t);
int WINAPI w32__waccess(const WCHAR *name, int mode);
int WINAPI w32__wstat(const WCHAR *name, struct w32_stat *o);
int WINAPI w32__wutime32(const WCHAR *name, const struct utimbuf32 *t);
int WINAPI w32__wchmod(const WCHAR *name, int mode);
int WINAPI w32__wstat64(const WCHAR *name, void *st);
int WINAPI w32__wutime64(const WCHAR *name, const struct utimbuf64 *t);

/* directory.c: directories, names, _findfirst */
int WINAPI w32__chdir(const char *name);
int WINAPI w32__findclose(intptr_t h);
intptr_t WINAPI w32__findfirst(const char *spec, struct finddata32s *o);
int WINAPI w32__findnext(intptr_t h, struct finddata32s *o);
intptr_t WINAPI w32__findfirst64(const char *spec, struct finddata64 *o);
int WINAPI w32__findnext64(intptr_t h, struct finddata64 *o);
char *WINAPI w32__fullpath(char *buf, const char *rel, size_t size);
char *WINAPI w32__getcwd(char *buf, int size);
int WINAPI w32__mkdir(const char *name);
int WINAPI w32__rmdir(const char *name);
int WINAPI w32__unlink(const char *name);
int WINAPI w32__wunlink(const WCHAR *name);
int WINAPI w32__wchdir(const WCHAR *name);
intptr_t WINAPI w32__wfindfirst(const WCHAR *spec, struct wfinddata32s *o);
int WINAPI w32__wfindnext(intptr_t h, struct wfinddata32s *o);
int WINAPI w32__wremove(const WCHAR *name);
int WINAPI w32__wrename(const WCHAR *from, const WCHAR *to);
int WINAPI w32__wrmdir(const WCHAR *name);
intptr_t WINAPI w32__wfindfirst64(const WCHAR *spec, struct wfinddata64 *o);
int WINAPI w32__wfindnext64(intptr_t h, struct wfinddata64 *o);
WCHAR *WINAPI w32__wfullpath(WCHAR *buf, const WCHAR *rel, size_t size);
WCHAR *WINAPI w32__wgetcwd(WCHAR *buf, int size);
int WINAPI w32__wmkdir(const WCHAR *name);
int WINAPI w32_remove(const char *name);
int WINAPI w32_rename(const char *from, const char *to);

/* stream.c: the FILE table, flushing all, FILE locks */
struct w32_file *WINAPI w32___iob_func(void);
int WINAPI w32__fcloseall(void);
int WINAPI w32__flushall(void);
void WINAPI w32__lock_file(struct w32_file *f);
void WINAPI w32__unlock_file(struct w32_file *f);
int WINAPI w32_fflush(struct w32_file *f);

/* stdio.c: opening, buffering, positioning, state */
struct w32_file *WINAPI w32__fdopen(int fd, const char *mode);
int WINAPI w32__fileno(struct w32_file *f);
int WINAPI w32__fseeki64(struct w32_file *f, int64_t off, int whence);
int64_t WINAPI w32__ftelli64(struct w32_file *f);
struct w32_file *WINAPI w32__wfopen(const WCHAR *name, const WCHAR *mode);
struct w32_file *WINAPI w32__wfreopen(const WCHAR *name, const WCHAR *mode,
				      struct w32_file *f);
void WINAPI w32_clearerr(struct w32_file *f);
int WINAPI w32_fclose(struct w32_file *f);
int WINAPI w32_feof(struct w32_file *f);
int WINAPI w32_ferror(struct w32_file *f);
int WINAPI w32_fgetpos(struct w32_file *f, int64_t *pos);
struct w32_file *WINAPI w32_fopen(const char *name, const char *mode);
struct w32_file *WINAPI w32_freopen(const char *name, const char *mode,
				    struct w32_file *f);
int WINAPI w32_fseek(struct w32_file *f, LONG off, int whence);
int WINAPI w32_fsetpos(struct w32_file *f, const int64_t *pos);
LONG WINAPI w32_ftell(struct w32_file *f);
void WINAPI w32_rewind(struct w32_file *f);
void WINAPI w32_setbuf(struct w32_file *f, char *buf);
int WINAPI w32_setvbuf(struct w32_file *f, char *buf, int mode, size_t size);
struct w32_file *WINAPI w32_tmpfile(void);

/* chario.c: character, line and block I/O */
int WINAPI w32__fgetchar(void);
int WINAPI w32__fputchar(int c);
int WINAPI w32_fgetc(struct w32_file *f);
char *WINAPI w32_fgets(char *buf, int n, struct w32_file *f);
int WINAPI w32_fputc(int c, struct w32_file *f);
int WINAPI w32_fputs(const char *str, struct w32_file *f);
size_t WINAPI w32_fread(void *p, size_t size, size_t n, struct w32_file *f);
size_t WINAPI w32_fwrite(const void *p, size_t size, size_t n,
			 struct w32_file *f);
int WINAPI w32_getc(struct w32_file *f);
int WINAPI w32_getchar(void);
char *WINAPI w32_gets(char *buf);
int WINAPI w32_putc(int c, struct w32_file *f);
int WINAPI w32_putchar(int c);
int WINAPI w32_puts(const char *str);
int WINAPI w32_ungetc(int c, struct w32_file *f);

/* wchario.c: wide characters on streams */
unsigned short WINAPI w32__fgetwchar(void);
unsigned short WINAPI w32__fputwchar(unsigned short c);
WCHAR *WINAPI w32__getws(WCHAR *buf);
int WINAPI w32__putws(const WCHAR *w);
unsigned short WINAPI w32_fgetwc(struct w32_file *f);
WCHAR *WINAPI w32_fgetws(WCHAR *buf, int n, struct w32_file *f);
unsigned short WINAPI w32_fputwc(unsigned short c, struct w32_file *f);
int WINAPI w32_fputws(const WCHAR *w, struct w32_file *f);
unsigned short WINAPI w32_getwc(struct w32_file *f);
unsigned short WINAPI w32_getwchar(void);
unsigned short WINAPI w32_putwc(unsigned short c, struct w32_file *f);
unsigned short WINAPI w32_putwchar(unsigned short c);
unsigned short WINAPI w32_ungetwc(unsigned short c, struct w32_file *f);

/* printf.c (the engine, rt_vformat, is above) */
int WINAPI w32__fprintf_l(struct w32_file *f, const char *fmt, w32_locale_t l,
			  ...);
int WINAPI w32__fwprintf_l(struct w32_file *f, const WCHAR *fmt,
			   w32_locale_t l, ...);
int WINAPI w32__printf_l(const char *fmt, w32_locale_t l, ...);
int WINAPI w32__scprintf(const char *fmt, ...);
int WINAPI w32__scprintf_l(const char *fmt, w32_locale_t l, ...);
int WINAPI w32__scwprintf(const WCHAR *fmt, ...);
int WINAPI w32__scwprintf_l(const WCHAR *fmt, w32_locale_t l, ...);
int WINAPI w32__snprintf(char *buf, size_t n, const char *fmt, ...);
int WINAPI w32__snprintf_l(char *buf, size_t n, const char *fmt,
			   w32_locale_t l, ...);
int WINAPI w32__snwprintf(WCHAR *buf, size_t n, const WCHAR *fmt, ...);
int WINAPI w32__snwprintf_l(WCHAR *buf, size_t n, const WCHAR *fmt,
			    w32_locale_t l, ...);
int WINAPI w32__sprintf_l(char *buf, const char *fmt, w32_locale_t l, ...);
int WINAPI w32__vfprintf_l(struct w32_file *f, const char *fmt,
			   w32_locale_t l, w32_va_list ap);
int WINAPI w32__vfwprintf_l(struct w32_file *f, const WCHAR *fmt,
			    w32_locale_t l, w32_va_list ap);
int WINAPI w32__vprintf_l(const char *fmt, w32_locale_t l, w32_va_list ap);
int WINAPI w32__vscprintf(const char *fmt, w32_va_list ap);
int WINAPI w32__vscprintf_l(const char *fmt, w32_locale_t l, w32_va_list ap);
int WINAPI w32__vscwprintf(const WCHAR *fmt, w32_va_list ap);
int WINAPI w32__vscwprintf_l(const WCHAR *fmt, w32_locale_t l,
			     w32_va_list ap);
int WINAPI w32__vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list ap);
int WINAPI w32__vsnprintf_l(char *buf, size_t n, const char *fmt,
			    w32_locale_t l, w32_va_list ap);
int WINAPI w32__vsnwprintf(WCHAR *buf, size_t n, const WCHAR *fmt,
			   w32_va_list ap);
int WINAPI w32__vsnwprintf_l(WCHAR *buf, size_t n, const WCHAR *fmt,
			     w32_locale_t l, w32_va_list ap);
int WINAPI w32__vsprintf_l(char *buf, const char *fmt, w32_locale_t l,
			   w32_va_list ap);
int WINAPI w32__vwprintf_l(const WCHAR *fmt, w32_locale_t l, w32_va_list ap);
int WINAPI w32__wprintf_l(const WCHAR *fmt, w32_locale_t l, ...);
int WINAPI w32_fprintf(struct w32_file *f, const char *fmt, ...);
int WINAPI w32_fwprintf(struct w32_file *f, const WCHAR *fmt, ...);
int WINAPI w32_printf(const char *fmt, ...);
int WINAPI w32_snprintf(char *buf, size_t n, const char *fmt, ...);
int WINAPI w32_sprintf(char *buf, const char *fmt, ...);
int WINAPI w32_swprintf(WCHAR *buf, const WCHAR *fmt, ...);
int WINAPI w32_vfprintf(struct w32_file *f, const char *fmt, w32_va_list ap);
int WINAPI w32_vfwprintf(struct w32_file *f, const WCHAR *fmt, w32_va_list ap);
int WINAPI w32_vprintf(const char *fmt, w32_va_list ap);
int WINAPI w32_vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list ap);
int WINAPI w32_vsprintf(char *buf, const char *fmt, w32_va_list ap);
int WINAPI w32_vswprintf(WCHAR *buf, const WCHAR *fmt, w32_va_list ap);
int WINAPI w32_vwprintf(const WCHAR *fmt, w32_va_list ap);
int WINAPI w32_wprintf(const WCHAR *fmt, ...);

/* scanf.c (the engine, rt_vscan, is above) */
int WINAPI w32_fscanf(struct w32_file *f, const char *fmt, ...);
int WINAPI w32_scanf(const char *fmt, ...);
int WINAPI w32_sscanf(const char *str, const char *fmt, ...);
int WINAPI w32_vfscanf(struct w32_file *f, const char *fmt, w32_va_list ap);
int WINAPI w32_vscanf(const char *fmt, w32_va_list ap);
int WINAPI w32_vsscanf(const char *str, const char *fmt, w32_va_list ap);
int WINAPI w32__snscanf(const char *str, size_t count, const char *fmt, ...);
int WINAPI w32_swscanf(const WCHAR *str, const WCHAR *fmt, ...);
int WINAPI w32__snwscanf(const WCHAR *str, size_t count, const WCHAR *fmt,
			 ...);
int WINAPI w32_fwscanf(struct w32_file *f, const WCHAR *fmt, ...);
int WINAPI w32_wscanf(const WCHAR *fmt, ...);

/* conio.c: console I/O, to and from the console, not the streams */
int WINAPI w32__getch(void);
int WINAPI w32__getwch(void);
int WINAPI w32__getche(void);
int WINAPI w32__getwche(void);
int WINAPI w32__ungetch(int c);
int WINAPI w32__ungetwch(int c);
int WINAPI w32__kbhit(void);
int WINAPI w32__putch(int c);
int WINAPI w32__putwch(WCHAR c);
int WINAPI w32__cputs(const char *s);
int WINAPI w32__cputws(const WCHAR *s);
char *WINAPI w32__cgets(char *buf);
WCHAR *WINAPI w32__cgetws(WCHAR *buf);
int WINAPI w32__cprintf(const char *fmt, ...);
int WINAPI w32__cwprintf(const WCHAR *fmt, ...);
int WINAPI w32__cscanf(const char *fmt, ...);

/* Defined in assembly (runtime/ntdll/seh_asm.S), exported by msvcrt. */
int WINAPI w32__setjmp(void *buf, void *frame);
void WINAPI w32_longjmp(void *buf, int value);

/* ==== 4. data exports ================================================ */

/* startup.c */
extern int w32___argc;
extern char **w32___argv;
extern WCHAR **w32___wargv;
extern char **w32___initenv;
extern WCHAR **w32___winitenv;
extern char *w32__acmdln;
extern WCHAR *w32__wcmdln;
extern int w32__commode;
extern char **w32__environ;
extern WCHAR **w32__wenviron;
extern int w32__osver, w32__winver, w32__winmajor, w32__winminor;
/* lowio.c: 0 (text), unless _O_BINARY is stored here */
extern int w32__fmode;
/* ctype.c */
extern unsigned short *w32__pctype;
/* locale.c: the current locale's, as setlocale leaves them */
extern int w32___mb_cur_max;
extern UINT w32___lc_codepage;
extern UINT w32___lc_collate_cp;
extern ULONG w32___lc_handle[6];
/* stream.c */
extern struct w32_file w32__iob[];

#endif

/*
 * test_runtime_crt.c — the runtime's msvcrt, called from C through the
 * Microsoft convention as Windows code calls it.  Expected strings are
 * what Wine's msvcrt.dll prints for the same calls.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"
#include "tests/unit/cu.h"


static char buf[512];

#define FMT(expect, ...)                                                       \
	do {                                                                   \
		int r_ = w32__snprintf(buf, sizeof(buf), __VA_ARGS__);         \
		CU_ASSERT_STRING_EQUAL(buf, expect);                           \
		CU_ASSERT_EQUAL(r_, (int)strlen(expect));                      \
	} while (0)

CU_SUITE(crt, 0, 0)

CU_TEST(crt, printf_integers_llp64)
{
	FMT("[-42][17][3000000000][ff][FF][10]", "[%d][%i][%u][%x][%X][%o]",
	    -42, 17, 3000000000u, 255, 255, 8);
	/* %ld reads 32 bits: the high half of a 64-bit argument is ignored. */
	FMT("[-1][4294967295]", "[%ld][%lu]", 0x12345678ffffffffLL,
	    0xffffffffffffffffULL);
	FMT("[-1234567890123][18446744073709551615][123456789abc][-9][-5]",
	    "[%I64d][%I64u][%I64x][%lld][%I32d]", -1234567890123LL,
	    18446744073709551615ULL, 0x123456789abcULL, -9LL, -5);
	FMT("[4464][4464][5][7]", "[%hd][%hu][%zd][%Id]", 70000, 70000,
	    (size_t)5, (int64_t)7);
}

CU_TEST(crt, printf_flags_width_precision)
{
	FMT("[0xff][010][0XFF][0][0]", "[%#x][%#o][%#X][%#x][%#o]", 255, 8, 255,
	    0, 0);
	FMT("[ 4][-0042][7    |][+0000005][ 0000005]",
	    "[% d][%05d][%-5d|][%+08d][% 08d]", 4, -42, 7, 5, 5);
	FMT("[005][    -005][00a     |][][+0][5]",
	    "[%.3d][%8.3d][%-8.3x|][%.0d][%+d][%+u]", 5, -5, 10, 0, 0, 5);
	FMT("[     1][2     ][3.14][2.5     ]", "[%*d][%-*d][%.*f][%*.*f]", 6,
	    1, 6, 2, 2, 3.14159, -8, 1, 2.5);
	FMT("[    a][xy    ][][(null)]", "[%5.1s][%-6s][%.0s][%s]", "abc", "xy",
	    "zz", (char *)0);
	FMT("[x][    y][z  |][%][]", "[%c][%5c][%-3c|][%%][%5%]", 'x', 'y',
	    'z');
	/* An unknown conversion prints its letter and takes no argument. */
	FMT("[1][k][2]", "[%d][%k][%d]", 1, 2);
}

CU_TEST(crt, printf_pointer_and_wide)
{
	static const WCHAR wide[] = {'w', 'i', 'd', 'e', 0};

	FMT("[0000000000001234][0000000000000000][0X00000000000000AB]",
	    "[%p][%p][%#p]", (void *)0x1234, (void *)0, (void *)0xab);
	FMT("[wide][wide][q][Q]", "[%ls][%S][%lc][%C]", wide, wide, 'q', 'Q');
}

CU_TEST(crt, printf_floats)
{
	FMT("[1.500000e+000][1.000000E-300][5e+010][5.e+010][0.000000e+000]",
	    "[%e][%E][%.0e][%#.0e][%e]", 1.5, 1e-300, 5e10, 5e10, 0.0);
	/* Half away from zero on the exact value: 0.25 -> 0.3, 2.675 (really
	 * 2.67499999...) -> 2.67. */
	FMT("[100000000000000000000.000000][0.3333333333][0.1][0.3][1][2]",
	    "[%f][%.10f][%.1f][%.1f][%.0f][%.0f]", 1e20, 1.0 / 3, 0.05, 0.25,
	    0.5, 1.5);
	FMT("[2.67]", "[%.2f]", 2.675);
	FMT("[0.0001][1e-005][123456][1.23457e+006][1e+100][1E-010]",
	    "[%g][%g][%g][%g][%g][%G]", 0.0001, 0.00001, 123456.0, 1234567.0,
	    1e100, 1e-10);
	FMT("[1.00000][2.][+1.235e+004][1.00][0]",
	    "[%#g][%#.0f][%+.3e][%#.3g][%g]", 1.0, 2.0, 12345.678, 1.0, 0.0);
	FMT("[-003.142][3.142   |]", "[%08.3f][%-08.3f|]", -3.14159, 3.14159);
	FMT("[0x1.0000000000000p+0][0X1.FF00000000000P+7][0x1.92p+1]",
	    "[%a][%A][%.2a]", 1.0, 255.5, 3.14159);
}

CU_TEST(crt, printf_special_values)
{
	FMT("[1.#INF00][1.#INF00e+000][1.#INF][1.#J][     1.#IO]",
	    "[%f][%e][%g][%.2f][%10.3f]", __builtin_inf(), __builtin_inf(),
	    __builtin_inf(), __builtin_inf(), __builtin_inf());
	FMT("[-1.#INF00][1.#QNAN0e+000][-1.#IND]", "[%f][%e][%g]",
	    -__builtin_inf(), __builtin_nan(""), -__builtin_nan(""));
}

CU_TEST(crt, printf_counts_and_truncation)
{
	int n = -5, r;

	r = w32_sprintf(buf, "ab%ncd", &n);
	CU_ASSERT_EQUAL(r, 4);
	CU_ASSERT_EQUAL(n, 2);
	memset(buf, '#', sizeof(buf));
	r = w32__snprintf(buf, 5, "123456789");
	CU_ASSERT_EQUAL(r, -1);
	CU_ASSERT_EQUAL(memcmp(buf, "12345#", 6), 0);
	r = w32__snprintf(buf, 5, "1234");
	CU_ASSERT_EQUAL(r, 4);
	CU_ASSERT_STRING_EQUAL(buf, "1234");
	r = w32_snprintf(buf, 5, "123456789");
	CU_ASSERT_EQUAL(r, 9);
	CU_ASSERT_STRING_EQUAL(buf, "1234");
	CU_ASSERT_EQUAL(w32__scprintf("%d-%s", 123, "abc"), 7);
}

CU_TEST(crt, wide_printf)
{
	WCHAR w[64];
	static const WCHAR fmt[] = {'%', 'd', ' ', '%', 's',
				    ' ', '%', 'h', 's', 0};
	static const WCHAR arg[] = {'w', 0};
	int r = w32__snwprintf(w, 64, fmt, 12, arg, "n");

	CU_ASSERT_EQUAL(r, 6);
	CU_ASSERT(w[0] == '1' && w[1] == '2' && w[3] == 'w' && w[5] == 'n' &&
		  w[6] == 0);
}

CU_TEST(crt, strtol_is_32_bit)
{
	char *end;

	CU_ASSERT_EQUAL(w32_strtol("  -123xyz", &end, 10), -123);
	CU_ASSERT_STRING_EQUAL(end, "xyz");
	*w32__errno() = 0;
	CU_ASSERT_EQUAL(w32_strtol("99999999999", 0, 10), 2147483647);
	CU_ASSERT_EQUAL(*w32__errno(), 34);
	CU_ASSERT_EQUAL(w32_strtol("-99999999999", 0, 10), -2147483647 - 1);
	CU_ASSERT_EQUAL(w32_strtoul("0xFFFFFFFF", 0, 16), 0xffffffffu);
	CU_ASSERT_EQUAL(w32_strtoul("-1", 0, 10), 0xffffffffu);
	CU_ASSERT_EQUAL(w32_strtol("0x1f", 0, 0), 31);
	CU_ASSERT_EQUAL(w32_strtol("017", 0, 0), 15);
}

CU_TEST(crt, strtod_parses)
{
	char *end;

	CU_ASSERT_DOUBLE_EQUAL(w32_strtod("3.25e2abc", &end), 325.0, 0);
	CU_ASSERT_STRING_EQUAL(end, "abc");
	CU_ASSERT_DOUBLE_EQUAL(w32_strtod("-0.5", 0), -0.5, 0);
	w32_strtod("nothing", &end);
	CU_ASSERT_STRING_EQUAL(end, "nothing");
}

CU_TEST(crt, sscanf_sizes)
{
	int i = 0, n;
	LONG l = 0;
	int64_t big = 0;
	double d = 0;
	float f = 0;
	char w[16], rest[16], set[16];
	short h = 0;

	n = w32_sscanf("12 abc 3.5 ff rest", "%d %s %lf %lx %s", &i, w, &d, &l,
		       rest);
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_EQUAL(i, 12);
	CU_ASSERT_STRING_EQUAL(w, "abc");
	CU_ASSERT_DOUBLE_EQUAL(d, 3.5, 0);
	CU_ASSERT_EQUAL(l, 255);
	CU_ASSERT_STRING_EQUAL(rest, "rest");
	n = w32_sscanf("123456789012 7 2.5 -3", "%I64d %hd %f %d", &big, &h, &f,
		       &i);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(big, 123456789012LL);
	CU_ASSERT_EQUAL(h, 7);
	CU_ASSERT_DOUBLE_EQUAL(f, 2.5, 0);
	CU_ASSERT_EQUAL(i, -3);
	CU_ASSERT_EQUAL(w32_sscanf("", "%d", &i), -1);
	CU_ASSERT_EQUAL(w32_sscanf("x", "%d", &i), 0);
	n = w32_sscanf("abc123,z", "%[a-c]%*d,%c", set, &w[0]);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(set, "abc");
	CU_ASSERT_EQUAL(w[0], 'z');
}

CU_TEST(crt, rand_is_msvcrt_lcg)
{
	w32_srand(1);
	CU_ASSERT_EQUAL(w32_rand(), 41);
	CU_ASSERT_EQUAL(w32_rand(), 18467);
	CU_ASSERT_EQUAL(w32_rand(), 6334);
}

CU_TEST(crt, strerror_texts)
{
	CU_ASSERT_STRING_EQUAL(w32_strerror(2), "No such file or directory");
	CU_ASSERT_STRING_EQUAL(w32_strerror(12), "Cannot allocate memory");
	CU_ASSERT_STRING_EQUAL(w32_strerror(100), "Unknown error");
}

static int WINAPI cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

CU_TEST(crt, qsort_bsearch_ms_abi_comparator)
{
	int a[] = {7, 8, 9, 0, 2, 7}, key = 7, *p;

	w32_qsort(a, 6, sizeof(int), cmp_int);
	CU_ASSERT(a[0] == 0 && a[1] == 2 && a[2] == 7 && a[3] == 7 &&
		  a[4] == 8 && a[5] == 9);
	p = w32_bsearch(&key, a, 6, sizeof(int), cmp_int);
	CU_ASSERT_PTR_EQUAL(p, &a[2]); /* msvcrt's probe order */
}

CU_TEST(crt, ctype_values)
{
	/* msvcrt's "C" table has no _ALPHA bit (0x100) for letters: isalpha
	 * answers their case bit (Wine's). */
	CU_ASSERT_EQUAL(w32_isalpha('a'), 0x2);
	CU_ASSERT_EQUAL(w32_isalpha('Z'), 0x1);
	CU_ASSERT_EQUAL(w32_isalpha('1'), 0);
	CU_ASSERT_EQUAL(w32_isspace(' '), 8);
}

static char tmpdir[64];

static void tmp_path(char *out, const char *name)
{
	if (!tmpdir[0]) {
		strcpy(tmpdir, "/tmp/rt-crt-XXXXXX");
		if (!mkdtemp(tmpdir))
			abort();
	}
	sprintf(out, "%s/%s", tmpdir, name);
}

CU_TEST(crt, text_stream_writes_crlf)
{
	char path[128], raw[64];
	struct w32_file *f;
	int fd;
	ssize_t n;

	tmp_path(path, "text.txt");
	f = w32_fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	w32_fprintf(f, "one\ntwo %d\n", 2);
	CU_ASSERT_EQUAL(w32_ftell(f), 12);
	CU_ASSERT_EQUAL(w32_fclose(f), 0);
	fd = open(path, O_RDONLY);
	n = read(fd, raw, sizeof(raw));
	close(fd);
	CU_ASSERT_EQUAL(n, 12);
	CU_ASSERT_EQUAL(memcmp(raw, "one\r\ntwo 2\r\n", 12), 0);

	f = w32_fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL(w32_fgets(raw, sizeof(raw), f));
	CU_ASSERT_STRING_EQUAL(raw, "one\n");
	CU_ASSERT_EQUAL(w32_ftell(f), 5);
	CU_ASSERT_EQUAL(w32_fgetc(f), 't');
	CU_ASSERT_EQUAL(w32_ungetc('T', f), 'T');
	CU_ASSERT_PTR_NOT_NULL(w32_fgets(raw, sizeof(raw), f));
	CU_ASSERT_STRING_EQUAL(raw, "Two 2\n");
	CU_ASSERT_PTR_NULL(w32_fgets(raw, sizeof(raw), f));
	w32_fclose(f);

	f = w32_fopen(path, "rb");
	CU_ASSERT_EQUAL(w32_fread(raw, 1, sizeof(raw), f), 12);
	CU_ASSERT_EQUAL(w32_fseek(f, 3, 0), 0);
	CU_ASSERT_EQUAL(w32_fgetc(f), '\r');
	w32_fclose(f);
	unlink(path);
}

CU_TEST(crt, lowio_text_read)
{
	char path[128], b[32];
	int fd, n;

	tmp_path(path, "low.txt");
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	CU_ASSERT(write(fd, "a\r\nb\rc\r\n", 8) == 8);
	close(fd);
	fd = w32__open(path, 0 /* _O_RDONLY, text by default */);
	CU_ASSERT(fd > 2);
	n = w32__read(fd, b, sizeof(b));
	CU_ASSERT_EQUAL(n, 6);
	CU_ASSERT_EQUAL(memcmp(b, "a\nb\rc\n", 6), 0);
	CU_ASSERT_EQUAL(w32__setmode(fd, _O_BINARY), _O_TEXT);
	unlink(path);
}


/* The UTF-16 a Unicode-mode read of the file or pipe gives, joined over
 * reads of count bytes each: the same for every count, whether a
 * "\r\n" or a character falls across two reads. */
static void unicode_read_all(int fd, unsigned count, unsigned char *out,
			     int *len)
{
	int r;

	*len = 0;
	while ((r = w32__read(fd, out + *len, count)) > 0)
		*len += r;
	CU_ASSERT_EQUAL(r, 0);
}

static const char u8_text[] = "\xef\xbb\xbfh\xc3\xa9\r\n\xe2\x82\xacz\r\n";
static const unsigned char u16_text[] = {'h', 0, 0xe9, 0, '\n', 0,
					 0xac, 0x20, 'z', 0, '\n', 0};

CU_TEST(crt, unicode_u8_read_every_count)
{
	unsigned char out[64];
	char path[128];
	int fd, p[2], len;

	tmp_path(path, "u8.txt");
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	CU_ASSERT(write(fd, u8_text, sizeof(u8_text) - 1) ==
		  (ssize_t)sizeof(u8_text) - 1);
	close(fd);
	for (unsigned count = 2; count <= 24; count += 2) {
		fd = w32__open(path, _O_RDONLY | _O_U8TEXT);
		CU_ASSERT_FATAL(fd > 2);
		unicode_read_all(fd, count, out, &len);
		CU_ASSERT_EQUAL(len, (int)sizeof(u16_text));
		CU_ASSERT_EQUAL(memcmp(out, u16_text, sizeof(u16_text)), 0);
		w32__close(fd);

		CU_ASSERT_FATAL(w32__pipe(p, 256, _O_BINARY) == 0);
		CU_ASSERT_EQUAL(w32__write(p[1], u8_text + 3,
					   sizeof(u8_text) - 4),
				(int)sizeof(u8_text) - 4);
		w32__close(p[1]);
		CU_ASSERT_EQUAL(w32__setmode(p[0], _O_U8TEXT), _O_BINARY);
		unicode_read_all(p[0], count, out, &len);
		CU_ASSERT_EQUAL(len, (int)sizeof(u16_text));
		CU_ASSERT_EQUAL(memcmp(out, u16_text, sizeof(u16_text)), 0);
		w32__close(p[0]);
	}
	unlink(path);
}

/* A new file in _O_U8TEXT starts with UTF-8's mark; _write takes UTF-16
 * in even counts only; reading it back in _O_WTEXT finds the mark. */
CU_TEST(crt, unicode_write_and_bom)
{
	static const unsigned char a_nl[] = {'a', 0, '\n', 0};
	unsigned char b[16];
	char path[128];
	int fd;

	tmp_path(path, "bom.txt");
	fd = w32__open(path, _O_WRONLY | _O_CREAT | _O_TRUNC | _O_U8TEXT,
		       0x180);
	CU_ASSERT_FATAL(fd > 2);
	CU_ASSERT_EQUAL(w32__write(fd, a_nl, 4), 4);
	*rt_errno_ptr() = 0;
	CU_ASSERT_EQUAL(w32__write(fd, a_nl, 3), -1);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EINVAL);
	w32__close(fd);
	fd = open(path, O_RDONLY);
	CU_ASSERT_EQUAL(read(fd, b, sizeof(b)), 6);
	CU_ASSERT_EQUAL(memcmp(b, "\xef\xbb\xbf" "a\r\n", 6), 0);
	close(fd);
	fd = w32__open(path, _O_RDONLY | _O_WTEXT);
	CU_ASSERT_EQUAL(w32__tell(fd), 3);
	CU_ASSERT_EQUAL(w32__read(fd, b, 3), -1); /* odd count */
	CU_ASSERT_EQUAL(w32__read(fd, b, sizeof(b)), 4);
	CU_ASSERT_EQUAL(memcmp(b, a_nl, 4), 0);
	CU_ASSERT_EQUAL(w32__setmode(fd, _O_TEXT), _O_WTEXT);
	w32__close(fd);
	unlink(path);
}

/* A text-mode _read that ends on '\r' reads one byte ahead and keeps it;
 * _tell and a relative seek count from the program's position, not the
 * file's, and asking _tell does not lose the byte. */
CU_TEST(crt, lowio_tell_after_pending)
{
	char path[128], b[8];
	int fd;

	tmp_path(path, "pend.txt");
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	CU_ASSERT(write(fd, "ab\rxyz", 6) == 6);
	close(fd);
	fd = w32__open(path, 0);
	CU_ASSERT_FATAL(fd > 2);
	CU_ASSERT_EQUAL(w32__read(fd, b, 3), 3); /* "ab\r", 'x' kept */
	CU_ASSERT_EQUAL(w32__tell(fd), 3);
	CU_ASSERT_EQUAL(w32__tell(fd), 3);
	CU_ASSERT_EQUAL(w32__read(fd, b, 1), 1);
	CU_ASSERT_EQUAL(b[0], 'x');
	CU_ASSERT_EQUAL(w32__tell(fd), 4);
	CU_ASSERT_EQUAL(w32__lseeki64(fd, 0, 0), 0);
	CU_ASSERT_EQUAL(w32__read(fd, b, 3), 3);
	CU_ASSERT_EQUAL(w32__lseeki64(fd, 1, 1), 4); /* from 3, not 4 */
	CU_ASSERT_EQUAL(w32__read(fd, b, 1), 1);
	CU_ASSERT_EQUAL(b[0], 'y');
	w32__close(fd);
	unlink(path);
}

/* _umask with _S_IWRITE: a file an open creates is read-only (no write
 * permission on Linux); without it, writable again. */
CU_TEST(crt, umask_makes_read_only)
{
	char path[128];
	struct stat st;
	int fd;

	tmp_path(path, "umask.txt");
	unlink(path);
	CU_ASSERT_EQUAL(w32__umask(0x80), 0);
	fd = w32__open(path, _O_CREAT | _O_WRONLY, 0x180);
	CU_ASSERT_FATAL(fd > 2);
	w32__close(fd);
	CU_ASSERT(stat(path, &st) == 0 && (st.st_mode & 0222) == 0);
	unlink(path);
	CU_ASSERT_EQUAL(w32__umask(0), 0x80);
	fd = w32__open(path, _O_CREAT | _O_WRONLY, 0x180);
	w32__close(fd);
	CU_ASSERT(stat(path, &st) == 0 && (st.st_mode & 0200) != 0);
	unlink(path);
}

/* fopen's 'c' (and _commode's _IOCOMMIT, undone by 'n') makes fflush
 * commit: _IOCOMMIT in the FILE's flags, and a file open for reading
 * refuses the commit (EOF, EACCES), which only the commit path says. */
CU_TEST(crt, fopen_commit)
{
	struct w32_file *f;
	char path[128];

	tmp_path(path, "commit.txt");
	f = w32_fopen(path, "wc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT(rt_stream_of(f)->commit && (f->_flag & _IOCOMMIT));
	CU_ASSERT_EQUAL(w32_fputs("data", f), 0);
	CU_ASSERT_EQUAL(w32_fflush(f), 0);
	w32_fclose(f);
	f = w32_fopen(path, "rc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	*rt_errno_ptr() = 0;
	CU_ASSERT_EQUAL(w32_fflush(f), EOF);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EACCES);
	w32_fclose(f);
	f = w32_fopen(path, "r");
	CU_ASSERT(!rt_stream_of(f)->commit && !(f->_flag & _IOCOMMIT));
	CU_ASSERT_EQUAL(w32_fflush(f), 0);
	w32_fclose(f);
	w32__commode = _IOCOMMIT;
	f = w32_fopen(path, "r");
	CU_ASSERT(rt_stream_of(f)->commit);
	w32_fclose(f);
	f = w32_fopen(path, "rn");
	CU_ASSERT(!rt_stream_of(f)->commit);
	w32_fclose(f);
	w32__commode = 0;
	unlink(path);
}

/* _lseek: an unknown whence or a position before the start is EINVAL,
 * and the position stays; _commit and _chsize on a descriptor open for
 * reading only fail as msvcrt's (EACCES; EBADF growing, EINVAL
 * shrinking). */
CU_TEST(crt, lowio_refusals)
{
	char path[128];
	int fd;

	tmp_path(path, "seek.txt");
	fd = w32__open(path, _O_CREAT | _O_RDWR | _O_BINARY, 0x180);
	CU_ASSERT_FATAL(fd > 2);
	CU_ASSERT_EQUAL(w32__write(fd, "hello", 5), 5);
	CU_ASSERT_EQUAL(w32__lseek(fd, 2, 0), 2);
	CU_ASSERT_EQUAL(w32__lseek(fd, 1, 3), -1);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EINVAL);
	CU_ASSERT_EQUAL(w32__lseeki64(fd, 1, -1), -1);
	CU_ASSERT_EQUAL(w32__lseek(fd, -3, 1), -1);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EINVAL);
	CU_ASSERT_EQUAL(w32__tell(fd), 2);
	CU_ASSERT_EQUAL(w32__commit(fd), 0);
	w32__close(fd);
	fd = w32__open(path, _O_RDONLY);
	CU_ASSERT_EQUAL(w32__commit(fd), -1);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EACCES);
	CU_ASSERT_EQUAL(w32__chsize(fd, 9), -1);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EBADF);
	CU_ASSERT_EQUAL(w32__chsize(fd, 1), -1);
	CU_ASSERT_EQUAL(*rt_errno_ptr(), W_EINVAL);
	w32__close(fd);
	unlink(path);
}

/* _open_osfhandle takes the handle over: _get_osfhandle gives it back,
 * a child is passed it (binary, as no mode was asked), and _close closes
 * it. */
CU_TEST(crt, open_osfhandle_takes_handle)
{
	struct rt_object *o = rt_object_new(RT_H_FILE);
	char path[128];
	unsigned count;
	DWORD flags;
	HANDLE h, got;
	WORD n;
	BYTE *b;
	int fd;

	tmp_path(path, "osf.txt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	o->fd = open(path, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
	CU_ASSERT_FATAL(o->fd >= 0);
	h = rt_handle_new_flags(o, HANDLE_FLAG_INHERIT);
	CU_ASSERT_FATAL(h != 0);
	fd = w32__open_osfhandle((intptr_t)h, 0);
	CU_ASSERT_FATAL(fd > 2);
	CU_ASSERT(w32__get_osfhandle(fd) == (intptr_t)h);
	CU_ASSERT_EQUAL(w32__write(fd, "a\nb", 3), 3);
	CU_ASSERT_EQUAL(w32__filelength(fd), 3);
	b = rt_crt_inherit_block(&n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	memcpy(&count, b, 4);
	CU_ASSERT_FATAL(count > (unsigned)fd);
	CU_ASSERT_EQUAL(b[4 + fd], 0x01); /* open, binary */
	memcpy(&got, b + 4 + count + fd * sizeof(HANDLE), sizeof(got));
	CU_ASSERT(got == h);
	free(b);
	CU_ASSERT_EQUAL(w32__close(fd), 0);
	CU_ASSERT(rt_handle_flags(h, &flags) < 0);
	unlink(path);
}

/* _sleep(0) returns (the wait is computed in 64 bits: a huge value no
 * longer wraps to a short one, which cannot be timed here). */
CU_TEST(crt, sleep_zero)
{
	w32__sleep(0);
	w32__sleep(1);
	CU_PASS("returned");
}

CU_TEST(crt, iob_layout)
{
	struct w32_file *iob = w32___iob_func();

	/* mingw's stdout is &__iob_func()[1]: 48-byte stride, _file set. */
	CU_ASSERT_EQUAL(iob[0]._file, 0);
	CU_ASSERT_EQUAL(iob[1]._file, 1);
	CU_ASSERT_EQUAL(iob[2]._file, 2);
	CU_ASSERT_EQUAL((char *)&iob[1] - (char *)&iob[0], 48);
}

CU_TEST(crt, filex_layout_for_mingw_lock_file)
{
	struct w32_file *iob = w32___iob_func(), *f[24];
	char path[128];

	/* Streams past the 20 _iob entries carry a CRITICAL_SECTION at
	 * FILE+0x30 that mingw's _lock_file enters; writing it must not
	 * disturb another stream. */
	tmp_path(path, "many.txt");
	for (int i = 0; i < 24; i++) {
		f[i] = w32_fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f[i]);
	}
	CU_ASSERT(f[0] >= iob && f[0] < iob + 20);
	CU_ASSERT(f[23] < iob || f[23] >= iob + 20);
	memset((char *)f[23] + 0x30, 0x5a, sizeof(CRITICAL_SECTION));
	memset((char *)f[22] + 0x30, 0x5a, sizeof(CRITICAL_SECTION));
	CU_ASSERT_EQUAL(w32_fprintf(f[22], "x%d", 22), 3);
	for (int i = 0; i < 24; i++)
		CU_ASSERT_EQUAL(w32_fclose(f[i]), 0);
	unlink(path);
}

/* The descriptor table a child gets (lpReserved2): every open descriptor
 * but the _O_NOINHERIT ones, each with an inheritable handle of its own
 * Linux fd, and its text mode; a duplicate is inheritable whatever its
 * source. */
CU_TEST(crt, inherit_block)
{
	char path[] = "/tmp/dllshare-crt-block-XXXXXX";
	int tmp = mkstemp(path), fd, noinh, dup;
	unsigned count;
	WORD n;
	BYTE *b;
	HANDLE h;
	DWORD flags;

	CU_ASSERT_FATAL(tmp >= 0);
	close(tmp);
	fd = w32__open(path, _O_WRONLY | _O_BINARY);
	noinh = w32__open(path, _O_WRONLY | _O_NOINHERIT);
	dup = w32__dup(noinh);
	CU_ASSERT_FATAL(fd > 2 && noinh > 2 && dup > 2);
	b = rt_crt_inherit_block(&n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	memcpy(&count, b, 4);
	CU_ASSERT(count > (unsigned)dup);
	CU_ASSERT_EQUAL(n, 4 + count * (1 + sizeof(HANDLE)));
	CU_ASSERT_EQUAL(b[4 + fd], 0x01);	       /* open, binary */
	CU_ASSERT_EQUAL(b[4 + noinh], 0);
	CU_ASSERT_EQUAL(b[4 + dup], 0x01 | 0x80); /* open, text */
	memcpy(&h, b + 4 + count + noinh * sizeof(HANDLE), sizeof(h));
	CU_ASSERT(h == INVALID_HANDLE_VALUE);
	memcpy(&h, b + 4 + count + fd * sizeof(HANDLE), sizeof(h));
	CU_ASSERT(h == (HANDLE)w32__get_osfhandle(fd));
	CU_ASSERT(rt_handle_flags(h, &flags) == 0 &&
		  flags == HANDLE_FLAG_INHERIT);
	CU_ASSERT(rt_handle_flags((HANDLE)w32__get_osfhandle(noinh), &flags) ==
			  0 &&
		  flags == 0);
	free(b);
	/* _close closes the handle with the descriptor. */
	CU_ASSERT_EQUAL(w32__close(fd), 0);
	CU_ASSERT(rt_handle_flags(h, &flags) < 0);
	w32__close(noinh);
	w32__close(dup);
	unlink(path);
}

/* _tempnam as Microsoft documents its CRT, where Wine 8 differs (see
 * runtime/msvcrt/tempname.c): TMP only when it names a directory, else
 * dir; the prefix whole, then a sequence number, no extension; neither
 * given: the root of the current drive ("\"). */
CU_TEST(crt, tempnam_documented)
{
	char dir[128], tmpset[200], *a, *b, *c;
	size_t dl;

	tmp_path(dir, "tn");
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
	dl = strlen(dir);
	snprintf(tmpset, sizeof(tmpset), "TMP=%s/nosuchdir", tmpdir);
	CU_ASSERT_EQUAL(w32__putenv(tmpset), 0);
	/* TMP is not a directory: dir is used, the prefix whole. */
	a = w32__tempnam(dir, "longprefix");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(strncmp(a, dir, dl), 0);
	CU_ASSERT_EQUAL(a[dl], '\\');
	CU_ASSERT_EQUAL(strncmp(a + dl + 1, "longprefix", 10), 0);
	CU_ASSERT(strspn(a + dl + 11, "0123456789") == strlen(a + dl + 11));
	CU_ASSERT(strlen(a + dl + 11) > 0);
	/* The next name has the next number. */
	b = w32__tempnam(dir, "longprefix");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(atoi(b + dl + 11), atoi(a + dl + 11) + 1);
	/* Both name no directory: the call fails. */
	CU_ASSERT_PTR_NULL(w32__tempnam("/no/such/dir", "x"));
	/* TMP names a directory: it wins over dir, which need not exist. */
	snprintf(tmpset, sizeof(tmpset), "TMP=%s", dir);
	CU_ASSERT_EQUAL(w32__putenv(tmpset), 0);
	c = w32__tempnam("/no/such/dir", "p");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(strncmp(c, dir, dl), 0);
	CU_ASSERT_EQUAL(strncmp(c + dl, "\\p", 2), 0);
	free(a), free(b), free(c);
	/* Neither TMP nor dir: P_tmpdir, the root. */
	CU_ASSERT_EQUAL(w32__putenv("TMP="), 0);
	a = w32__tempnam(0, "q");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(strncmp(a, "\\q", 2), 0);
	free(a);
	rmdir(dir);
}

/* Where dllshare follows Microsoft's documentation and Wine 8 does not
 * (so tests/wine/progs/wcrt_*.c cannot show it): _strnset returns its
 * argument, _wmktemp names as _mktemp does (a letter, then the last five
 * digits of the process id; six X needed).  And a name set again in
 * another case replaces the variable, _wenviron following. */
CU_TEST(crt, wide_where_wine_differs)
{
	char s[] = "abcdef", digits[16];
	WCHAR t[] = u"wtXXXXXX", t5[] = u"wtXXXXX", **e;
	int n = 0;

	CU_ASSERT_PTR_EQUAL(w32__strnset(s, 'y', 3), s);
	CU_ASSERT_STRING_EQUAL(s, "yyydef");
	snprintf(digits, sizeof(digits), "%05u", (unsigned)getpid() % 100000);
	CU_ASSERT_PTR_EQUAL(w32__wmktemp(t), t);
	CU_ASSERT_EQUAL(t[2], 'a');
	for (int i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(t[3 + i], digits[i]);
	CU_ASSERT_PTR_NULL(w32__wmktemp(t5));

	CU_ASSERT_PTR_NULL(w32__wgetenv(u"RT_WCRT"));
	CU_ASSERT_EQUAL(w32__putenv("RT_WCRT=1"), 0);
	CU_ASSERT_EQUAL(w32__putenv("rt_wcrt=2"), 0);
	CU_ASSERT_STRING_EQUAL(w32_getenv("RT_WCRT"), "2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(w32__wgetenv(u"Rt_Wcrt"));
	CU_ASSERT_EQUAL(w32__wgetenv(u"Rt_Wcrt")[0], '2');
	for (e = w32__wenviron; e && *e; e++)
		n += !w32__wcsnicmp(*e, u"RT_WCRT=", 8);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(w32__wputenv(u"RT_WCRT="), 0);
	CU_ASSERT_PTR_NULL(w32__wgetenv(u"RT_WCRT"));
	CU_ASSERT_PTR_NULL(w32_getenv("RT_WCRT"));
}

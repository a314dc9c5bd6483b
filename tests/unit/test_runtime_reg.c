/*
 * test_runtime_reg.c — the registry's store (runtime/advapi32/regstore.h):
 * the hive file's text read back byte for byte, and damaged texts (cut
 * short at every byte, garbage lines, hostile values) refused with a
 * message naming the line, never half read; a damaged file left as it is
 * by the calls that meet it; the directory's checks.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"
#include "tests/unit/cu.h"

CU_SUITE(reg, NULL, NULL)

static const WCHAR wsoft[] = {'S', 'o', 'f', 't', 'w', 'a', 'r', 'e'};

/* A hive with a value of every shape the format has. */
static struct rs_hive *sample(void)
{
	static struct rs_hive h = {.file = "TEST.reg"};
	static const WCHAR name1[] = {'q', '"',	 '\\',	 ']',
				      0x1, 0xe9, 0xd800, 'x'};
	/* a key's name has no '\\' (it separates them in a path) */
	static const WCHAR kname[] = {'k', '"', ']', 0x1, 0xe9, 0xdc00, '['};
	static const WCHAR sz[] = {'h', 'i', 0x20ac, 0xd83d, 0xde00, 0};
	static const WCHAR nonul[] = {'a', 'b'};
	static const WCHAR multi[] = {'a', 0, 'b', 'c', 0, 0};
	static const WCHAR multi_empty_inside[] = {'a', 0, 0, 'b', 0, 0};
	static const WCHAR none[] = {0};
	static const BYTE odd[] = {'x', 0, 'y'};
	uint32_t d = 0x2a;
	uint64_t q = 0x1122334455667788ull;
	struct rs_key *sub, *deep;
	size_t at;

	rs_key_free(h.root);
	h.root = rs_key_new(0, 0);
	h.root->id = 1;
	h.next_id = 10;
	sub = rs_key_new(wsoft, 8);
	sub->id = 2;
	sub->time = 133000000000000000ull;
	rs_sub_find(h.root, wsoft, 8, &at);
	CU_ASSERT_EQUAL_FATAL(rs_sub_insert(h.root, at, sub), 0);
	deep = rs_key_new(kname, 7);
	deep->id = 7;
	rs_sub_find(sub, kname, 7, &at);
	CU_ASSERT_EQUAL_FATAL(rs_sub_insert(sub, at, deep), 0);
	rs_val_set(h.root, none, 0, REG_SZ, sz, sizeof sz);
	rs_val_set(sub, name1, 8, REG_EXPAND_SZ, sz, sizeof sz);
	rs_val_set(sub, wsoft, 1, REG_SZ, nonul, sizeof nonul);
	rs_val_set(sub, wsoft, 2, REG_MULTI_SZ, multi, sizeof multi);
	rs_val_set(sub, wsoft, 3, REG_MULTI_SZ, multi_empty_inside,
		   sizeof multi_empty_inside);
	rs_val_set(sub, wsoft, 4, REG_MULTI_SZ, none, sizeof none);
	rs_val_set(sub, wsoft, 5, REG_DWORD, &d, 4);
	rs_val_set(sub, wsoft, 6, REG_DWORD, &d, 2);
	rs_val_set(deep, wsoft, 7, REG_QWORD, &q, 8);
	rs_val_set(deep, wsoft, 8, 77, odd, sizeof odd);
	rs_val_set(deep, none, 0, REG_NONE, 0, 0);
	rs_val_set(deep, wsoft, 5, REG_SZ, odd, sizeof odd);
	return &h;
}

static char *sample_text(size_t *len)
{
	char *t = rs_format(sample(), len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	return t;
}

CU_TEST(reg, text_reads_back_as_written)
{
	size_t len, len2;
	char *t = sample_text(&len), msg[256] = "";
	struct rs_hive h = {.file = "TEST.reg"};

	if (rs_parse(t, len, &h.root, &h.next_id, msg, sizeof msg)) {
		fprintf(stderr, "%s\n%s", msg, t);
		CU_FAIL_FATAL("the sample does not read back");
	}
	CU_ASSERT_EQUAL(h.next_id, 10);
	{
		char *t2 = rs_format(&h, &len2);

		CU_ASSERT_EQUAL(len, len2);
		CU_ASSERT(t2 && !memcmp(t, t2, len));
		free(t2);
	}
	/* a value with every awkward character, read back as its bytes */
	{
		struct rs_key *s = rs_sub_find(h.root, wsoft, 8, 0);
		struct rs_value *v = s ? rs_val_find(s, wsoft, 6, 0) : 0;

		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		CU_ASSERT_EQUAL(v->type, REG_DWORD);
		CU_ASSERT_EQUAL(v->len, 2);
		/* each kind of line, and hex where the text would not give
		 * the bytes back */
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"S\"=hex(1):61,00,62,00\n"));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "\"So\"=multi:\"a\",\"bc\"\n"));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "\"Sof\"=hex(7):61,00,00,00,"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"Soft\"=multi:\n"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"Softw\"=dword:0000002a\n"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"Softwa\"=hex(4):2a,00\n"));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "\"Softwar\"=qword:1122334455667788\n"));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "\"Software\"=hex(77):78,00,79\n"));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "\"Softw\"=hex(1):78,00,79\n"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "@=hex(0):\n"));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "@=\"hi\xe2\x82\xac\xf0\x9f\x98\x80\"\n"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "=expand:\"hi"));
		CU_ASSERT_PTR_NOT_NULL(strstr(
			t,
			"[Software\\\\k\\\"\\]\\u0001\xc3\xa9\\udc00[] id=7 "));
		CU_ASSERT_PTR_NOT_NULL(
			strstr(t, "\\\"\\\\\\]\\u0001\xc3\xa9\\ud800x"));
	}
	rs_key_free(h.root);
	free(t);
}

/* Every text cut short is refused: the "end" line is last. */
CU_TEST(reg, truncated_text_refused_at_every_length)
{
	size_t len;
	char *t = sample_text(&len);

	for (size_t n = 0; n < len; n++) {
		struct rs_key *root = 0;
		uint64_t next = 0;
		char msg[256] = "";
		char *copy = malloc(n + 1); /* exactly n bytes for ASan */

		memcpy(copy, t, n);
		if (rs_parse(copy, n, &root, &next, msg, sizeof msg) == 0) {
			CU_FAIL("a cut text was read");
			fprintf(stderr, "read at %zu of %zu\n", n, len);
			rs_key_free(root);
		} else if (strncmp(msg, "line ", 5)) {
			CU_FAIL("message without its line");
		}
		free(copy);
	}
	free(t);
}

/* The sample with one line replaced: refused, the message naming it. */
static void refused(const char *line, const char *want)
{
	size_t len;
	char *t = sample_text(&len), *buf, msg[256] = "";
	char *at = strstr(t, "[Software] ");
	struct rs_key *root = 0;
	uint64_t next;
	unsigned lineno = 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	for (char *p = t; p < at; p++)
		lineno += *p == '\n';
	buf = malloc(len + strlen(line) + 2);
	sprintf(buf, "%.*s%s\n%s", (int)(at - t), t, line, at);
	if (rs_parse(buf, strlen(buf), &root, &next, msg, sizeof msg) == 0) {
		CU_FAIL("a damaged text was read");
		fprintf(stderr, "read with: %s\n", line);
		rs_key_free(root);
	} else {
		char want_line[32];

		snprintf(want_line, sizeof want_line, "line %u: ", lineno);
		if (strncmp(msg, want_line, strlen(want_line)) ||
		    !strstr(msg, want)) {
			CU_FAIL("wrong message");
			fprintf(stderr, "for %s: %s (want %s%s)\n", line, msg,
				want_line, want);
		}
	}
	free(buf);
	free(t);
}

CU_TEST(reg, garbage_lines_refused_with_their_line)
{
	refused("garbage", "not a key, a value or a comment");
	refused("\"v\"=bogus:1", "unknown kind of value");
	refused("\"v\"=dword:123", "dword needs 8 hex digits");
	refused("\"v\"=qword:12345678", "qword needs 16 hex digits");
	refused("\"v\"=dword:0000000g", "bad hex digit");
	refused("\"v\"=hex(3):1,2", "bad hex bytes");
	refused("\"v\"=hex(3):01;02", "bad hex bytes");
	refused("\"v\"=hex(99999999999):01", "bad hex(TYPE)");
	refused("\"v\"=hex(3)01", "bad hex(TYPE)");
	refused("\"v\"=\"open", "string without its closing");
	refused("\"v\"=\"x\" trailing", "garbage after the value");
	refused("\"v\"=\"\\q\"", "unknown escape");
	refused("\"v\"=\"\\u12\"", "four hex digits");
	refused("\"v\"=\"\xff\"", "not UTF-8");
	refused("\"v\"=multi:\"a\",", "expected a string");
	refused("@=\"x\"", "value named twice");
	refused("[No\\\\Parent] id=8 time=0", "key before its parent");
	refused("[] id=8 time=0", "the root key twice");
	refused("[Software] id=99 time=0", "not below next-id");
	refused("[Software] id=0 time=0", "not below next-id");
	refused("[X] id=8", "expected time=");
	refused("[X]", "expected id=");
	refused("[X] id=8 time=0 more", "garbage after the key");
	refused("[Software\\\\\\\\Y] id=8 time=0", "bad key name");
	{
		char many[300] = "[";

		memset(many + 1, 'k', 256);
		strcpy(many + 257, "] id=8 time=0");
		refused(many, "bad key name");
	}
}

CU_TEST(reg, header_and_nul_refused)
{
	static const char nul[] = "dllshare-registry 1 next-id=2\n[] id=1 "
				  "time=0\n\"a\0\"=dword:00000001\nend\n";
	const char *bad[] = {
		"",
		"end\n",
		"dllshare-registry 2 next-id=2\n[] id=1 time=0\nend\n",
		"other-registry 1 next-id=2\n[] id=1 time=0\nend\n",
		"dllshare-registry 1 next-id=2\nend\n",
		"dllshare-registry 1 next-id=2\n[X] id=1 time=0\nend\n",
		"dllshare-registry 1 next-id=2\n\"v\"=dword:00000001\nend\n",
		"dllshare-registry 1 next-id=2\n[] id=1 time=0\nend",
		"dllshare-registry 1 next-id=2\n[] id=1 time=0\nend\n[] x\n",
		"dllshare-registry 1 next-id=2 x\n[] id=1 time=0\nend\n",
		"dllshare-registry 1\n[] id=1 time=0\nend\n",
	};
	struct rs_key *root = 0;
	uint64_t next;
	char msg[256];

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (!rs_parse(bad[i], strlen(bad[i]), &root, &next, msg,
			      sizeof msg)) {
			CU_FAIL("a bad text was read");
			fprintf(stderr, "read: %s\n", bad[i]);
			rs_key_free(root);
		}
	}
	CU_ASSERT_NOT_EQUAL(
		rs_parse(nul, sizeof nul - 1, &root, &next, msg, sizeof msg),
		0);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "NUL"));
}

/* Bytes flipped all over a good text: read or refused, never a crash
 * (the ASan build runs this too). */
CU_TEST(reg, flipped_bytes_never_crash)
{
	size_t len;
	char *t = sample_text(&len);
	unsigned seed = 1;

	for (int round = 0; round < 3000; round++) {
		char *c = malloc(len), msg[256];
		struct rs_key *root = 0;
		uint64_t next;

		memcpy(c, t, len);
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			c[(seed >> 8) % len] = (char)(seed >> 20);
		}
		if (!rs_parse(c, len, &root, &next, msg, sizeof msg))
			rs_key_free(root);
		free(c);
	}
	free(t);
}

static char tmpdir[64];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

/* The directory's checks, then a damaged hive met by the API: refused
 * (ERROR_REGISTRY_CORRUPT), its file not touched; then one that works.
 * One test, in this order: a process keeps the directory it opened. */
CU_TEST(reg, directory_checks_and_a_damaged_hive_left_alone)
{
	static const char damaged[] =
		"dllshare-registry 1 next-id=3\n[] id=1 "
		"time=0\n[Software] id=2 time=0\n\"v\"=dw";
	static const WCHAR sub[] = {'S', 'o', 'f', 't', 'w', 'a', 'r', 'e', 0};
	static const WCHAR vname[] = {'v', 0};
	char path[128], link[128], back[256] = "";
	HANDLE hkcu = (HANDLE)(intptr_t)(int32_t)HKEY_CURRENT_USER_V, k = 0;
	DWORD d = 5;
	FILE *f;

	strcpy(tmpdir, "/tmp/dllshare-reg-test.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpdir));
	/* a symlink to a good directory */
	snprintf(path, sizeof path, "%s/real", tmpdir);
	snprintf(link, sizeof link, "%s/link", tmpdir);
	mkdir(path, 0700);
	CU_ASSERT_EQUAL(symlink(path, link), 0);
	setenv("DLLSHARE_REGISTRY", link, 1);
	CU_ASSERT_EQUAL(w32_RegOpenKeyExW(hkcu, sub, 0, KEY_READ, &k),
			ERROR_REGISTRY_IO_FAILED);
	/* writable by others */
	snprintf(path, sizeof path, "%s/open", tmpdir);
	mkdir(path, 0700);
	chmod(path, 0777);
	setenv("DLLSHARE_REGISTRY", path, 1);
	CU_ASSERT_EQUAL(w32_RegOpenKeyExW(hkcu, sub, 0, KEY_READ, &k),
			ERROR_REGISTRY_IO_FAILED);
	/* no parent */
	snprintf(path, sizeof path, "%s/none/reg", tmpdir);
	setenv("DLLSHARE_REGISTRY", path, 1);
	CU_ASSERT_EQUAL(w32_RegCreateKeyExW(hkcu, sub, 0, 0, 0, KEY_ALL_ACCESS,
					    0, &k, 0),
			ERROR_REGISTRY_IO_FAILED);
	/* made 0700, a damaged hive in it */
	snprintf(path, sizeof path, "%s/reg", tmpdir);
	setenv("DLLSHARE_REGISTRY", path, 1);
	CU_ASSERT_EQUAL(w32_RegOpenKeyExW(hkcu, 0, 0, KEY_READ, &k), 0);
	CU_ASSERT_EQUAL(w32_RegCloseKey(k), 0);
	{
		struct stat st;

		CU_ASSERT_EQUAL(stat(path, &st), 0);
		CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
	}
	snprintf(path, sizeof path, "%s/reg/HKEY_CURRENT_USER.reg", tmpdir);
	write_file(path, damaged);
	CU_ASSERT_EQUAL(w32_RegOpenKeyExW(hkcu, sub, 0, KEY_READ, &k),
			ERROR_REGISTRY_CORRUPT);
	CU_ASSERT_EQUAL(w32_RegCreateKeyExW(hkcu, sub, 0, 0, 0, KEY_ALL_ACCESS,
					    0, &k, 0),
			ERROR_REGISTRY_CORRUPT);
	CU_ASSERT_EQUAL(
		w32_RegSetValueExW(hkcu, vname, 0, REG_DWORD, (BYTE *)&d, 4),
		ERROR_REGISTRY_CORRUPT);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fread(back, 1, sizeof back, f), sizeof damaged - 1);
	fclose(f);
	CU_ASSERT_EQUAL(memcmp(back, damaged, sizeof damaged - 1), 0);
	/* repaired by hand: read again at the next call */
	write_file(path,
		   "dllshare-registry 1 next-id=3\n[] id=1 time=0\n"
		   "[Software] id=2 time=0\n\"v\"=dword:00000007\nend\n");
	CU_ASSERT_EQUAL(w32_RegOpenKeyExW(hkcu, sub, 0, KEY_READ, &k), 0);
	{
		DWORD type = 0, size = sizeof d;

		CU_ASSERT_EQUAL(w32_RegQueryValueExW(k, vname, 0, &type,
						     (BYTE *)&d, &size),
				0);
		CU_ASSERT_EQUAL(d, 7);
		CU_ASSERT_EQUAL(type, REG_DWORD);
	}
	CU_ASSERT_EQUAL(w32_RegCloseKey(k), 0);
	CU_ASSERT_EQUAL(w32_RegCloseKey(k), ERROR_INVALID_HANDLE);
	unsetenv("DLLSHARE_REGISTRY");
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		CU_ASSERT_EQUAL(system(cmd), 0);
	}
}

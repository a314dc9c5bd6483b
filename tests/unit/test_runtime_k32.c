/*
 * test_runtime_k32.c — the TEB at the gs base, and the runtime's kernel32
 * called through the Microsoft convention: last error, TLS slots, critical
 * sections and events across threads, virtual memory, heaps, files, code
 * pages, the command line, the built-in export tables.
 */
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/core/rt.h"
#include "runtime/core/core.h"
#include "runtime/core/codepage.h"
#include "runtime/advapi32/advapi32.h"
#include "runtime/kernel32/k32int.h"
#include "runtime/msvcrt/msvcrt.h"
#include "runtime/ntdll/ntdll.h"
#include "tests/unit/cu.h"

static int init(void)
{
	return rt_thread_init();
}

CU_SUITE(k32, init, 0)

static void *gs_read(unsigned off)
{
	void *v;

	__asm__ volatile("movq %%gs:(%1), %0" : "=r"(v) : "r"((uintptr_t)off));
	return v;
}

CU_TEST(k32, teb_at_gs)
{
	struct rt_teb *t = rt_teb();
	int local;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_EQUAL(gs_read(0x30), t);	     /* NtTib.Self */
	CU_ASSERT_PTR_EQUAL(gs_read(0x60), &rt_peb); /* PEB */
	/* The stack in use lies between StackLimit and StackBase. */
	CU_ASSERT((char *)gs_read(0x08) > (char *)&local);
	CU_ASSERT((char *)gs_read(0x10) < (char *)&local);
	CU_ASSERT_EQUAL((DWORD)(uintptr_t)gs_read(0x48), rt_tid());
	CU_ASSERT_EQUAL(w32_GetLastError(), 0);
	w32_SetLastError(1234);
	CU_ASSERT_EQUAL((DWORD)(uintptr_t)gs_read(0x68), 1234);
	CU_ASSERT_EQUAL(w32_GetLastError(), 1234);
}

/* The main thread's StackBase is found without /proc/self/maps (from the
 * program name's place at the top of the stack): it is the top
 * pthread_getattr_np finds by reading the maps. */
CU_TEST(k32, main_stack_base_is_pthreads)
{
	pthread_attr_t attr;
	void *lo;
	size_t size;

	CU_ASSERT_EQUAL_FATAL(getpid(), (pid_t)rt_tid()); /* the main thread */
	CU_ASSERT_EQUAL_FATAL(pthread_getattr_np(pthread_self(), &attr), 0);
	pthread_attr_getstack(&attr, &lo, &size);
	pthread_attr_destroy(&attr);
	CU_ASSERT_PTR_EQUAL(gs_read(0x08), (char *)lo + size);
	CU_ASSERT((char *)gs_read(0x10) < (char *)__builtin_frame_address(0));
}

CU_TEST(k32, tls_slots_live_in_teb)
{
	DWORD i = w32_TlsAlloc(), j;

	CU_ASSERT_FATAL(i < 64);
	CU_ASSERT(w32_TlsSetValue(i, (void *)0x55));
	CU_ASSERT_PTR_EQUAL(gs_read(0x1480 + 8 * i), (void *)0x55);
	w32_SetLastError(7);
	CU_ASSERT_PTR_EQUAL(w32_TlsGetValue(i), (void *)0x55);
	CU_ASSERT_EQUAL(w32_GetLastError(), 0); /* cleared on success */
	j = w32_TlsAlloc();
	CU_ASSERT_NOT_EQUAL(i, j);
	CU_ASSERT_PTR_NULL(w32_TlsGetValue(j));
	CU_ASSERT(w32_TlsFree(i));
	CU_ASSERT(w32_TlsFree(j));
	CU_ASSERT(!w32_TlsFree(j));
}

static CRITICAL_SECTION cs;
static int counter;
static HANDLE start;
static DWORD slot;

static DWORD WINAPI worker(void *arg)
{
	w32_WaitForSingleObject(start, INFINITE);
	/* Each thread has its own TEB and slot values. */
	w32_TlsSetValue(slot, arg);
	for (int i = 0; i < 20000; i++) {
		w32_EnterCriticalSection(&cs);
		w32_EnterCriticalSection(&cs); /* recursion */
		counter++;
		w32_LeaveCriticalSection(&cs);
		w32_LeaveCriticalSection(&cs);
	}
	if (w32_TlsGetValue(slot) != arg || gs_read(0x30) != rt_teb())
		return 99;
	return (DWORD)(uintptr_t)arg;
}

CU_TEST(k32, threads_critical_section_event)
{
	HANDLE th[4];
	DWORD code;

	w32_InitializeCriticalSection(&cs);
	slot = w32_TlsAlloc();
	start = w32_CreateEventA(0, TRUE, FALSE, 0);
	for (int i = 0; i < 4; i++) {
		th[i] = w32_CreateThread(0, 0, worker,
					 (void *)(uintptr_t)(10 + i), 0, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(th[i]);
	}
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(th[0], 10), WAIT_TIMEOUT);
	w32_SetEvent(start);
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(4, th, TRUE, INFINITE),
			WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(counter, 80000);
	for (int i = 0; i < 4; i++) {
		CU_ASSERT(w32_GetExitCodeThread(th[i], &code));
		CU_ASSERT_EQUAL(code, 10u + i);
		CU_ASSERT(w32_CloseHandle(th[i]));
	}
	CU_ASSERT(w32_TryEnterCriticalSection(&cs));
	w32_LeaveCriticalSection(&cs);
	w32_CloseHandle(start);
	CU_ASSERT(!w32_CloseHandle(start));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_HANDLE);
	w32_TlsFree(slot);
}

CU_TEST(k32, auto_reset_event_and_semaphore)
{
	HANDLE e = w32_CreateEventA(0, FALSE, TRUE, 0);
	HANDLE s = w32_CreateSemaphoreA(0, 1, 2, 0);
	LONG prev = -1;

	CU_ASSERT_EQUAL(w32_WaitForSingleObject(e, 0), WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(s, 0), WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(s, 0), WAIT_TIMEOUT);
	CU_ASSERT(w32_ReleaseSemaphore(s, 2, &prev));
	CU_ASSERT_EQUAL(prev, 0);
	CU_ASSERT(!w32_ReleaseSemaphore(s, 1, &prev));
	w32_CloseHandle(e);
	w32_CloseHandle(s);
}

CU_TEST(k32, virtual_memory)
{
	MEMORY_BASIC_INFORMATION mbi;
	char *p = w32_VirtualAlloc(0, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
	DWORD old = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL((uintptr_t)p & 0xffff, 0);
	CU_ASSERT(w32_VirtualQuery(p, &mbi, sizeof(mbi)) == sizeof(mbi));
	CU_ASSERT_EQUAL(mbi.State, MEM_RESERVE);
	CU_ASSERT_PTR_EQUAL(
		w32_VirtualAlloc(p, 0x1000, MEM_COMMIT, PAGE_READWRITE), p);
	p[0] = 1;
	w32_VirtualQuery(p, &mbi, sizeof(mbi));
	CU_ASSERT_EQUAL(mbi.State, MEM_COMMIT);
	CU_ASSERT_EQUAL(mbi.Protect, PAGE_READWRITE);
	CU_ASSERT_EQUAL(mbi.RegionSize, 0x1000);
	CU_ASSERT_PTR_EQUAL(mbi.AllocationBase, p);
	CU_ASSERT(w32_VirtualProtect(p, 1, PAGE_READONLY, &old));
	CU_ASSERT_EQUAL(old, PAGE_READWRITE);
	w32_VirtualQuery(p, &mbi, sizeof(mbi));
	CU_ASSERT_EQUAL(mbi.Protect, PAGE_READONLY);
	CU_ASSERT(!w32_VirtualFree(p + 0x1000, 0, MEM_RELEASE));
	CU_ASSERT(w32_VirtualFree(p, 0, MEM_RELEASE));
}

CU_TEST(k32, heap)
{
	HANDLE h = w32_GetProcessHeap();
	char *p = w32_HeapAlloc(h, 8 /* HEAP_ZERO_MEMORY */, 10);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p[9], 0);
	CU_ASSERT_EQUAL(w32_HeapSize(h, 0, p), 10);
	strcpy(p, "heap");
	p = w32_HeapReAlloc(h, 0, p, 5000);
	CU_ASSERT_STRING_EQUAL(p, "heap");
	CU_ASSERT_EQUAL(w32_HeapSize(h, 0, p), 5000);
	CU_ASSERT(w32_HeapFree(h, 0, p));
	CU_ASSERT_PTR_NULL(w32_HeapAlloc((HANDLE)&p, 0, 1)); /* not a heap */
}

/* Bytes the process has allocated: malloc's count, or the sanitizer
 * allocator's when it replaces malloc (mallinfo2 then says nothing). */
#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#include <sanitizer/allocator_interface.h>
static size_t allocated(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
static size_t allocated(void)
{
	struct mallinfo2 m = mallinfo2();

	return m.hblkhd + m.uordblks;
}
#endif

/* HeapDestroy frees the blocks left in the heap. */
CU_TEST(k32, heap_destroy_frees_blocks)
{
	size_t before = allocated();
	HANDLE h = w32_HeapCreate(0, 0, 0);
	char *p[16];

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	for (int i = 0; i < 16; i++)
		CU_ASSERT_PTR_NOT_NULL_FATAL(p[i] = w32_HeapAlloc(h, 0, 256 << 10));
	p[3] = w32_HeapReAlloc(h, 0, p[3], 512 << 10);
	CU_ASSERT(w32_HeapValidate(h, 0, p[3]));
	CU_ASSERT(w32_HeapValidate(h, 0, 0));
	CU_ASSERT(!w32_HeapValidate(h, 0, p[3] + 16));
	CU_ASSERT(allocated() >= before + (17u << 18));
	CU_ASSERT(w32_HeapDestroy(h));
	CU_ASSERT(allocated() <= before + 4096);
}

CU_TEST(k32, files)
{
	char dir[] = "/tmp/rt-k32-XXXXXX", path[64], buf[32];
	HANDLE h;
	DWORD n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	sprintf(path, "Z:%s\\f.dat", dir);
	for (char *c = path + 2; *c; c++)
		if (*c == '/')
			*c = '\\';
	h = w32_CreateFileA(path, 0x40000000 | 0x80000000, 0, 0, 2, 0, 0);
	CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
	CU_ASSERT_EQUAL(w32_GetLastError(), 0);
	CU_ASSERT(w32_WriteFile(h, "hello", 5, &n, 0));
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_EQUAL(w32_GetFileSize(h, 0), 5);
	CU_ASSERT_EQUAL(w32_SetFilePointer(h, 1, 0, 0), 1);
	CU_ASSERT(w32_ReadFile(h, buf, sizeof(buf), &n, 0));
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(memcmp(buf, "ello", 4), 0);
	CU_ASSERT(w32_CloseHandle(h));
	h = w32_CreateFileA(path, 0x40000000, 0, 0, 1 /* CREATE_NEW */, 0, 0);
	CU_ASSERT(h == INVALID_HANDLE_VALUE);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_FILE_EXISTS);
	h = w32_CreateFileA("Z:\\no\\such\\file", 0x80000000, 0, 0, 3, 0, 0);
	CU_ASSERT(h == INVALID_HANDLE_VALUE);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_PATH_NOT_FOUND);
	sprintf(path, "%s/f.dat", dir);
	unlink(path);
	rmdir(dir);
}

CU_TEST(k32, code_pages)
{
	/* "aé€😀": 1, 2, 3 and 4 UTF-8 bytes; the last is a surrogate pair. */
	const char *u8 = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	WCHAR w[16];
	char back[32];
	int n;

	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(65001, 0, u8, -1, 0, 0), 6);
	n = w32_MultiByteToWideChar(65001, 0, u8, -1, w, 16);
	CU_ASSERT_EQUAL(n, 6);
	CU_ASSERT(w[0] == 'a' && w[1] == 0xe9 && w[2] == 0x20ac &&
		  w[3] == 0xd83d && w[4] == 0xde00 && w[5] == 0);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(65001, 0, w, -1, 0, 0, 0, 0),
			11);
	n = w32_WideCharToMultiByte(65001, 0, w, -1, back, 32, 0, 0);
	CU_ASSERT_EQUAL(n, 11);
	CU_ASSERT_STRING_EQUAL(back, u8);
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(65001, 8, "a\xff", 2, w, 16),
			0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(65001, 0, "a\xff", 2, w, 16),
			2);
	CU_ASSERT_EQUAL(w[1], 0xfffd);
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(65001, 0, u8, -1, w, 2), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	/* Windows-1252's 0x80 is the euro sign. */
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(1252, 0, "\x80", 1, w, 16), 1);
	CU_ASSERT_EQUAL(w[0], 0x20ac);
}

/* The generated tables keep the order the lookups' binary searches need,
 * and each page's own characters convert back to their bytes. */
CU_TEST(k32, code_page_tables)
{
	for (unsigned i = 0; i < rt_ncodepages; i++) {
		const struct rt_codepage *p = &rt_codepages[i];
		int exact, ordered = 1, back = 1;

		CU_ASSERT(i == 0 || rt_codepages[i - 1].cp < p->cp);
		CU_ASSERT_PTR_EQUAL(rt_codepage(p->cp), p);
		for (unsigned k = 1; k < p->nwc; k++)
			ordered &= rt_cp_units_of(p)[k - 1].wc <
				   rt_cp_units_of(p)[k].wc;
		for (unsigned k = 1; k < p->nglyph; k++)
			ordered &= rt_cp_glyphs_of(p)[k - 1].b <
				   rt_cp_glyphs_of(p)[k].b;
		for (unsigned k = 1; k < p->ndecomp; k++)
			ordered &= rt_cp_decomps(p)[k - 1].code <
				   rt_cp_decomps(p)[k].code;
		CU_ASSERT(ordered);
		/* Every character of the page (not the default one that the
		 * undefined two-byte codes give) converts back to a code that
		 * converts to it. */
		for (unsigned code = 0; code < 0x10000; code++) {
			WCHAR c;

			if (code < 0x100 ? rt_cp_is_lead(p, (BYTE)code)
					 : !rt_cp_row(p, (BYTE)(code >> 8)) ||
						   !(code & 0xff))
				continue;
			c = rt_cp_decode(p, code, 0);
			if (code > 0xff && c == p->unidef)
				continue;
			/* EUC-JP's bytes 0x80-0xa0 and 0xff convert to
			 * UTF-16 one way only (Wine's table says so). */
			if (p->cp == 20932 && code >= 0x80 &&
			    (code <= 0xa0 || code == 0xff))
				continue;
			back &= rt_cp_decode(p, rt_cp_encode(p, c, &exact), 0) ==
					c &&
				exact;
		}
		CU_ASSERT(back);
	}
	CU_ASSERT_PTR_NULL(rt_codepage(65000)); /* not a table */
	CU_ASSERT_PTR_NULL(rt_codepage(65001));
}

CU_TEST(k32, double_byte_pages)
{
	const struct rt_codepage *p = rt_codepage(932);
	static const WCHAR nihon[] = {0x65e5, 0x672c, 'a'};
	const unsigned char *s = (const unsigned char *)"\x93\xfa\x81";
	unsigned code;
	WCHAR w[8];
	char b[8];
	int exact;

	CU_ASSERT_FATAL(p != 0);
	CU_ASSERT(rt_cp_is_lead(p, 0x81) && !rt_cp_is_lead(p, 0xb1));
	CU_ASSERT_EQUAL(rt_cp_next(p, s, 3, &code), 2);
	CU_ASSERT_EQUAL(code, 0x93fa);
	CU_ASSERT_EQUAL(rt_cp_decode(p, code, 0), 0x65e5);
	/* A lead byte without its trail byte: the default character, which
	 * MB_ERR_INVALID_CHARS refuses. */
	CU_ASSERT_EQUAL(rt_cp_next(p, s + 2, 1, &code), 1);
	CU_ASSERT_EQUAL(rt_cp_decode(p, code, 0), 0x30fb);
	CU_ASSERT(rt_cp_invalid(p, code));
	CU_ASSERT(!rt_cp_invalid(p, 0x8145)); /* U+30FB's own code */
	CU_ASSERT(rt_cp_invalid(p, 0x8120));
	CU_ASSERT_EQUAL(rt_cp_encode(p, 0x4e00, &exact), 0x88ea);
	CU_ASSERT(exact);
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(932, 0, (const char *)s, 3, w,
						8), 2);
	CU_ASSERT(w[0] == 0x65e5 && w[1] == 0x30fb);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(932, 0, nihon, 3, b, 8, 0, 0),
			5);
	CU_ASSERT(memcmp(b, "\x93\xfa\x96\x7b" "a", 5) == 0);
	/* No room for the second byte of a character: none of it. */
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(932, 0, nihon, 3, b, 3, 0, 0),
			0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

CU_TEST(k32, single_byte_pages)
{
	const struct rt_codepage *p437 = rt_codepage(437);
	const struct rt_codepage *p1252 = rt_codepage(1252);
	static const WCHAR amacron[] = {0x0101}, cjk[] = {0x4e00};
	WCHAR w[8], d[RT_CP_MAX_DECOMP];
	char s[8];
	BOOL used = 5;
	int exact;

	CU_ASSERT_FATAL(p437 && p1252);
	/* 437's control bytes are pictures with MB_USEGLYPHCHARS. */
	CU_ASSERT_EQUAL(rt_cp_decode(p437, 0x01, 0), 0x0001);
	CU_ASSERT_EQUAL(rt_cp_decode(p437, 0x01, 1), 0x263a);
	CU_ASSERT_EQUAL(rt_cp_decode(p437, 0x82, 0), 0x00e9);
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(437, 0x4 /* MB_USEGLYPHCHARS */,
						"\x7f\x82", 2, w, 8), 2);
	CU_ASSERT(w[0] == 0x2302 && w[1] == 0x00e9);
	/* Best fit: U+0101 is 'a' in 1252, unless WC_NO_BEST_FIT_CHARS. */
	CU_ASSERT_EQUAL(rt_cp_encode(p1252, 0x0101, &exact), 'a');
	CU_ASSERT(!exact);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0, amacron, 1, s, 8, 0,
						&used), 1);
	CU_ASSERT(s[0] == 'a' && !used);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0x400 /* no best fit */,
						amacron, 1, s, 8, "#", &used),
			1);
	CU_ASSERT(s[0] == '#' && used);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0, cjk, 1, s, 8, 0,
						&used), 1);
	CU_ASSERT(s[0] == '?' && used);
	/* MB_COMPOSITE: e acute and its combining accent. */
	CU_ASSERT_EQUAL(rt_cp_decompose(p1252, 0xe9, 0, d), 2);
	CU_ASSERT(d[0] == 'e' && d[1] == 0x0301);
	/* 874's undefined bytes are refused by MB_ERR_INVALID_CHARS. */
	CU_ASSERT(rt_cp_invalid(rt_codepage(874), 0xdb));
	CU_ASSERT(!rt_cp_invalid(p1252, 0x81));
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(874, 0x8 /* ERR_INVALID */,
						"\xdb", 1, w, 8), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
}

/* UTF-7 as Windows writes it: the direct characters, "+-", a run ended
 * by '-' even before a character that could end it alone; bytes outside
 * UTF-7 kept; no flag taken; the padded last character only with room
 * for the '-'. */
CU_TEST(k32, utf7)
{
	static const WCHAR text[] = {'H', 'i', ' ', 0x263a, '!', '+', 0xd83d,
				     0xde00, '.', 0};
	static const char utf7[] = "Hi +JjoAIQ-+-+2D3eAA-.";
	WCHAR w[32];
	char s[32];
	int overflow;

	CU_ASSERT(w32_IsValidCodePage(65000));
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(65000, 0, text, -1, 0, 0, 0, 0),
			(int)sizeof utf7);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(65000, 0, text, -1, s, 32, 0, 0),
			(int)sizeof utf7);
	CU_ASSERT_STRING_EQUAL(s, utf7);
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(65000, 0, s, -1, w, 32), 10);
	CU_ASSERT(!memcmp(w, text, sizeof text));
	/* Invalid input: a high byte is itself, bits left over dropped, a
	 * lone '+' nothing. */
	CU_ASSERT_EQUAL(rt_utf7_to_utf16((const unsigned char *)"\xe9+AOl+",
					 6, w, 32, &overflow), 2);
	CU_ASSERT(w[0] == 0xe9 && w[1] == 0xe9 && !overflow);
	/* "+Jjo-" does not fit 4 bytes: "+Jj", the 'o' needs room for '-'. */
	memset(s, '#', sizeof s);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(65000, 0, text + 3, 1, s, 4, 0,
						0), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	CU_ASSERT(!memcmp(s, "+Jj#", 4));
	CU_ASSERT_EQUAL(w32_MultiByteToWideChar(65000, 0x8, "a", 1, w, 32), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), 1004 /* ERROR_INVALID_FLAGS */);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(65000, 0, text, 1, s, 32, "?",
						0), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
}

/* WC_COMPOSITECHECK: e and U+0301 are 1252's 0xe9; alpha and U+0301 are
 * not in 1252: the default character, alpha's best fit alone, or both. */
CU_TEST(k32, composite_check)
{
	static const WCHAR e[] = {'e', 0x0301}, alpha[] = {0x03b1, 0x0301};
	char s[8];
	BOOL used = 5;
	int ordered = 1;

	for (unsigned i = 1; i < rt_ncp_pairs; i++)
		ordered &= (rt_cp_pairs[i - 1].a << 16 | rt_cp_pairs[i - 1].b) <
			   (rt_cp_pairs[i].a << 16 | rt_cp_pairs[i].b);
	CU_ASSERT(ordered);
	CU_ASSERT_EQUAL(rt_cp_compose('e', 0x0301), 0xe9);
	CU_ASSERT_EQUAL(rt_cp_compose(0x1100, 0x1161), 0);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0x200, e, 2, s, 8, 0, 0),
			1);
	CU_ASSERT_EQUAL((unsigned char)s[0], 0xe9);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0x240, alpha, 2, s, 8,
						"*", &used), 1);
	CU_ASSERT(s[0] == '*' && used);
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0x210, alpha, 2, s, 8, 0,
						0), 1);
	CU_ASSERT_EQUAL(s[0], 'a');
	CU_ASSERT_EQUAL(w32_WideCharToMultiByte(1252, 0x220, alpha, 2, s, 8, 0,
						0), 2);
	CU_ASSERT(s[0] == 'a' && (unsigned char)s[1] == 0xb4);
}

CU_TEST(k32, environment)
{
	char buf[16];

	CU_ASSERT(w32_SetEnvironmentVariableA("RT_UNIT_VAR", "value"));
	CU_ASSERT_EQUAL(w32_GetEnvironmentVariableA("rt_unit_var", buf, 16), 5);
	CU_ASSERT_STRING_EQUAL(buf, "value");
	CU_ASSERT_EQUAL(w32_GetEnvironmentVariableA("RT_UNIT_VAR", buf, 3), 6);
	CU_ASSERT(w32_SetEnvironmentVariableA("RT_UNIT_VAR", 0));
	CU_ASSERT_EQUAL(w32_GetEnvironmentVariableA("RT_UNIT_VAR", buf, 16), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_ENVVAR_NOT_FOUND);
}

CU_TEST(k32, command_line_like_wine)
{
	char *argv[] = {
		"/tmp/x.exe", "plain", "two words", "q\"uote", "back\\\\",
		"",	      0};
	char **split;
	int argc = 0;

	unsetenv("DLLSHARE_CMDLINE");
	rt_set_args(6, argv, "/tmp/x.exe");
	CU_ASSERT_STRING_EQUAL(w32_GetCommandLineA(),
			       "\"Z:\\tmp\\x.exe\" plain \"two words\" "
			       "q\\\"uote back\\\\ \"\"");
	CU_ASSERT_EQUAL(rt_argc, 6);
	CU_ASSERT_STRING_EQUAL(rt_argv[0], "Z:\\tmp\\x.exe");
	CU_ASSERT_STRING_EQUAL(rt_argv[2], "two words");
	CU_ASSERT_STRING_EQUAL(rt_argv[3], "q\"uote");
	CU_ASSERT_STRING_EQUAL(rt_argv[4], "back\\\\");
	CU_ASSERT_STRING_EQUAL(rt_argv[5], "");
	split = rt_split_cmdline("a\\\\\\\"b \"c \"\"d\"\" e\" f\\g", &argc);
	CU_ASSERT_EQUAL_FATAL(argc, 3);
	CU_ASSERT_STRING_EQUAL(split[0], "a\\\"b");
	CU_ASSERT_STRING_EQUAL(split[1], "c \"d\" e");
	CU_ASSERT_STRING_EQUAL(split[2], "f\\g");
	free(split);
}

CU_TEST(k32, builtin_tables)
{
	const struct ld_host *h = rt_host();
	static const char *const crt_startup[] = {
		"__getmainargs",
		"__iob_func",
		"_initterm",
		"_onexit",
		"_acmdln",
		"_fmode",
		"_commode",
		"__initenv",
		"__C_specific_handler",
		"___lc_codepage_func",
		"vfprintf",
		"fwrite",
		"localeconv",
	};
	const struct ld_builtin_module *crt = 0;

	CU_ASSERT_PTR_NOT_NULL(h->thread_init);
	CU_ASSERT_PTR_NOT_NULL(h->call_entry);
	CU_ASSERT_PTR_NOT_NULL(h->call_dllmain);
	for (size_t m = 0; m < h->nbuiltins; m++) {
		const struct ld_builtin_module *b = &h->builtins[m];

		/* Sorted, no duplicates. */
		for (size_t i = 1; i < b->nexports; i++)
			CU_ASSERT(strcmp(ld_export_name(b, i - 1),
					 ld_export_name(b, i)) < 0);
		if (!strcmp(b->name, "msvcrt.dll"))
			crt = b;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(crt);
	for (size_t k = 0; k < sizeof(crt_startup) / sizeof(*crt_startup);
	     k++) {
		int found = 0;

		for (size_t i = 0; i < crt->nexports; i++)
			found |=
				!strcmp(ld_export_name(crt, i), crt_startup[k]) &&
				ld_export_addr(crt, i);
		CU_ASSERT(found);
	}
}


static void __attribute__((noinline)) jump_from_deep(void *buf, int depth)
{
	if (depth <= 0)
		w32_longjmp(buf, 0); /* 0 arrives as 1 */
	if (depth < 100)
		jump_from_deep(buf, depth - 1);
	__asm__ volatile("" ::: "memory"); /* not a tail call */
}

CU_TEST(k32, setjmp_longjmp)
{
	static uint8_t buf[256] __attribute__((aligned(16)));
	volatile int rounds = 0;
	int r = w32__setjmp(buf, 0);

	rounds++;
	if (r == 0)
		jump_from_deep(buf, 5);
	CU_ASSERT_EQUAL(r, 1);
	CU_ASSERT_EQUAL(rounds, 2);
}

CU_TEST(k32, capture_context)
{
	static uint64_t ctx[0x4d0 / 8] __attribute__((aligned(16)));
	uint64_t here = (uint64_t)__builtin_frame_address(0);

	w32_RtlCaptureContext((W_CONTEXT *)ctx);
	/* Rsp (0x98) lies in this frame, Rip (0xf8) in this function's code
	 * near the call, ContextFlags (0x30) says what was captured. */
	CU_ASSERT(ctx[0x98 / 8] <= here && ctx[0x98 / 8] > here - 4096);
	CU_ASSERT(ctx[0xf8 / 8] > (uint64_t)capture_context &&
		  ctx[0xf8 / 8] < (uint64_t)capture_context + 4096);
	CU_ASSERT_EQUAL(((uint32_t *)ctx)[0x30 / 4] & 0x100000, 0x100000);
}

static HANDLE tls_set_ev, tls_go_ev;
static DWORD tls_idx;

static DWORD WINAPI tls_holder(void *arg)
{
	w32_TlsSetValue(tls_idx, (void *)0x77);
	w32_SetEvent(tls_set_ev);
	w32_WaitForSingleObject(tls_go_ev, INFINITE);
	return (DWORD)(uintptr_t)w32_TlsGetValue(tls_idx);
}

CU_TEST(k32, tls_free_clears_every_thread)
{
	HANDLE th;
	DWORD code = 1, again;

	tls_idx = w32_TlsAlloc();
	tls_set_ev = w32_CreateEventA(0, TRUE, FALSE, 0);
	tls_go_ev = w32_CreateEventA(0, TRUE, FALSE, 0);
	th = w32_CreateThread(0, 0, tls_holder, 0, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(th);
	w32_WaitForSingleObject(tls_set_ev, INFINITE);
	CU_ASSERT(w32_TlsFree(tls_idx));
	again = w32_TlsAlloc();
	CU_ASSERT_EQUAL(again, tls_idx); /* the lowest free index */
	w32_SetEvent(tls_go_ev);
	w32_WaitForSingleObject(th, INFINITE);
	CU_ASSERT(w32_GetExitCodeThread(th, &code));
	CU_ASSERT_EQUAL(code, 0);
	w32_CloseHandle(th);
	w32_CloseHandle(tls_set_ev);
	w32_CloseHandle(tls_go_ev);
	w32_TlsFree(again);
}


CU_TEST(k32, filetime_conversions)
{
	/* 2001-09-09 01:46:40.123 UTC is Unix time 1000000000.123. */
	uint64_t v =
		116444736000000000ull + 1000000000ull * 10000000u + 1230000u;
	FILETIME ft = {(DWORD)v, (DWORD)(v >> 32)}, back;
	SYSTEMTIME st;

	CU_ASSERT(w32_FileTimeToSystemTime(&ft, &st));
	CU_ASSERT(st.wYear == 2001 && st.wMonth == 9 && st.wDay == 9 &&
		  st.wHour == 1 && st.wMinute == 46 && st.wSecond == 40 &&
		  st.wMilliseconds == 123 && st.wDayOfWeek == 0);
	CU_ASSERT(w32_SystemTimeToFileTime(&st, &back));
	CU_ASSERT_EQUAL(back.dwLowDateTime, ft.dwLowDateTime);
	CU_ASSERT_EQUAL(back.dwHighDateTime, ft.dwHighDateTime);
	st.wMonth = 13;
	CU_ASSERT(!w32_SystemTimeToFileTime(&st, &back));
}

CU_TEST(k32, format_message)
{
	char buf[64];

	CU_ASSERT_EQUAL(w32_FormatMessageA(0x1000 | 0x200, 0, 2, 0, buf,
					   sizeof(buf), 0),
			17);
	CU_ASSERT_STRING_EQUAL(buf, "File not found.\r\n");
	CU_ASSERT_EQUAL(
		w32_FormatMessageA(0x1000, 0, 99999, 0, buf, sizeof(buf), 0),
		0);
	CU_ASSERT_EQUAL(w32_GetLastError(), 317); /* ERROR_MR_MID_NOT_FOUND */
}

CU_TEST(k32, aligned_malloc)
{
	void *p = w32__aligned_malloc(100, 256);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL((uintptr_t)p % 256, 0);
	memset(p, 1, 100);
	w32__aligned_free(p);
	CU_ASSERT_PTR_NULL(w32__aligned_malloc(10, 3)); /* not a power of 2 */
}

CU_TEST(k32, anonymous_mapping_shared_between_views)
{
	HANDLE m = w32_CreateFileMappingA(INVALID_HANDLE_VALUE, 0,
					  PAGE_READWRITE, 0, 0x10000, 0);
	char *a, *b, *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	a = w32_MapViewOfFile(m, 2 /* FILE_MAP_WRITE */, 0, 0, 0);
	b = w32_MapViewOfFile(m, 4 /* FILE_MAP_READ */, 0, 0, 0x1000);
	c = w32_MapViewOfFile(m, 1 /* FILE_MAP_COPY */, 0, 0, 0x1000);
	CU_ASSERT_FATAL(a && b && c && a != b);
	a[10] = 'x';
	CU_ASSERT_EQUAL(b[10], 'x'); /* one object, two views */
	c[10] = 'y';
	CU_ASSERT_EQUAL(a[10], 'x'); /* the copy view is private */
	CU_ASSERT(w32_UnmapViewOfFile(a));
	CU_ASSERT(w32_UnmapViewOfFile(b));
	CU_ASSERT(w32_UnmapViewOfFile(c));
	CU_ASSERT(!w32_UnmapViewOfFile(c));
	CU_ASSERT(w32_CloseHandle(m));
}

static int once_runs;

static BOOL WINAPI once_body(W_INIT_ONCE *o, void *param, void **ctx)
{
	once_runs++;
	return TRUE;
}

CU_TEST(k32, srw_lock_and_init_once)
{
	W_SRWLOCK l = {0};
	W_INIT_ONCE once = {0};

	w32_AcquireSRWLockExclusive(&l);
	CU_ASSERT(!w32_TryAcquireSRWLockShared(&l));
	CU_ASSERT(!w32_TryAcquireSRWLockExclusive(&l));
	w32_ReleaseSRWLockExclusive(&l);
	CU_ASSERT(w32_TryAcquireSRWLockShared(&l));
	CU_ASSERT(w32_TryAcquireSRWLockShared(&l)); /* readers share */
	CU_ASSERT(!w32_TryAcquireSRWLockExclusive(&l));
	w32_ReleaseSRWLockShared(&l);
	w32_ReleaseSRWLockShared(&l);
	CU_ASSERT(w32_TryAcquireSRWLockExclusive(&l));
	w32_ReleaseSRWLockExclusive(&l);
	CU_ASSERT(w32_InitOnceExecuteOnce(&once, once_body, 0, 0));
	CU_ASSERT(w32_InitOnceExecuteOnce(&once, once_body, 0, 0));
	CU_ASSERT_EQUAL(once_runs, 1);
}


#define MANY_HANDLES 8192 /* more than the table holds */

/* A full handle table: what fails must give back what it took.  Before
 * the fix, CreatePipe kept the read handle it made when the write handle
 * did not fit, and DuplicateHandle kept its reference (and so the fd). */
CU_TEST(k32, handle_table_full_leaks_nothing)
{
	static HANDLE hs[MANY_HANDLES];
	HANDLE rd = 0, wr = 0, dup = (HANDLE)1, ev;
	struct rt_object *o;
	int n = 0, fd;

	CU_ASSERT_FATAL(w32_CreatePipe(&rd, &wr, 0, 0));
	o = rt_handle_get(wr, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	fd = o->fd;
	rt_object_put(o);
	while (n < MANY_HANDLES && (hs[n] = w32_CreateEventA(0, 1, 0, 0)))
		n++;
	CU_ASSERT_FATAL(n > 0 && n < MANY_HANDLES);
	CU_ASSERT(w32_CloseHandle(hs[--n])); /* exactly one slot free */

	CU_ASSERT(!w32_CreatePipe(&hs[n], &ev, 0, 0));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_TOO_MANY_OPEN_FILES);
	ev = w32_CreateEventA(0, 1, 0, 0); /* the slot is free again */
	CU_ASSERT_PTR_NOT_NULL(ev);
	CU_ASSERT(!w32_DuplicateHandle((HANDLE)-1, wr, (HANDLE)-1, &dup, 0, 0,
				       0));
	CU_ASSERT_PTR_NULL(dup);
	CU_ASSERT(w32_CloseHandle(wr)); /* the last reference: fd closed */
	CU_ASSERT_EQUAL(fcntl(fd, F_GETFD), -1);
	CU_ASSERT(w32_CloseHandle(rd));
	if (ev)
		CU_ASSERT(w32_CloseHandle(ev));
	while (n > 0)
		CU_ASSERT(w32_CloseHandle(hs[--n]));
}


/* Generic rights become each type's own, as Windows maps them (values
 * read with NtQueryObject under Wine); MAXIMUM_ALLOWED is every right, a
 * query right implies its limited form. */
CU_TEST(k32, access_map_generic_rights)
{
	CU_ASSERT_EQUAL(rt_access_map(RT_H_FILE, GENERIC_READ), 0x120089);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_FILE, GENERIC_WRITE | 0x80),
			0x120196);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_FILE, FILE_WRITE_DATA), 2);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_EVENT, GENERIC_EXECUTE), 0x120000);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_EVENT, 0xffffffff), 0x1f0003);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_EVENT, GENERIC_ALL | 0x80),
			0x1f0083);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_MUTEX, GENERIC_WRITE), 0x20000);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_SEMAPHORE, MAXIMUM_ALLOWED),
			0x1f0003);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_PROCESS, GENERIC_WRITE), 0x22bea);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_PROCESS, 0x400), 0x1400);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_THREAD, GENERIC_READ), 0x20848);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_MAPPING, GENERIC_ALL), 0xf001f);
	CU_ASSERT_EQUAL(rt_access_map(RT_H_KEY, GENERIC_EXECUTE), 0x20039);
}

/* A handle grants what it was made with: Create* every right, a
 * duplicate what it asked, or the source's with DUPLICATE_SAME_ACCESS;
 * lacking a right is ERROR_ACCESS_DENIED, no handle (or the wrong type)
 * ERROR_INVALID_HANDLE. */
CU_TEST(k32, handle_grants_its_access)
{
	HANDLE ev = w32_CreateEventA(0, 1, 0, 0), d = 0, d2 = 0;
	struct rt_object *o;
	DWORD a = 0;

	CU_ASSERT_FATAL(ev != 0);
	CU_ASSERT_EQUAL(rt_handle_access(ev, &a), 0);
	CU_ASSERT_EQUAL(a, 0x1f0003);
	CU_ASSERT_FATAL(w32_DuplicateHandle((HANDLE)-1, ev, (HANDLE)-1, &d,
					    GENERIC_READ, 0, 0));
	CU_ASSERT_EQUAL(rt_handle_access(d, &a), 0);
	CU_ASSERT_EQUAL(a, 0x20001);
	CU_ASSERT_FATAL(w32_DuplicateHandle((HANDLE)-1, d, (HANDLE)-1, &d2,
					    GENERIC_ALL, 0, 2));
	CU_ASSERT_EQUAL(rt_handle_access(d2, &a), 0);
	CU_ASSERT_EQUAL(a, 0x20001);
	w32_SetLastError(0);
	CU_ASSERT_PTR_NULL(
		rt_handle_get_access(d2, RT_H_EVENT, EVENT_MODIFY_STATE));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_ACCESS_DENIED);
	CU_ASSERT_PTR_NULL(rt_handle_get_access(d2, RT_H_MUTEX, 0));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_HANDLE);
	o = rt_handle_get_access(ev, RT_H_EVENT,
				 EVENT_MODIFY_STATE | SYNCHRONIZE);
	CU_ASSERT_PTR_NOT_NULL(o);
	if (o)
		rt_object_put(o);
	CU_ASSERT(!w32_SetEvent(d2));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_ACCESS_DENIED);
	CU_ASSERT_EQUAL(rt_handle_set_access(d2, EVENT_MODIFY_STATE), 0);
	CU_ASSERT(w32_SetEvent(d2));
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(d2, 0), WAIT_FAILED);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_ACCESS_DENIED);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	CU_ASSERT(w32_CloseHandle(d2));
	CU_ASSERT(w32_CloseHandle(d));
	CU_ASSERT(w32_CloseHandle(ev));
	CU_ASSERT_EQUAL(rt_handle_access(ev, &a), -1);
}

static DWORD flags_of(HANDLE h)
{
	DWORD f = 0xdead;

	return w32_GetHandleInformation(h, &f) ? f : 0xdead;
}

/* The attributes belong to each handle: SECURITY_ATTRIBUTES and
 * DuplicateHandle's inherit set them, SetHandleInformation changes the
 * bits of its mask only, and a protected handle survives CloseHandle
 * (ERROR_INVALID_HANDLE) and DUPLICATE_CLOSE_SOURCE. */
CU_TEST(k32, handle_attributes)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), 0, TRUE};
	HANDLE rd, wr, dup;

	CU_ASSERT_FATAL(w32_CreatePipe(&rd, &wr, &sa, 0));
	CU_ASSERT_EQUAL(flags_of(rd), HANDLE_FLAG_INHERIT);
	CU_ASSERT_FATAL(w32_DuplicateHandle((HANDLE)-1, wr, (HANDLE)-1, &dup,
					    0, FALSE, 0));
	CU_ASSERT_EQUAL(flags_of(dup), 0);
	CU_ASSERT(w32_SetHandleInformation(dup, 0xff, 0xff));
	CU_ASSERT_EQUAL(flags_of(dup),
			HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE);
	CU_ASSERT(w32_SetHandleInformation(dup, HANDLE_FLAG_INHERIT, 0));
	CU_ASSERT_EQUAL(flags_of(dup), HANDLE_FLAG_PROTECT_FROM_CLOSE);
	CU_ASSERT(!w32_CloseHandle(dup));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_HANDLE);
	CU_ASSERT(w32_DuplicateHandle((HANDLE)-1, dup, (HANDLE)-1, 0, 0, 0,
				      1 /* DUPLICATE_CLOSE_SOURCE */));
	CU_ASSERT_EQUAL(flags_of(dup), HANDLE_FLAG_PROTECT_FROM_CLOSE);
	CU_ASSERT(w32_SetHandleInformation(dup, HANDLE_FLAG_PROTECT_FROM_CLOSE,
					   0));
	CU_ASSERT(w32_CloseHandle(dup));
	CU_ASSERT_EQUAL(flags_of(dup), 0xdead);
	CU_ASSERT(!w32_SetHandleInformation((HANDLE)-1, 1, 1));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_ACCESS_DENIED);
	CU_ASSERT_EQUAL(flags_of((HANDLE)-2), 0);
	CU_ASSERT(w32_CloseHandle(rd));
	CU_ASSERT(w32_CloseHandle(wr));
}

/* What a parent hands a child: every inheritable handle, grouped by
 * object (two handles of one pipe end: one f word, one fd, a duplicate
 * of the pipe's, close-on-exec until the fork child keeps it); an
 * inheritable event refuses the whole request. */
CU_TEST(k32, inherit_prepare)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), 0, TRUE};
	struct rt_k32_inherit ci;
	HANDLE rd, wr, dup, ev;
	struct rt_object *o;
	struct stat a, b;
	char word[64];
	const char *f = 0, *hw, *hd, *e;
	int fd, kept;

	CU_ASSERT_FATAL(w32_CreatePipe(&rd, &wr, 0, 0));
	CU_ASSERT_FATAL(w32_DuplicateHandle((HANDLE)-1, wr, (HANDLE)-1, &dup,
					    0, TRUE, 0));
	CU_ASSERT(w32_SetHandleInformation(wr, HANDLE_FLAG_INHERIT,
					   HANDLE_FLAG_INHERIT));
	o = rt_handle_get(wr, RT_H_FILE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	fd = o->fd;
	rt_object_put(o);
	CU_ASSERT_FATAL(rt_k32_inherit_prepare("test", TRUE, 0, &ci));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ci.handles_env);
	snprintf(word, sizeof(word), " h%llu,1 ",
		 (unsigned long long)(uintptr_t)wr);
	hw = strstr(ci.handles_env, word);
	snprintf(word, sizeof(word), " h%llu,1 ",
		 (unsigned long long)(uintptr_t)dup);
	hd = strstr(ci.handles_env, word);
	CU_ASSERT_FATAL(hw && hd);
	snprintf(word, sizeof(word), "h%llu,",
		 (unsigned long long)(uintptr_t)rd);
	CU_ASSERT_PTR_NULL(strstr(ci.handles_env, word));
	/* Both handles follow the pipe's one object word (the standard
	 * handles, inheritable too, have theirs). */
	for (const char *p = ci.handles_env; (p = strstr(p, " f")) &&
					     p < (hw < hd ? hw : hd);
	     p++)
		f = p;
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	e = strstr(f + 1, " f");
	CU_ASSERT(!e || e > (hw > hd ? hw : hd));
	kept = atoi(f + 2);
	CU_ASSERT(kept > 2 && kept != fd);
	CU_ASSERT_EQUAL(fcntl(kept, F_GETFD), FD_CLOEXEC);
	CU_ASSERT(fstat(kept, &a) == 0 && fstat(fd, &b) == 0 &&
		  a.st_ino == b.st_ino);
	rt_k32_inherit_release(&ci);
	CU_ASSERT_EQUAL(fcntl(kept, F_GETFD), -1); /* closed after the fork */

	/* An event made inheritable after its creation lives in this
	 * process only (one created inheritable is shared memory). */
	ev = w32_CreateEventA(0, 0, 0, 0);
	CU_ASSERT(w32_SetHandleInformation(ev, HANDLE_FLAG_INHERIT,
					   HANDLE_FLAG_INHERIT));
	CU_ASSERT(!rt_k32_inherit_prepare("test", TRUE, 0, &ci));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_NOT_SUPPORTED);
	CU_ASSERT(rt_k32_inherit_prepare("test", FALSE, 0, &ci));
	rt_k32_inherit_release(&ci);
	CU_ASSERT(w32_CloseHandle(ev));
	CU_ASSERT(w32_CloseHandle(dup));
	CU_ASSERT(w32_CloseHandle(wr));
	CU_ASSERT(w32_CloseHandle(rd));
}

/* What a child takes: each handle at its value and attributes, one object
 * for the handles of one fd, the standard handle named, the fds
 * close-on-exec again; a word whose fd is not above 2 is skipped; the
 * variable leaves the environment. */
CU_TEST(k32, inherit_take)
{
	HANDLE out = w32_GetStdHandle((DWORD)-11), a = (HANDLE)4000,
	       b = (HANDLE)4004, bad = (HANDLE)4008;
	int p[2];
	char env[256];
	struct rt_object *x, *y;
	DWORD n;

	CU_ASSERT_FATAL(pipe(p) == 0);
	snprintf(env, sizeof(env), "f%d,-1,0 h%llu,1 h%llu,3 s1,%llu f1,-1,0 "
		 "h%llu,1",
		 p[1], (unsigned long long)(uintptr_t)a,
		 (unsigned long long)(uintptr_t)b,
		 (unsigned long long)(uintptr_t)a,
		 (unsigned long long)(uintptr_t)bad);
	setenv("DLLSHARE_HANDLES", env, 1);
	rt_k32_inherit_take();
	CU_ASSERT_PTR_NULL(getenv("DLLSHARE_HANDLES"));
	CU_ASSERT_EQUAL(flags_of(a), HANDLE_FLAG_INHERIT);
	CU_ASSERT_EQUAL(flags_of(b), 3);
	CU_ASSERT_EQUAL(flags_of(bad), 0xdead);
	CU_ASSERT_EQUAL(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	CU_ASSERT(w32_GetStdHandle((DWORD)-11) == a);
	x = rt_handle_get(a, RT_H_FILE);
	y = rt_handle_get(b, RT_H_FILE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT(x == y);
	rt_object_put(x);
	rt_object_put(y);
	CU_ASSERT(w32_WriteFile(b, "ok", 2, &n, 0));
	CU_ASSERT_EQUAL(read(p[0], env, sizeof(env)), 2);
	w32_SetStdHandle((DWORD)-11, out);
	CU_ASSERT(w32_SetHandleInformation(b, 3, 0));
	CU_ASSERT(w32_CloseHandle(a));
	CU_ASSERT(w32_CloseHandle(b)); /* the last handle: the fd goes */
	CU_ASSERT_EQUAL(fcntl(p[1], F_GETFD), -1);
	close(p[0]);
}

/* A result longer than the 4096 bytes the wide forms used to convert
 * through: they converted a buffer the narrow form had not written. */
CU_TEST(k32, long_temp_path_wide)
{
	static char dir[6000];
	static WCHAR w[6000];
	const char *old = getenv("TMPDIR");
	char *saved = old ? strdup(old) : 0;
	DWORD n, m;

	dir[0] = '/';
	memset(dir + 1, 'a', 5000);
	dir[5001] = '\0';
	setenv("TMPDIR", dir, 1);
	n = w32_GetTempPathA(0, 0);
	CU_ASSERT_EQUAL(n, 5001 + 2 + 1 + 1); /* "Z:", '\\' added, NUL */
	m = w32_GetTempPathW(0, 0);
	CU_ASSERT_EQUAL(m, n);
	CU_ASSERT_EQUAL(w32_GetTempPathW(6000, w), n - 1);
	CU_ASSERT(w[0] == 'Z' && w[1] == ':' && w[2] == '\\' && w[3] == 'a');
	CU_ASSERT(w[n - 3] == 'a' && w[n - 2] == '\\' && w[n - 1] == 0);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}

/* An empty TMPDIR means /tmp (the empty-path case indexed s[-1]). */
CU_TEST(k32, temp_path_empty_tmpdir)
{
	const char *old = getenv("TMPDIR");
	char *saved = old ? strdup(old) : 0;
	char buf[64];
	DWORD n;

	setenv("TMPDIR", "", 1);
	n = w32_GetTempPathA(sizeof buf, buf);
	CU_ASSERT(n > 0 && n < sizeof buf);
	CU_ASSERT(n > 0 && buf[n - 1] == '\\');
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}


/* A handle that is not a console is refused before n characters are
 * copied (n = 0xffffffff wrapped n + 1 to 0 and overran the copy). */
CU_TEST(k32, write_console_w_not_console)
{
	static const WCHAR w[2] = {'x', 0};
	DWORD written = 7;

	CU_ASSERT(!w32_WriteConsoleW((HANDLE)(intptr_t)0x7777, w, 0xffffffffu,
	                             &written, 0));
	CU_ASSERT_EQUAL(written, 7);
}

/* Decommitting past the end of the reservation is refused (it used to
 * mprotect whatever followed). */
CU_TEST(k32, decommit_outside_region)
{
	char *p = w32_VirtualAlloc(0, 0x10000, MEM_RESERVE | MEM_COMMIT,
	                           PAGE_READWRITE);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT(!w32_VirtualFree(p + 0x8000, 0x10000, MEM_DECOMMIT));
	CU_ASSERT(w32_VirtualFree(p + 0x8000, 0x1000, MEM_DECOMMIT));
	p[0] = 1; /* still committed */
	CU_ASSERT(w32_VirtualFree(p, 0, MEM_RELEASE));
}


/* A named mapping whose creation fails leaves no name behind: before the
 * fix, a size ftruncate refuses left the shared memory object, and
 * OpenFileMapping then found a mapping nobody had made. */
CU_TEST(k32, failed_named_mapping_leaves_no_name)
{
	char name[64];
	HANDLE m, o;

	snprintf(name, sizeof(name), "dllshare-unit-%d", (int)getpid());
	m = w32_CreateFileMappingA(INVALID_HANDLE_VALUE, 0, PAGE_READWRITE,
				   0xffffffff, 0xffffffff, name);
	CU_ASSERT_PTR_NULL(m);
	o = w32_OpenFileMappingA(2 /* FILE_MAP_WRITE */, 0, name);
	CU_ASSERT_PTR_NULL(o);
	if (o)
		w32_CloseHandle(o);
	/* A good one still works, and goes with its last handle. */
	m = w32_CreateFileMappingA(INVALID_HANDLE_VALUE, 0, PAGE_READWRITE, 0,
				   0x1000, name);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	o = w32_OpenFileMappingA(2, 0, name);
	CU_ASSERT_PTR_NOT_NULL(o);
	CU_ASSERT(w32_CloseHandle(o));
	CU_ASSERT(w32_CloseHandle(m));
	CU_ASSERT_PTR_NULL(w32_OpenFileMappingA(2, 0, name));
}

/* FILE_MAP_ALL_ACCESS includes the bit of FILE_MAP_COPY (SECTION_QUERY):
 * its views are shared and writable, as FILE_MAP_WRITE's, not
 * copy-on-write (before the fix, a write through one was not seen
 * through another); FILE_MAP_COPY alone is copy-on-write. */
CU_TEST(k32, all_access_view_is_shared)
{
	HANDLE m = w32_CreateFileMappingA(INVALID_HANDLE_VALUE, 0,
					  PAGE_READWRITE, 0, 0x1000, 0);
	char *a, *b, *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	a = w32_MapViewOfFile(m, 0xf001f /* FILE_MAP_ALL_ACCESS */, 0, 0, 0);
	b = w32_MapViewOfFile(m, 0xf001f, 0, 0, 0);
	c = w32_MapViewOfFile(m, 1 /* FILE_MAP_COPY */, 0, 0, 0);
	CU_ASSERT_FATAL(a && b && c);
	strcpy(a, "shared");
	CU_ASSERT_STRING_EQUAL(b, "shared");
	CU_ASSERT_STRING_EQUAL(c, "shared");
	strcpy(c, "copied");
	CU_ASSERT_STRING_EQUAL(a, "shared");
	CU_ASSERT(w32_UnmapViewOfFile(a));
	CU_ASSERT(w32_UnmapViewOfFile(b));
	CU_ASSERT(w32_UnmapViewOfFile(c));
	CU_ASSERT(w32_CloseHandle(m));
}

#define MANY_REGIONS 6000 /* more than the region table holds */

/* Every block VirtualAlloc hands out can be released: before the fix, a
 * full region table still returned the mapping, which VirtualFree then
 * did not know (ERROR_INVALID_ADDRESS) and could never unmap. */
CU_TEST(k32, virtual_alloc_table_full)
{
	static void *ps[MANY_REGIONS];
	int n = 0, freed = 0;

	while (n < MANY_REGIONS &&
	       (ps[n] = w32_VirtualAlloc(0, 0x1000, MEM_RESERVE | MEM_COMMIT,
					 PAGE_READWRITE)))
		n++;
	CU_ASSERT(n > 0 && n < MANY_REGIONS);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
	for (int i = 0; i < n; i++)
		freed += w32_VirtualFree(ps[i], 0, MEM_RELEASE) != 0;
	CU_ASSERT_EQUAL(freed, n);
}

/* GetUserName reads /etc/passwd itself (dllshare is linked statically): it
 * answers what the C library's password database says for the real uid,
 * and a short buffer gets the size with the NUL. */
CU_TEST(k32, user_name_from_passwd)
{
	struct passwd *pw = getpwuid(getuid());
	char name[256];
	DWORD n = sizeof(name), small = 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(pw);
	CU_ASSERT_FATAL(w32_GetUserNameA(name, &n));
	CU_ASSERT_STRING_EQUAL(name, pw->pw_name);
	CU_ASSERT_EQUAL(n, strlen(pw->pw_name) + 1);
	CU_ASSERT(!w32_GetUserNameA(name, &small));
	CU_ASSERT_EQUAL(small, strlen(pw->pw_name) + 1);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

/* Windows' normalization of a path, checked where Wine's comparison
 * (tests/wine/progs/pathnorm.c) cannot: rooted paths, devices. */
CU_TEST(k32, path_normalization)
{
	static const char *const cases[][2] = {
		{"Z:\\a\\..\\..\\b", "/b"},
		{"Z:\\a\\.\\b\\\\c.", "/a/b/c"},
		{"Z:\\a.\\b..\\c . .", "/a/b../c"},
		{"Z:\\a\\b\\", "/a/b/"},
		{"/x/./y/../z", "/x/z"},
		{"\\\\?\\Z:\\a\\b.", "/a/b."},
		{"\\\\.\\pipe\\p", "//./pipe/p"},
		{"a\\..", "."},
		{"Z:\\", "/"},
		{"", ""},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *u = rt_unix_name(cases[i][0]);

		CU_ASSERT_PTR_NOT_NULL_FATAL(u);
		if (strcmp(u, cases[i][1]))
			fprintf(stderr, "%s: %s, want %s\n", cases[i][0], u,
				cases[i][1]);
		CU_ASSERT_STRING_EQUAL(u, cases[i][1]);
		free(u);
	}
}

/* Moveable memory: Microsoft's documented last errors of GlobalUnlock
 * (Wine 8 sets none), stray handles refused, discarding and reviving. */
CU_TEST(k32, moveable_memory)
{
	HANDLE h = w32_GlobalAlloc(0x2 /* GMEM_MOVEABLE */, 8), bad;
	char *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = w32_LocalLock(h));
	CU_ASSERT_PTR_EQUAL(w32_LocalHandle(p), h);
	w32_SetLastError(1234);
	CU_ASSERT(!w32_LocalUnlock(h));
	CU_ASSERT_EQUAL(w32_GetLastError(), 0);
	CU_ASSERT(!w32_LocalUnlock(h));
	CU_ASSERT_EQUAL(w32_GetLastError(), 158 /* ERROR_NOT_LOCKED */);
	bad = (char *)h + 16;
	CU_ASSERT_PTR_NULL(w32_LocalLock(bad));
	CU_ASSERT_EQUAL(w32_GetLastError(), 6 /* ERROR_INVALID_HANDLE */);
	CU_ASSERT_EQUAL(w32_LocalFlags(bad), 0x8000 /* GMEM_INVALID_HANDLE */);
	CU_ASSERT_PTR_EQUAL(w32_LocalFree(bad), bad);
	/* Discarded by a reallocation to 0, revived by one to more. */
	CU_ASSERT_PTR_EQUAL(w32_GlobalReAlloc(h, 0, 0x2), h);
	CU_ASSERT_EQUAL(w32_LocalFlags(h), 0x4000 /* GMEM_DISCARDED */);
	CU_ASSERT_PTR_NULL(w32_LocalLock(h));
	CU_ASSERT_PTR_EQUAL(w32_GlobalReAlloc(h, 32, 0x2), h);
	CU_ASSERT_EQUAL(w32_LocalSize(h), 32);
	/* LMEM_MODIFY changes the flags only. */
	CU_ASSERT_PTR_EQUAL(w32_GlobalReAlloc(h, 0, 0x80 | 0x100), h);
	CU_ASSERT_EQUAL(w32_LocalFlags(h), 0x100 /* GMEM_DISCARDABLE */);
	CU_ASSERT_EQUAL(w32_LocalSize(h), 32);
	CU_ASSERT_PTR_NULL(w32_LocalFree(h));
	CU_ASSERT_PTR_NULL(w32_LocalLock(h)); /* freed: no longer a handle */
}

/* SetErrorMode: SEM_NOALIGNMENTFAULTEXCEPT, once set, stays set, as
 * Windows documents (Wine lets it go, so the Wine comparison cannot
 * show it). */
CU_TEST(k32, error_mode_alignment_sticky)
{
	UINT old = w32_SetErrorMode(0x4 /* SEM_NOALIGNMENTFAULTEXCEPT */);

	CU_ASSERT_EQUAL(w32_SetErrorMode(0x1), 0x4);
	CU_ASSERT_EQUAL(w32_GetErrorMode(), 0x5);
	w32_SetErrorMode(0);
	CU_ASSERT_EQUAL(w32_GetErrorMode(), 0x4);
	(void)old;
}

/* MulDiv rounds half away from zero and gives -1 for a zero divisor or
 * a result beyond an INT. */
CU_TEST(k32, muldiv_rounding_and_overflow)
{
	CU_ASSERT_EQUAL(w32_MulDiv(7, 1, 2), 4);
	CU_ASSERT_EQUAL(w32_MulDiv(-7, 1, 2), -4);
	CU_ASSERT_EQUAL(w32_MulDiv(3, 1, -2), -2);
	CU_ASSERT_EQUAL(w32_MulDiv(1, 1, 0), -1);
	CU_ASSERT_EQUAL(w32_MulDiv(0x7fffffff, 2, 1), -1);
	CU_ASSERT_EQUAL(w32_MulDiv(0x7fffffff, 2, 2), 0x7fffffff);
}

/* What Windows documents where Wine 8 differs: a disabled priority boost
 * reads back disabled; an ideal processor the machine lacks fails. */
CU_TEST(k32, priority_boost_and_ideal_processor)
{
	HANDLE self = (HANDLE)(intptr_t)-2;
	BOOL off = 7;
	WCHAR *d = 0;

	CU_ASSERT(w32_SetThreadPriorityBoost(self, TRUE));
	CU_ASSERT(w32_GetThreadPriorityBoost(self, &off));
	CU_ASSERT_EQUAL(off, TRUE);
	CU_ASSERT(w32_SetThreadPriorityBoost(self, FALSE));
	CU_ASSERT(w32_GetThreadPriorityBoost(self, &off));
	CU_ASSERT_EQUAL(off, FALSE);
	CU_ASSERT_EQUAL(w32_SetThreadIdealProcessor(self, 0), 0);
	CU_ASSERT_EQUAL(w32_SetThreadIdealProcessor(self, 64), 0);
	if (sysconf(_SC_NPROCESSORS_CONF) < 64) {
		CU_ASSERT_EQUAL(w32_SetThreadIdealProcessor(self, 63),
				(DWORD)-1);
		CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	}
	CU_ASSERT_EQUAL(w32_SetThreadIdealProcessor(self, 65), (DWORD)-1);
	/* The description is also the Linux thread's name. */
	CU_ASSERT_EQUAL(w32_SetThreadDescription(self, u"unit-described"), 0);
	CU_ASSERT_EQUAL(w32_GetThreadDescription(self, &d), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(memcmp(d, u"unit-described", 30), 0);
	{
		char comm[32] = {0};
		FILE *f = fopen("/proc/thread-self/comm", "r");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_PTR_NOT_NULL(fgets(comm, sizeof(comm), f));
		fclose(f);
		CU_ASSERT_STRING_EQUAL(comm, "unit-described\n");
	}
}

/* Nothing is ever pending here (every read and write completes in its
 * call): CancelIoEx fails with ERROR_NOT_FOUND, as Windows documents
 * (Wine 8 says TRUE, so the Wine comparison leaves it out). */
CU_TEST(k32, cancel_io_ex_nothing_pending)
{
	HANDLE r, w;

	CU_ASSERT_FATAL(w32_CreatePipe(&r, &w, 0, 0));
	CU_ASSERT(!w32_CancelIoEx(r, 0));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_NOT_FOUND);
	CU_ASSERT(w32_CancelIo(r));
	w32_CloseHandle(r);
	w32_CloseHandle(w);
}

/* FileDispositionInfo marks the file for deletion and
 * FileStandardInfo says so (DeletePending, as Windows documents; Wine 8
 * says 0); the file goes with the handle. */
CU_TEST(k32, disposition_shows_delete_pending)
{
	char path[] = "/tmp/dllshare-unit-dispXXXXXX";
	int fd = mkstemp(path);
	HANDLE h;
	BOOLEAN del = 1;
	struct {
		int64_t alloc, eof;
		DWORD links;
		BOOLEAN pending, dir;
	} si;
	char *win;

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	win = rt_win_path_of(path);
	h = w32_CreateFileA(win, GENERIC_READ | GENERIC_WRITE | DELETE,
			    FILE_SHARE_DELETE, 0, OPEN_EXISTING, 0, 0);
	CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
	CU_ASSERT(w32_SetFileInformationByHandle(h, 4, &del, sizeof(del)));
	CU_ASSERT(w32_GetFileInformationByHandleEx(h, 1, &si, sizeof(si)));
	CU_ASSERT_EQUAL(si.pending, 1);
	w32_CloseHandle(h);
	CU_ASSERT(access(path, F_OK) != 0);
	free(win);
}

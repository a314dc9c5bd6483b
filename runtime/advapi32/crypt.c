/*
 * crypt.c — advapi32: random numbers — CryptAcquireContext,
 * CryptGenRandom, CryptReleaseContext, and RtlGenRandom (exported as
 * SystemFunction036; libssp's stack-protector canary comes from there).
 *
 * One provider serves every request, whatever its name and type: the
 * kernel's random source (getrandom).
 */
#include <errno.h>
#include <sys/random.h>

#include "runtime/advapi32/advapi32.h"

#define PROV_HANDLE ((ULONG_PTR)0x50524f56) /* "PROV" */

static BOOL fill_random(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			rt_set_last_error(rt_win32_error(errno));
			return FALSE;
		}
		p += r;
		n -= (size_t)r;
	}
	return TRUE;
}

/* One provider serves every request: the kernel's random source. */
BOOL WINAPI w32_CryptAcquireContextA(ULONG_PTR *prov, LPCSTR container,
				     LPCSTR provider, DWORD type, DWORD flags)
{
	*prov = PROV_HANDLE;
	return TRUE;
}

BOOL WINAPI w32_CryptAcquireContextW(ULONG_PTR *prov, LPCWSTR container,
				     LPCWSTR provider, DWORD type, DWORD flags)
{
	*prov = PROV_HANDLE;
	return TRUE;
}

BOOL WINAPI w32_CryptGenRandom(ULONG_PTR prov, DWORD n, BYTE *buf)
{
	if (prov != PROV_HANDLE) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return fill_random(buf, n);
}

BOOL WINAPI w32_CryptReleaseContext(ULONG_PTR prov, DWORD flags)
{
	return prov == PROV_HANDLE;
}

/* RtlGenRandom, exported under its internal name. */
BYTE WINAPI w32_SystemFunction036(void *buf, ULONG n)
{
	return fill_random(buf, n) ? 1 : 0;
}

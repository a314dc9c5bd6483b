/*
 * crypt.c — advapi32: random numbers — CryptAcquireContext,
 * CryptGenRandom, CryptReleaseContext, and RtlGenRandom (exported as
 * SystemFunction036; libssp's stack-protector canary comes from there).
 *
 * One provider serves the requests that need no key container
 * (CRYPT_VERIFYCONTEXT), whatever its type: the kernel's random source
 * (getrandom).  Key containers and named providers are refused.
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

#define CRYPT_VERIFYCONTEXT 0xf0000000u
#define CRYPT_KEYSET_OPS    0x38u /* NEWKEYSET, DELETEKEYSET, MACHINE_KEYSET */
#define CRYPT_SILENT	    0x40u
#define CRYPT_DEFAULT_CONTAINER_OPTIONAL 0x80u
#define NTE_BAD_FLAGS	    0x80090009u

/* A context without a key container, from the default provider of any
 * type; anything that needs keys (a container, CRYPT_NEWKEYSET, ...) or
 * a provider by name is refused. */
static BOOL acquire(const char *fn, ULONG_PTR *prov, const void *container,
		    const void *provider, DWORD type, DWORD flags)
{
	if (!prov) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*prov = 0;
	if (flags & ~(CRYPT_VERIFYCONTEXT | CRYPT_KEYSET_OPS | CRYPT_SILENT |
		      CRYPT_DEFAULT_CONTAINER_OPTIONAL)) {
		rt_set_last_error(NTE_BAD_FLAGS);
		return FALSE;
	}
	if ((flags & CRYPT_VERIFYCONTEXT) != CRYPT_VERIFYCONTEXT ||
	    (flags & CRYPT_KEYSET_OPS) || container)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn, "key containers");
	if (provider)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn, "a provider by name");
	if (!type) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*prov = PROV_HANDLE;
	return TRUE;
}

BOOL WINAPI w32_CryptAcquireContextA(ULONG_PTR *prov, LPCSTR container,
				     LPCSTR provider, DWORD type, DWORD flags)
{
	return acquire("CryptAcquireContextA", prov, container, provider, type,
		       flags);
}

BOOL WINAPI w32_CryptAcquireContextW(ULONG_PTR *prov, LPCWSTR container,
				     LPCWSTR provider, DWORD type, DWORD flags)
{
	return acquire("CryptAcquireContextW", prov, container, provider, type,
		       flags);
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
	if (prov != PROV_HANDLE) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (flags) {
		rt_set_last_error(NTE_BAD_FLAGS);
		return FALSE;
	}
	return TRUE;
}

/* RtlGenRandom, exported under its internal name. */
BYTE WINAPI w32_SystemFunction036(void *buf, ULONG n)
{
	return fill_random(buf, n) ? 1 : 0;
}

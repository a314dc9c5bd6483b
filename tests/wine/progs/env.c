/* env.c — environment variables through kernel32 and msvcrt; the user
 * name, random bytes and an absent registry key through advapi32. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(void)
{
	char buf[64];
	DWORD n;
	char *block, *p;
	int seen = 0;

	n = GetEnvironmentVariableA("DLLSHARE_TEST_VAR", buf, sizeof(buf));
	printf("get %lu <%s>\n", n, buf);
	n = GetEnvironmentVariableA("dllshare_test_var", buf, sizeof(buf));
	printf("any case %lu\n", n);
	n = GetEnvironmentVariableA("DLLSHARE_TEST_VAR", buf, 4);
	printf("too small %lu\n", n);
	n = GetEnvironmentVariableA("DLLSHARE_NOT_SET", buf, sizeof(buf));
	printf("missing %lu err %lu\n", n, GetLastError());
	printf("getenv <%s>\n", getenv("DLLSHARE_TEST_VAR"));
	SetEnvironmentVariableA("DLLSHARE_NEW", "fresh");
	n = GetEnvironmentVariableA("DLLSHARE_NEW", buf, sizeof(buf));
	printf("set then get %lu <%s>\n", n, buf);
	SetEnvironmentVariableA("DLLSHARE_NEW", NULL);
	n = GetEnvironmentVariableA("DLLSHARE_NEW", buf, sizeof(buf));
	printf("deleted %lu err %lu\n", n, GetLastError());
	block = GetEnvironmentStringsA();
	for (p = block; *p; p += strlen(p) + 1)
		if (!strcmp(p, "DLLSHARE_TEST_VAR=hello wine"))
			seen = 1;
	FreeEnvironmentStringsA(block);
	printf("in block %d\n", seen);
	_putenv("DLLSHARE_PUT=via putenv");
	n = GetEnvironmentVariableA("DLLSHARE_PUT", buf, sizeof(buf));
	printf("putenv visible to kernel32 %lu\n", n);
	{
		char user[128];
		DWORD un = sizeof(user);
		HKEY key;
		HCRYPTPROV prov;
		BYTE rnd[16];
		LONG r;
		BOOL ok;

		ok = GetUserNameA(user, &un);
		printf("user name %d counts the NUL %d\n", ok,
		       un == strlen(user) + 1);
		r = RegOpenKeyExA(HKEY_CURRENT_USER,
				  "Software\\DllshareNoSuchKey", 0, KEY_READ,
				  &key);
		printf("absent key %ld\n", r);
		ok = CryptAcquireContextA(&prov, NULL, NULL, PROV_RSA_FULL,
					  CRYPT_VERIFYCONTEXT);
		printf("crypt context %d", ok);
		ok = CryptGenRandom(prov, sizeof(rnd), rnd);
		printf(" random %d\n", ok);
		CryptReleaseContext(prov, 0);
	}
	return 0;
}

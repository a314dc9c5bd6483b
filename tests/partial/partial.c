/*
 * partial.c — what each built-in marked RT_PARTIAL refuses.
 *
 * One CASE per partial function (tests/partial/check.sh fails when a
 * function marked partial in an exports.h has none): the call with the
 * argument dllshare does not implement, and what it returned.  The
 * expected output (partial.expected) is dllshare's own: Windows and Wine
 * implement these arguments, so the answers differ from theirs by design.
 */
#include <errno.h>
#include <stdio.h>
#include <windows.h>

#include "case.h"

int main(void)
{
	SECURITY_ATTRIBUTES sd = {sizeof sd, &sd, FALSE};
	WCHAR wname[] = {'n', 'a', 'm', 'e', 0};
	WCHAR wdir[] = {'p', 'd', 'i', 'r', 0};
	WCHAR wfile[] = {'p', 'f', 'i', 'l', 'e', 0};
	WCHAR wk32[] = {'k', 'e', 'r', 'n', 'e', 'l', '3', '2', 0};
	WCHAR wpct[] = {'%', '1', 0};
	WCHAR wbuf[64];
	DWORD_PTR fargs[] = {0x3ff0000000000000ull};
	char buf[64];
	HANDLE r, w, h;
	HKEY key;
	HCRYPTPROV prov;
	FILETIME ft = {0, 0};

	CASE("CreateDirectoryA", CreateDirectoryA("pdir", &sd));
	CASE("CreateDirectoryW", CreateDirectoryW(wdir, &sd));
	CASE("CreateEventA", CreateEventA(&sd, TRUE, FALSE, "name"));
	CASE("CreateEventW", CreateEventW(&sd, TRUE, FALSE, NULL));
	CASE("CreateMutexA", CreateMutexA(&sd, FALSE, "name"));
	CASE("CreateMutexW", CreateMutexW(&sd, FALSE, wname));
	CASE("CreateSemaphoreA", CreateSemaphoreA(&sd, 0, 1, "name"));
	CASE("CreateSemaphoreW", CreateSemaphoreW(&sd, 0, 1, NULL));
	CASE("CreateEventExA", CreateEventExA(&sd, "name", 0, EVENT_ALL_ACCESS));
	CASE("CreateEventExW", CreateEventExW(&sd, NULL, 0, EVENT_ALL_ACCESS));
	CASE("CreateMutexExA", CreateMutexExA(&sd, "name", 0, MUTEX_ALL_ACCESS));
	CASE("CreateMutexExW", CreateMutexExW(&sd, wname, 0, MUTEX_ALL_ACCESS));
	CASE("CreateSemaphoreExA",
	     CreateSemaphoreExA(&sd, 0, 1, "name", 0, SEMAPHORE_ALL_ACCESS));
	CASE("CreateSemaphoreExW",
	     CreateSemaphoreExW(&sd, 0, 1, NULL, 0, SEMAPHORE_ALL_ACCESS));
	CASE("CreateFileA", CreateFileA("pfile", GENERIC_WRITE, 0, NULL,
					 CREATE_ALWAYS, FILE_FLAG_OPEN_REPARSE_POINT,
					 NULL));
	CASE("CreateFileA", CreateFileA("pfile", GENERIC_WRITE, 0, NULL,
					 CREATE_ALWAYS, FILE_ATTRIBUTE_ENCRYPTED,
					 NULL));
	CASE("CreateFileW", CreateFileW(wfile, GENERIC_WRITE, 0, NULL,
					 CREATE_ALWAYS, FILE_FLAG_NO_BUFFERING,
					 NULL));
	CASE("CreateFileW", CreateFileW(wfile, GENERIC_WRITE, 0, &sd,
					 CREATE_ALWAYS, 0, NULL));
	CASE("CreateFileMappingA",
	     CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				PAGE_READWRITE | SEC_RESERVE, 0, 4096, NULL));
	CASE("CreateFileMappingW",
	     CreateFileMappingW(INVALID_HANDLE_VALUE, NULL,
				PAGE_READONLY | SEC_IMAGE, 0, 4096, NULL));
	CASE("CreateHardLinkW", CreateHardLinkW(wname, wfile, &sd));
	CASE("CreatePipe", CreatePipe(&r, &w, &sd, 0));
	CASE("FormatMessageA",
	     FormatMessageA(FORMAT_MESSAGE_FROM_STRING |
				    FORMAT_MESSAGE_ARGUMENT_ARRAY,
			    "x %1!f! y", 0, 0, buf, sizeof buf,
			    (va_list *)fargs));
	CASE("FormatMessageW",
	     FormatMessageW(FORMAT_MESSAGE_FROM_STRING | 40, wpct, 0, 0, wbuf,
			    64, NULL));
	/* An initialization file named without a directory: Windows looks
	 * in its Windows directory, which dllshare does not provide. */
	CASE("GetPrivateProfileStringA",
	     GetPrivateProfileStringA("s", "k", "d", buf, 64, "p.ini"));
	CASE("GetPrivateProfileStringW",
	     GetPrivateProfileStringW(L"s", L"k", L"d", wbuf, 64, L"p.ini"));
	CASE("GetPrivateProfileIntA", GetPrivateProfileIntA("s", "k", 7, "p.ini"));
	CASE("GetPrivateProfileIntW",
	     GetPrivateProfileIntW(L"s", L"k", 7, L"p.ini"));
	CASE("GetPrivateProfileSectionA",
	     GetPrivateProfileSectionA("s", buf, 64, "p.ini"));
	CASE("GetPrivateProfileSectionW",
	     GetPrivateProfileSectionW(L"s", wbuf, 64, L"p.ini"));
	CASE("GetPrivateProfileSectionNamesA",
	     GetPrivateProfileSectionNamesA(buf, 64, "p.ini"));
	CASE("GetPrivateProfileSectionNamesW",
	     GetPrivateProfileSectionNamesW(wbuf, 64, L"p.ini"));
	CASE("WritePrivateProfileStringA",
	     WritePrivateProfileStringA("s", "k", "v", "p.ini"));
	CASE("WritePrivateProfileStringW",
	     WritePrivateProfileStringW(L"s", L"k", L"v", L"p.ini"));
	CASE("WritePrivateProfileSectionA",
	     WritePrivateProfileSectionA("s", "k=v\0", "p.ini"));
	CASE("WritePrivateProfileSectionW",
	     WritePrivateProfileSectionW(L"s", L"k=v\0", L"p.ini"));
	{
		char img[MAX_PATH];
		WCHAR wimg[MAX_PATH];
		DWORD n = MAX_PATH;

		CASE("QueryFullProcessImageNameA",
		     QueryFullProcessImageNameA(GetCurrentProcess(),
						PROCESS_NAME_NATIVE, img, &n));
		n = MAX_PATH;
		CASE("QueryFullProcessImageNameW",
		     QueryFullProcessImageNameW(GetCurrentProcess(),
						PROCESS_NAME_NATIVE, wimg, &n));
	}
	{
		HANDLE f = CreateFileA("pinfo", GENERIC_READ | GENERIC_WRITE, 0,
				       NULL, CREATE_ALWAYS, 0, NULL);
		FILE_BASIC_INFO b;
		char dirinfo[512], fp[MAX_PATH];
		WCHAR wfp[MAX_PATH];

		memset(&b, 0, sizeof b);
		b.CreationTime.QuadPart = 130000000000000000ll;
		CASE("GetFileInformationByHandleEx",
		     GetFileInformationByHandleEx(f, FileIdBothDirectoryInfo,
						  dirinfo, sizeof dirinfo));
		CASE("SetFileInformationByHandle",
		     SetFileInformationByHandle(f, FileBasicInfo, &b, sizeof b));
		b.CreationTime.QuadPart = 0;
		b.LastWriteTime.QuadPart = -1; /* stop updating it */
		CASE("SetFileInformationByHandle",
		     SetFileInformationByHandle(f, FileBasicInfo, &b, sizeof b));
		CASE("GetFinalPathNameByHandleA",
		     GetFinalPathNameByHandleA(f, fp, MAX_PATH, VOLUME_NAME_NT));
		CASE("GetFinalPathNameByHandleW",
		     GetFinalPathNameByHandleW(f, wfp, MAX_PATH,
					       VOLUME_NAME_GUID));
		CloseHandle(f);
		DeleteFileA("pinfo");
	}
	/* Process 1 is no thread of this process. */
	CASE("OpenThread", OpenThread(THREAD_QUERY_INFORMATION, FALSE, 1));
	CASE("GetVolumeInformationW",
	     GetVolumeInformationW(NULL, NULL, 0, NULL, NULL, NULL, NULL, 0));
	/* No signature is checked, and there is no safe load list. */
	CASE("LoadLibraryExA",
	     LoadLibraryExA("kernel32.dll", NULL,
			    LOAD_LIBRARY_REQUIRE_SIGNED_TARGET));
	CASE("LoadLibraryExW",
	     LoadLibraryExW(wk32, NULL,
			    0x2000 /* LOAD_LIBRARY_SAFE_CURRENT_DIRS */));
	h = CreateFileA("pfile", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	CASE("MoveFileExA", MoveFileExA("pfile", NULL,
					 MOVEFILE_DELAY_UNTIL_REBOOT));
	CASE("MoveFileExW", MoveFileExW(wfile, wname,
					 MOVEFILE_CREATE_HARDLINK));
	CASE("VirtualAlloc", VirtualAlloc(NULL, 4096,
					   MEM_RESERVE | MEM_COMMIT |
						   MEM_RESET_UNDO,
					   PAGE_READWRITE));
	CASE("SetFileTime", SetFileTime(h, &ft, NULL, NULL));
	CloseHandle(h);
	DeleteFileA("pfile");
	{
		/* The zone follows TZ: refused as Wine refuses the first (1314;
		 * Wine 8 lacks the second). */
		TIME_ZONE_INFORMATION tz;
		DYNAMIC_TIME_ZONE_INFORMATION dz;

		GetTimeZoneInformation(&tz);
		GetDynamicTimeZoneInformation(&dz);
		CASE("SetTimeZoneInformation", SetTimeZoneInformation(&tz));
		CASE("SetDynamicTimeZoneInformation",
		     SetDynamicTimeZoneInformation(&dz));
	}
	CASE("CryptAcquireContextA",
	     CryptAcquireContextA(&prov, "container", NULL, PROV_RSA_FULL, 0));
	CASE("CryptAcquireContextW",
	     CryptAcquireContextW(&prov, NULL, NULL, PROV_RSA_FULL,
				  CRYPT_NEWKEYSET));
	/* The registry: HKEY_USERS (and the performance data) refused by
	 * every function; options and views by the ones that take them.
	 * None of these reaches the registry's directory. */
	CASE("RegCreateKeyA", RegCreateKeyA(HKEY_USERS, ".DEFAULT", &key));
	CASE("RegCreateKeyW", RegCreateKeyW(HKEY_USERS, wname, &key));
	CASE("RegCreateKeyExA",
	     RegCreateKeyExA(HKEY_CURRENT_USER, "x", 0, NULL,
			     REG_OPTION_VOLATILE, KEY_WRITE, NULL, &key, NULL));
	CASE("RegCreateKeyExW",
	     RegCreateKeyExW(HKEY_CURRENT_USER, wname, 0, wname, 0, KEY_WRITE,
			     NULL, &key, NULL));
	CASE("RegCreateKeyExA (view)",
	     RegCreateKeyExA(HKEY_LOCAL_MACHINE, "Software\\x", 0, NULL, 0,
			     KEY_WRITE | KEY_WOW64_32KEY, NULL, &key, NULL));
	CASE("RegDeleteKeyA", RegDeleteKeyA(HKEY_USERS, "x"));
	CASE("RegDeleteKeyW", RegDeleteKeyW(HKEY_USERS, wname));
	CASE("RegDeleteKeyExA",
	     RegDeleteKeyExA(HKEY_LOCAL_MACHINE, "Software\\x",
			     KEY_WOW64_32KEY, 0));
	CASE("RegDeleteKeyExW", RegDeleteKeyExW(HKEY_USERS, wname, 0, 0));
	CASE("RegDeleteKeyValueA", RegDeleteKeyValueA(HKEY_USERS, "x", "v"));
	CASE("RegDeleteKeyValueW", RegDeleteKeyValueW(HKEY_USERS, wname, wname));
	CASE("RegDeleteTreeA", RegDeleteTreeA(HKEY_USERS, "x"));
	CASE("RegDeleteTreeW", RegDeleteTreeW(HKEY_USERS, wname));
	CASE("RegDeleteValueA", RegDeleteValueA(HKEY_USERS, "v"));
	CASE("RegDeleteValueW", RegDeleteValueW(HKEY_USERS, wname));
	CASE("RegEnumKeyA", RegEnumKeyA(HKEY_USERS, 0, buf, sizeof buf));
	CASE("RegEnumKeyW", RegEnumKeyW(HKEY_USERS, 0, wbuf, 64));
	{
		DWORD n = 64;

		CASE("RegEnumKeyExA", RegEnumKeyExA(HKEY_USERS, 0, buf, &n,
						    NULL, NULL, NULL, NULL));
		CASE("RegEnumKeyExW", RegEnumKeyExW(HKEY_USERS, 0, wbuf, &n,
						    NULL, NULL, NULL, NULL));
		CASE("RegEnumValueA", RegEnumValueA(HKEY_USERS, 0, buf, &n,
						    NULL, NULL, NULL, NULL));
		CASE("RegEnumValueW", RegEnumValueW(HKEY_USERS, 0, wbuf, &n,
						    NULL, NULL, NULL, NULL));
	}
	CASE("RegFlushKey", RegFlushKey(HKEY_PERFORMANCE_DATA));
	CASE("RegGetValueA",
	     RegGetValueA(HKEY_USERS, "x", "v", RRF_RT_ANY, NULL, NULL, NULL));
	CASE("RegGetValueW",
	     RegGetValueW(HKEY_USERS, NULL, wname, RRF_RT_ANY, NULL, NULL,
			  NULL));
	CASE("RegOpenKeyA", RegOpenKeyA(HKEY_USERS, ".DEFAULT", &key));
	CASE("RegOpenKeyW", RegOpenKeyW(HKEY_USERS, wname, &key));
	CASE("RegOpenKeyExA",
	     RegOpenKeyExA(HKEY_LOCAL_MACHINE, "Software\\x", 0,
			   KEY_READ | KEY_WOW64_32KEY, &key));
	CASE("RegOpenKeyExW",
	     RegOpenKeyExW(HKEY_USERS, wname, 0, KEY_READ, &key));
	CASE("RegOpenKeyExA (link)",
	     RegOpenKeyExA(HKEY_CURRENT_USER, "x", REG_OPTION_OPEN_LINK,
			   KEY_READ, &key));
	CASE("RegQueryInfoKeyA",
	     RegQueryInfoKeyA(HKEY_USERS, NULL, NULL, NULL, NULL, NULL, NULL,
			      NULL, NULL, NULL, NULL, NULL));
	CASE("RegQueryInfoKeyW",
	     RegQueryInfoKeyW(HKEY_PERFORMANCE_DATA, NULL, NULL, NULL, NULL,
			      NULL, NULL, NULL, NULL, NULL, NULL, NULL));
	CASE("RegQueryValueA", RegQueryValueA(HKEY_USERS, "x", NULL, NULL));
	CASE("RegQueryValueW", RegQueryValueW(HKEY_USERS, wname, NULL, NULL));
	CASE("RegQueryValueExA",
	     RegQueryValueExA(HKEY_PERFORMANCE_DATA, "Global", NULL, NULL,
			      NULL, NULL));
	CASE("RegQueryValueExW",
	     RegQueryValueExW(HKEY_USERS, wname, NULL, NULL, NULL, NULL));
	CASE("RegSetKeyValueA",
	     RegSetKeyValueA(HKEY_USERS, "x", "v", REG_SZ, "a", 2));
	CASE("RegSetKeyValueW",
	     RegSetKeyValueW(HKEY_USERS, NULL, wname, REG_BINARY, "a", 1));
	CASE("RegSetValueA", RegSetValueA(HKEY_USERS, "x", REG_SZ, "a", 1));
	CASE("RegSetValueW", RegSetValueW(HKEY_USERS, NULL, REG_SZ, wname, 8));
	CASE("RegSetValueExA",
	     RegSetValueExA(HKEY_USERS, "v", 0, REG_BINARY, (BYTE *)"a", 1));
	CASE("RegSetValueExW",
	     RegSetValueExW(HKEY_USERS, wname, 0, REG_BINARY, (BYTE *)"a", 1));
	CASE("RegOpenKeyExA (not a key)",
	     RegOpenKeyExA((HKEY)(ULONG_PTR)0x1234, "x", 0, KEY_READ, &key));
	fflush(stdout);
	return 0;
}

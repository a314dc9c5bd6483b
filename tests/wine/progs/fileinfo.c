/*
 * fileinfo.c — GetFileInformationByHandleEx (basic, standard, name,
 * attribute tag, id), SetFileInformationByHandle (end of file, times and
 * attributes, delete disposition, rename) and GetFinalPathNameByHandle
 * (DOS and no volume, A and W), compared with Wine; nothing printed
 * depends on where the run happens (paths are shown from their last
 * separator).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static HANDLE make(const char *name, DWORD access)
{
	HANDLE h = CreateFileA(name, access, FILE_SHARE_DELETE, 0,
			       CREATE_ALWAYS, 0, 0);
	DWORD n;

	WriteFile(h, "hello world", 11, &n, 0);
	return h;
}

static void info(HANDLE h, int show_delete)
{
	FILE_BASIC_INFO b;
	FILE_STANDARD_INFO s;
	FILE_ATTRIBUTE_TAG_INFO t;
	BOOL r;

	r = GetFileInformationByHandleEx(h, FileBasicInfo, &b, sizeof b);
	printf("basic %d attrs %lx write>create %d\n", r, b.FileAttributes,
	       b.LastWriteTime.QuadPart >= b.CreationTime.QuadPart);
	r = GetFileInformationByHandleEx(h, FileStandardInfo, &s, sizeof s);
	printf("standard %d eof %lld links %lu dir %d", r, s.EndOfFile.QuadPart,
	       s.NumberOfLinks, s.Directory);
	if (show_delete)
		printf(" delete pending %d", s.DeletePending);
	printf("\n");
	r = GetFileInformationByHandleEx(h, FileAttributeTagInfo, &t,
					 sizeof t);
	printf("tag %d %lx %lx\n", r, t.FileAttributes, t.ReparseTag);
}

int main(void)
{
	HANDLE h = make("Some File.txt", GENERIC_READ | GENERIC_WRITE | DELETE);
	char buf[MAX_PATH];
	WCHAR w[MAX_PATH];
	char nbuf[sizeof(FILE_NAME_INFO) + MAX_PATH * 2];
	FILE_NAME_INFO *ni = (FILE_NAME_INFO *)nbuf;
	FILE_END_OF_FILE_INFO eof;
	FILE_BASIC_INFO b;
	FILE_DISPOSITION_INFO del;
	DWORD r;
	BOOL ok;

	info(h, 1);
	ok = GetFileInformationByHandleEx(h, FileNameInfo, ni, sizeof nbuf);
	ni->FileName[ni->FileNameLength / 2] = 0;
	printf("name %d [%ls] starts with a separator %d\n", ok,
	       wcsrchr(ni->FileName, '\\'), ni->FileName[0] == '\\');
	ok = GetFileInformationByHandleEx(h, FileNameInfo, ni, 8);
	r = GetLastError();
	printf("name, small buffer %d %lu\n", ok, r);
	ok = GetFileInformationByHandleEx(h, FileBasicInfo, &b, 8);
	r = GetLastError();
	printf("basic, small buffer %d %lu\n", ok, r);

	r = GetFinalPathNameByHandleA(h, buf, MAX_PATH, VOLUME_NAME_DOS);
	printf("final: %d [%.6s] [%s]\n", r == strlen(buf), buf,
	       strrchr(buf, '\\'));
	r = GetFinalPathNameByHandleA(h, buf, MAX_PATH, VOLUME_NAME_NONE);
	printf("final, no volume: %d [%.1s] [%s]\n", r == strlen(buf), buf,
	       strrchr(buf, '\\'));
	r = GetFinalPathNameByHandleW(h, w, MAX_PATH, FILE_NAME_OPENED);
	printf("final W: %d [%ls]\n", r == wcslen(w), wcsrchr(w, '\\'));
	SetLastError(0);
	r = GetFinalPathNameByHandleA(h, buf, MAX_PATH, 3);
	printf("final, bad flags: %lu %lu\n", r, GetLastError());

	eof.EndOfFile.QuadPart = 5;
	ok = SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof eof);
	printf("set end of file %d\n", ok);
	memset(&b, 0, sizeof b);
	b.FileAttributes = FILE_ATTRIBUTE_HIDDEN;
	b.LastWriteTime.QuadPart = 130000000000000000ll;
	ok = SetFileInformationByHandle(h, FileBasicInfo, &b, sizeof b);
	printf("set basic %d\n", ok);
	info(h, 1);
	del.DeleteFile = TRUE;
	ok = SetFileInformationByHandle(h, FileDispositionInfo, &del,
					sizeof del);
	printf("set delete %d\n", ok);
	/* (DeletePending now: 1 as Windows documents it, 0 under Wine 8.) */
	info(h, 0);
	CloseHandle(h);
	printf("gone after close %d\n",
	       GetFileAttributesA("Some File.txt") == INVALID_FILE_ATTRIBUTES);

	h = make("old.txt", GENERIC_WRITE | DELETE);
	{
		char rb[sizeof(FILE_RENAME_INFO) + 64];
		FILE_RENAME_INFO *ri = (FILE_RENAME_INFO *)rb;

		memset(rb, 0, sizeof rb);
		ri->ReplaceIfExists = FALSE;
		ri->FileNameLength = 14;
		memcpy(ri->FileName, L"new.txt", 14);
		ok = SetFileInformationByHandle(h, FileRenameInfo, ri,
						sizeof rb);
		printf("rename %d: old %d new %d\n", ok,
		       GetFileAttributesA("old.txt") != INVALID_FILE_ATTRIBUTES,
		       GetFileAttributesA("new.txt") != INVALID_FILE_ATTRIBUTES);
		r = GetFinalPathNameByHandleA(h, buf, MAX_PATH, 0);
		printf("final after rename [%s]\n", strrchr(buf, '\\'));
	}
	CloseHandle(h);
	return 0;
}

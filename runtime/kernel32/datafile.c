/*
 * datafile.c — kernel32: DLLs loaded by LoadLibraryEx only to read their
 * resources: LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE) and
 * LOAD_LIBRARY_AS_IMAGE_RESOURCE.
 *
 * Such a DLL is not a module: it is not on the module list, nothing of it
 * runs, GetProcAddress and GetModuleFileName do not know it.  As on
 * Windows its handle is the address of its mapping with a low bit set:
 *   bit 0 (AS_DATAFILE): the file as it is, read-only (a flat view), so
 *         an RVA is found through the section table;
 *   bit 1 (AS_IMAGE_RESOURCE, with or without AS_DATAFILE): the image
 *         laid out as in memory (headers, each section's file data at its
 *         RVA), read-only, neither relocated nor bound.
 * The file is opened through CreateFile with read access, sharing read
 * and delete, so its sharing rules apply; AS_DATAFILE_EXCLUSIVE keeps
 * that handle until FreeLibrary, so nobody can open the file for
 * writing meanwhile (Windows: "exclusive write access").  The mappings
 * are this file's own memory: the loader and the fault handler never
 * see them.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe/pe.h"
#include "runtime/kernel32/k32int.h"

#define ERROR_FILE_INVALID 1006
#define ERROR_BAD_EXE_FORMAT_ 193
#define OPEN_EXISTING_ 3

struct datafile {
	struct datafile *next;
	uint8_t *base;
	size_t len;     /* bytes mapped */
	int image;      /* laid out as an image (bit 1) */
	HANDLE file;    /* AS_DATAFILE_EXCLUSIVE: held until freed; else 0 */
};

static pthread_mutex_t datafiles_lock = PTHREAD_MUTEX_INITIALIZER;
static struct datafile *datafiles;

static HMODULE handle_of(const struct datafile *d)
{
	return (HMODULE)(d->base + (d->image ? 2 : 1));
}

/* Lays the file (file, len bytes, parsed as img) out as an image in new
 * read-only memory; NULL when it cannot be mapped. */
static uint8_t *lay_out(const uint8_t *file, size_t len,
			const struct pe_image *img, size_t *out_len)
{
	size_t size = img->size_of_image;
	uint8_t *m;

	if (size < img->size_of_headers)
		size = img->size_of_headers;
	m = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	memcpy(m, file, img->size_of_headers < len ? img->size_of_headers : len);
	for (unsigned i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];
		size_t n = s->raw_size;

		if (s->raw_off >= len || s->vaddr >= size)
			continue;
		if (n > len - s->raw_off)
			n = len - s->raw_off;
		if (n > size - s->vaddr)
			n = size - s->vaddr;
		memcpy(m + s->vaddr, file + s->raw_off, n);
	}
	mprotect(m, size, PROT_READ);
	*out_len = size;
	return m;
}

/* Maps the file at unix_path (read and checked as a PE image) into d;
 * 0 or the Windows error. */
static DWORD map_file(const char *unix_path, struct datafile *d)
{
	struct pe_image img;
	struct pe_error perr;
	struct stat st;
	uint8_t *file;
	DWORD e = 0;
	int fd = open(unix_path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return rt_win32_error(errno);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ERROR_FILE_INVALID;
	}
	if (st.st_size == 0) {
		close(fd);
		return ERROR_FILE_INVALID; /* an empty file cannot be mapped */
	}
	file = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (file == MAP_FAILED)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (pe_parse(file, (size_t)st.st_size, &img, &perr) < 0) {
		munmap(file, (size_t)st.st_size);
		return ERROR_BAD_EXE_FORMAT_;
	}
	if (!d->image) {
		d->base = file;
		d->len = (size_t)st.st_size;
	} else {
		d->base = lay_out(file, (size_t)st.st_size, &img, &d->len);
		munmap(file, (size_t)st.st_size);
		if (!d->base)
			e = ERROR_NOT_ENOUGH_MEMORY;
	}
	pe_image_free(&img);
	return e;
}

HMODULE rt_k32_datafile_load(const char *unix_path, int image, int exclusive)
{
	struct datafile *d = calloc(1, sizeof *d);
	char *win = rt_win_path_of(unix_path);
	HANDLE f;
	DWORD e;

	if (!d || !win) {
		free(d);
		free(win);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	f = w32_CreateFileA(win, GENERIC_READ,
			    FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
			    OPEN_EXISTING_, 0, NULL);
	free(win);
	if (f == INVALID_HANDLE_VALUE) {
		free(d);
		return 0; /* CreateFile said why */
	}
	d->image = image;
	if ((e = map_file(unix_path, d)) != 0) {
		w32_CloseHandle(f);
		free(d);
		rt_set_last_error(e);
		return 0;
	}
	if (exclusive)
		d->file = f;
	else
		w32_CloseHandle(f);
	pthread_mutex_lock(&datafiles_lock);
	d->next = datafiles;
	datafiles = d;
	pthread_mutex_unlock(&datafiles_lock);
	ld_trace("LoadLibraryEx: %s mapped for its resources only, as %s%s",
		 unix_path, image ? "an image" : "a data file",
		 exclusive ? ", writers shut out" : "");
	return handle_of(d);
}

int rt_k32_datafile_view(HMODULE h, const uint8_t **base, size_t *len,
			 int *image)
{
	int found = 0;

	pthread_mutex_lock(&datafiles_lock);
	for (struct datafile *d = datafiles; d; d = d->next)
		if (handle_of(d) == h) {
			*base = d->base;
			*len = d->len;
			*image = d->image;
			found = 1;
			break;
		}
	pthread_mutex_unlock(&datafiles_lock);
	return found;
}

int rt_k32_datafile_free(HMODULE h)
{
	struct datafile **p, *d;

	pthread_mutex_lock(&datafiles_lock);
	for (p = &datafiles; *p && handle_of(*p) != h; p = &(*p)->next)
		;
	d = *p;
	if (d)
		*p = d->next;
	pthread_mutex_unlock(&datafiles_lock);
	if (!d)
		return 0;
	munmap(d->base, d->len);
	if (d->file)
		w32_CloseHandle(d->file);
	free(d);
	return 1;
}

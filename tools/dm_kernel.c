/*
 * dm_kernel.c — finding PE images in a process from the kernel's view
 * alone (a Wine process, or any process dllshare did not start).
 *
 * An image starts at a mapping of file offset 0 whose first bytes are a PE
 * header (MZ, then PE\0\0 at e_lfanew) and spans SizeOfImage bytes from
 * there, whatever mappings cover it: Wine maps page-aligned sections from
 * the file, copies the others into anonymous memory, and leaves .bss
 * anonymous.  The header is read from the mapped file, never from the
 * process's memory, when there is a file: reading another process's memory
 * through /proc/PID/mem faults its pages in, and would change what we are
 * measuring.  Anonymous mappings are read through /proc/PID/mem only when
 * their first page is already present.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/secfile.h" /* LD_SEC_MAGIC */
#include "pe/pe.h"
#include "tools/dm.h"

/* Larger files are not images we can lay out (PE_MAX_IMAGE_SIZE is 2 GiB;
 * a DLL's file is never near it), and reading them whole would be slow. */
#define DM_MAX_FILE (256u << 20)

static uint64_t page_up(uint64_t v)
{
	return (v + DM_PAGE - 1) & ~(uint64_t)(DM_PAGE - 1);
}

/* Opens the file behind mapping e: map_files names the very file mapped
 * (even when deleted or replaced since); the path is the fallback. */
static int open_mapped(int pid, const struct dm_map *e)
{
	char fn[96], path[sizeof e->path];
	int fd;

	snprintf(fn, sizeof fn, "/proc/%d/map_files/%llx-%llx", pid,
		 (unsigned long long)e->start, (unsigned long long)e->end);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	snprintf(path, sizeof path, "%s", e->path);
	char *del = strstr(path, " (deleted)");
	if (del)
		*del = '\0';
	return open(path, O_RDONLY | O_CLOEXEC);
}

static int is_pe_header(const uint8_t *b, size_t n)
{
	uint32_t lfa;

	if (n < 64 || b[0] != 'M' || b[1] != 'Z')
		return 0;
	lfa = (uint32_t)b[60] | (uint32_t)b[61] << 8 | (uint32_t)b[62] << 16 |
		(uint32_t)b[63] << 24;
	return lfa <= n - 4 && !memcmp(b + lfa, "PE\0\0", 4);
}

static int read_full(int fd, uint8_t *buf, size_t n, off_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* The whole file behind e when it starts with a PE header; NULL otherwise.
 * Read with pread, not mmap: mapping it here would add this process to
 * the frames' mapping counts. */
static uint8_t *file_image(int pid, const struct dm_map *e, size_t *len)
{
	uint8_t head[4096], *buf;
	struct stat st;
	int fd = open_mapped(pid, e);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 64 ||
	    (uint64_t)st.st_size > DM_MAX_FILE)
		goto fail;
	size_t hn = (size_t)st.st_size < sizeof head ? (size_t)st.st_size
						     : sizeof head;
	if (read_full(fd, head, hn, 0) < 0 || !is_pe_header(head, hn))
		goto fail;
	buf = malloc((size_t)st.st_size);
	if (!buf)
		goto fail;
	if (read_full(fd, buf, (size_t)st.st_size, 0) < 0) {
		free(buf);
		goto fail;
	}
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
fail:
	close(fd);
	return NULL;
}

/* The header page of an anonymous mapping, read from the process's memory
 * only when it is already resident.  Returned as a zero-filled buffer of
 * SizeOfImage bytes with the headers at 0, so that pe_parse, which checks
 * raw data against the buffer length, accepts the memory layout: we only
 * use the section table from it. */
static uint8_t *memory_image(int pid, const struct dm_map *e, size_t *len)
{
	char fn[64];
	uint8_t head[DM_PAGE], *buf = NULL;
	uint64_t pme = 0;
	int fd;

	snprintf(fn, sizeof fn, "/proc/%d/pagemap", pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (pread(fd, &pme, 8, (off_t)(e->start / DM_PAGE * 8)) != 8 ||
	    !(pme & DM_PM_PRESENT)) {
		close(fd);
		return NULL;
	}
	close(fd);
	snprintf(fn, sizeof fn, "/proc/%d/mem", pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (read_full(fd, head, sizeof head, (off_t)e->start) < 0 ||
	    !is_pe_header(head, sizeof head))
		goto out;
	/* SizeOfImage sits at offset 56 of the optional header. */
	uint32_t lfa = (uint32_t)head[60] | (uint32_t)head[61] << 8;
	if (lfa > sizeof head - 24 - 60)
		goto out;
	const uint8_t *q = head + lfa + 24 + 56;
	uint32_t soi = (uint32_t)q[0] | (uint32_t)q[1] << 8 |
		(uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
	if (soi < sizeof head || soi > DM_MAX_FILE)
		goto out;
	buf = calloc(1, soi);
	if (!buf)
		goto out;
	memcpy(buf, head, sizeof head);
	*len = soi;
out:
	close(fd);
	return buf;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int dm_add_section(struct dm_module *mod, const char *name, uint64_t lo,
		   uint64_t hi)
{
	struct dm_section *s, *v;

	lo &= ~(uint64_t)(DM_PAGE - 1);
	hi = page_up(hi);
	if (mod->nsecs) {
		const struct dm_section *prev = &mod->secs[mod->nsecs - 1];
		uint64_t pend = prev->rva + (uint64_t)prev->npages * DM_PAGE;
		if (lo < pend) /* sections below page alignment share pages */
			lo = pend;
	}
	if (hi > mod->size)
		hi = mod->size;
	if (lo >= hi)
		return 0;
	v = realloc(mod->secs, (size_t)(mod->nsecs + 1) * sizeof *v);
	if (!v)
		return -ENOMEM;
	mod->secs = v;
	s = &v[mod->nsecs];
	memset(s, 0, sizeof *s);
	dm_copy(s->name, sizeof s->name, name);
	s->rva = (uint32_t)lo;
	s->npages = (uint32_t)((hi - lo) / DM_PAGE);
	s->mapping = -1;
	s->pages = calloc(s->npages, sizeof *s->pages);
	if (!s->pages)
		return -ENOMEM;
	for (uint32_t k = 0; k < s->npages; k++)
		s->pages[k].event = -1;
	mod->nsecs++;
	return 0;
}

int dm_module_sections(struct dm_module *mod, const struct pe_image *img,
		       int file_layout, struct dm_error *err)
{
	uint64_t hdr_end = img->size_of_headers;

	if (!file_layout && img->nsections && img->sections[0].vaddr > hdr_end)
		hdr_end = img->sections[0].vaddr;
	if (dm_add_section(mod, "(headers)", 0, hdr_end ? hdr_end : DM_PAGE) <
	    0)
		goto nomem;
	for (uint16_t i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];
		uint64_t lo = file_layout ? s->raw_off : s->vaddr;
		uint64_t n = file_layout ? s->raw_size : s->vsize;

		if (n && dm_add_section(mod, s->name, lo, lo + n) < 0)
			goto nomem;
	}
	return 0;
nomem:
	return dm_fail(err, -ENOMEM, "%s: out of memory", mod->name);
}

/* A data-file mapping (Wine maps apisetschema.dll, resources and
 * LoadLibraryEx(DATAFILE) images this way): one mapping covers the whole
 * file from offset 0, the file is not SizeOfImage long (a dllshare section
 * file is: it is laid out as in memory), and some section sits at a file
 * offset other than its RVA. */
static int is_file_layout(const struct dm_map *e, size_t flen,
			  const struct pe_image *img)
{
	if (e->end - e->start < page_up(flen) || !e->path[0] ||
	    page_up(flen) == page_up(img->size_of_image))
		return 0;
	for (uint16_t i = 0; i < img->nsections; i++)
		if (img->sections[i].raw_size &&
		    img->sections[i].raw_off != img->sections[i].vaddr)
			return 1;
	return 0;
}

/* Where the run of contiguous mappings of e's file that starts at e ends:
 * the extent of an image whose header we cannot parse. */
static uint64_t file_run_end(const struct dm_maps *m, int i)
{
	const struct dm_map *e = &m->v[i];
	uint64_t end = e->end;

	for (int j = i + 1; j < m->n; j++) {
		const struct dm_map *n = &m->v[j];
		if (n->start != end || n->inode != e->inode ||
		    n->dev_major != e->dev_major ||
		    n->dev_minor != e->dev_minor)
			break;
		end = n->end;
	}
	return end;
}

/* dllshare's own read-only mapping of a section file, from which the
 * loader reads the image's headers and tables (loader/section.c): it maps
 * the whole file, the trailer after the image included, which no view
 * maps.  It is not a module. */
static int is_loader_copy(const struct dm_map *e, const uint8_t *buf,
			  size_t len, const struct pe_image *img)
{
	uint64_t end = page_up(img->size_of_image), magic;

	if (e->end - e->start <= end || len < end + sizeof magic)
		return 0;
	memcpy(&magic, buf + end, sizeof magic);
	return magic == LD_SEC_MAGIC;
}

static struct dm_module *new_module(struct dm_proc *p, const struct dm_map *e)
{
	struct dm_module *mod, *v;

	v = realloc(p->mods, (size_t)(p->nmods + 1) * sizeof *v);
	if (!v)
		return NULL;
	p->mods = v;
	mod = &v[p->nmods++];
	memset(mod, 0, sizeof *mod);
	dm_copy(mod->path, sizeof mod->path, e->path);
	dm_copy(mod->name, sizeof mod->name,
		e->path[0] ? base_name(e->path) : "(anonymous image)");
	mod->base = e->start;
	return mod;
}

static int add_image(struct dm_proc *p, const struct dm_maps *m, int i,
		     const uint8_t *buf, size_t len, uint64_t *end,
		     struct dm_error *err)
{
	const struct dm_map *e = &m->v[i];
	struct pe_image img;
	struct pe_error perr;
	struct dm_module *mod;
	int rc, flay;

	if (pe_parse(buf, len, &img, &perr) < 0) {
		/* MZ and PE\0\0 but headers that do not parse: still an
		 * image, named by its file, as one range of pages; the
		 * reason goes into the note. */
		if (!(mod = new_module(p, e)))
			goto nomem;
		mod->size = (uint32_t)(file_run_end(m, i) - e->start);
		snprintf(p->note, sizeof p->note, "%.100s: %.380s", mod->name,
			 perr.msg);
		if (dm_add_section(mod, "(unparsed image)", 0, mod->size) < 0)
			goto nomem;
		*end = mod->base + mod->size;
		return 0;
	}
	if (is_loader_copy(e, buf, len, &img)) {
		pe_image_free(&img);
		return 0;
	}
	if (!(mod = new_module(p, e))) {
		pe_image_free(&img);
		goto nomem;
	}
	flay = is_file_layout(e, len, &img);
	mod->size =
		(uint32_t)(flay ? page_up(len) : page_up(img.size_of_image));
	rc = dm_module_sections(mod, &img, flay, err);
	pe_image_free(&img);
	*end = mod->base + mod->size;
	return rc;
nomem:
	return dm_fail(err, -ENOMEM, "pid %d: out of memory", p->pid);
}

int dm_kernel_images(struct dm_proc *p, const struct dm_maps *m,
		     struct dm_error *err)
{
	uint64_t covered = 0;

	for (int i = 0; i < m->n; i++) {
		const struct dm_map *e = &m->v[i];
		uint8_t *buf = NULL;
		size_t len = 0;
		int rc;

		if (e->start < covered || e->off != 0 || e->path[0] == '[' ||
		    e->perms[0] != 'r')
			continue;
		if (e->path[0] == '/')
			buf = file_image(p->pid, e, &len);
		else if (!e->path[0])
			buf = memory_image(p->pid, e, &len);
		if (!buf)
			continue;
		rc = add_image(p, m, i, buf, len, &covered, err);
		free(buf);
		if (rc < 0)
			return rc;
	}
	return 0;
}

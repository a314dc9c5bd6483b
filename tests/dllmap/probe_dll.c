/*
 * probe_dll.c — a DLL laid out with 4 KiB file and section alignment, so
 * that mapping its file whole gives the image's memory layout: the
 * dllmap tests map it into a test process and compare what dllmap says
 * about each page with pagemap.  The arrays give it sections of several
 * pages each.
 */
#define PAGES(n) ((n) * 4096)

__declspec(dllexport) const char probe_ro[PAGES(6)] = { 1 };
__declspec(dllexport) char probe_rw[PAGES(5)] = { 2 };

/* Built with -nostdlib: this is the whole entry point. */
int __stdcall probe_entry(void *inst, unsigned reason, void *reserved)
{
	return 1;
}

__declspec(dllexport) int probe_sum(void)
{
	int s = 0;

	for (int i = 0; i < PAGES(5); i += 4096)
		s += probe_ro[i] + probe_rw[i];
	return s;
}

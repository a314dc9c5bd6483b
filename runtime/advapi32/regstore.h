/*
 * regstore.h — the registry's storage, inside advapi32: the keys of a
 * hive as a tree in memory (regstore.c), kept in one text file per hive
 * under the registry directory (regdir.c), in the format regformat.c
 * reads and writes.  registry.c builds the Win32 functions on it.
 *
 * Names are UTF-16, compared case-insensitively (rs_namecmp) and kept in
 * the case they were created with.  Every key has an id, unique in its
 * hive and never reused, so that a handle can tell its key from another
 * created later under the same name (ERROR_KEY_DELETED).
 */
#ifndef DLLSHARE_REGSTORE_H
#define DLLSHARE_REGSTORE_H

#include <stdint.h>
#include <sys/types.h>

#include "runtime/core/core.h"

/* Windows' limits, in UTF-16 units: a key name (one path component)
 * and a value name. */
#define RS_MAX_KEY_NAME	  255
#define RS_MAX_VALUE_NAME 16383

struct rs_value {
	WCHAR *name; /* "" for the key's default value */
	size_t namelen;
	DWORD type;
	DWORD len;
	BYTE *data; /* malloc'd, NULL when len is 0 */
};

struct rs_key {
	WCHAR *name;
	size_t namelen;
	uint64_t id;
	uint64_t time;	      /* last write, a FILETIME */
	struct rs_key **subs; /* sorted by rs_namecmp, as Wine enumerates */
	size_t nsubs;
	struct rs_value *vals; /* sorted the same way */
	size_t nvals;
};

/* The hives that have a file of their own. */
enum rs_hive_id { RS_HKCU, RS_HKLM, RS_NHIVES };

struct rs_hive {
	const char *file; /* its file's name in the registry directory */
	struct rs_key *root;
	uint64_t next_id;
	int loaded;  /* root reflects the file as last seen */
	int held_fd; /* 1 + the fd of that file, kept open; 0: none */
	dev_t dev;   /* the file as last read or written (0: none) */
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
};

/* ---- regstore.c: the tree ------------------------------------------ */

/* Compares two names as the registry does (case-insensitively); <0, 0,
 * >0. */
int rs_namecmp(const WCHAR *a, size_t an, const WCHAR *b, size_t bn);
/* A new empty key (id 0, time 0), or NULL when out of memory. */
struct rs_key *rs_key_new(const WCHAR *name, size_t n);
/* Frees k and everything under it. */
void rs_key_free(struct rs_key *k);
/* The subkey of k named name, or NULL; *at receives where it is or
 * would go in k->subs. */
struct rs_key *rs_sub_find(const struct rs_key *k, const WCHAR *name, size_t n,
			   size_t *at);
/* Inserts sub into k's subkeys at index at (from rs_sub_find); 0, or -1
 * when out of memory (sub is then not k's). */
int rs_sub_insert(struct rs_key *k, size_t at, struct rs_key *sub);
/* The value of k named name, or NULL; *at as for rs_sub_find. */
struct rs_value *rs_val_find(const struct rs_key *k, const WCHAR *name,
			     size_t n, size_t *at);
/* Sets k's value name to a copy of data: 0 or -1 (out of memory, k
 * unchanged). */
int rs_val_set(struct rs_key *k, const WCHAR *name, size_t n, DWORD type,
	       const void *data, DWORD len);
/* Removes k's value at index at. */
void rs_val_remove(struct rs_key *k, size_t at);
/* Removes and frees k's subkey at index at, with everything under it. */
void rs_sub_remove(struct rs_key *k, size_t at);
/* The current time as a FILETIME. */
uint64_t rs_now(void);

/* ---- regformat.c: the hive file's text ------------------------------ */

/* The text of hive h (malloc'd, *len bytes), or NULL when out of
 * memory. */
char *rs_format(const struct rs_hive *h, size_t *len);
/* Parses the text of a hive file (buf, len bytes) into *root and
 * *next_id.  0, or -1 with a message in msg naming the line and what is
 * wrong with it; nothing is kept from a text that does not parse whole
 * (a file cut short lacks its last line and is refused). */
int rs_parse(const char *buf, size_t len, struct rs_key **root,
	     uint64_t *next_id, char *msg, size_t msgsize);

/* ---- regdir.c: the directory and the files --------------------------- */

/* The hives, indexed by enum rs_hive_id. */
extern struct rs_hive rs_hives[RS_NHIVES];
/* Brings h up to date with its file (read again when another process
 * replaced it since: one fstat when it did not).  ERROR_SUCCESS, or
 * ERROR_REGISTRY_IO_FAILED (the directory or file cannot be used) or
 * ERROR_REGISTRY_CORRUPT (the file does not parse; it is left as it is),
 * --trace saying why.  The caller holds rs_lock. */
LONG rs_sync(struct rs_hive *h);
/* Starts a change of h: takes the directory's lock file (flock, so that
 * writers of all processes take turns), then rs_sync.  On success the
 * caller changes h->root and ends with rs_commit. */
LONG rs_begin(struct rs_hive *h);
/* Ends the change begun by rs_begin: with write, writes h's file anew (a
 * temporary file renamed over it); then gives up the lock.  write 0 is
 * for no change (a caller that changed the tree and must drop it sets
 * h->loaded to 0 first).  When the write fails, the change is dropped: h
 * is read again from its file at next use. */
LONG rs_commit(struct rs_hive *h, int write);
/* The lock of the whole store in this process: the tree is shared by
 * the process's threads. */
void rs_lock(void);
void rs_unlock(void);

/* ---- regkey.c: what a key handle names ------------------------------ */

/* A key handle's target: the object's o->key, freed with it (core.h);
 * also a predefined key's, malloc'd for the call. */
struct rt_key {
	int hive; /* enum rs_hive_id */
	uint64_t id;
	DWORD access;
	size_t pathlen;
	WCHAR path[]; /* from the hive's root, '\\' between names */
};
/* The hive of a handle's target, and the access the handle has. */
struct rs_hive *reg_hive(const struct rt_key *rk);
DWORD reg_access(const struct rt_key *rk);
/* KEY_WOW64_32KEY (in access) for a key under HKLM\\Software, which on
 * Windows is another key (Wow6432Node): dllshare has one view of the
 * registry, so fn refuses it (ERROR_NOT_SUPPORTED).  rk is where sub[0..n)
 * starts. */
LONG reg_refuse_view(const char *fn, const struct rt_key *rk, const WCHAR *sub,
		     size_t n, DWORD access);
/* The key path[0..n) ('\\' between names) under k, or NULL. */
struct rs_key *reg_find(struct rs_key *k, const WCHAR *path, size_t n);
/* Creates what is missing of path[0..n) under k in h; the deepest key,
 * or NULL when out of memory; *made says whether it was created. */
struct rs_key *reg_make(struct rs_hive *h, struct rs_key *k, const WCHAR *path,
			size_t n, int *made);
/* The target of handle key (a predefined key, made if missing, or one of
 * the handle table) in a malloc'd *out the caller frees:
 * ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED when the handle lacks a
 * right of need, ERROR_NOT_SUPPORTED for HKEY_USERS and the like. */
LONG reg_key_get(HANDLE key, DWORD need, struct rt_key **out);
/* Whether key is one of the predefined keys (HKEY_CLASSES_ROOT to
 * HKEY_DYN_DATA, as the SDK's sign-extended values). */
int reg_is_predefined(HANDLE key);
/* The object of key handle h, with a reference, or NULL; the last error
 * left alone, as the registry answers with its return value. */
struct rt_object *reg_key_object(HANDLE h);
/* With the hive up to date: rk's key in *k, or ERROR_KEY_DELETED. */
LONG reg_key_find(const struct rt_key *rk, struct rs_key **k);
/* A new handle (*out) for the key id at parent's path + sub[0..n),
 * opened for access. */
LONG reg_new_handle(const struct rt_key *parent, const WCHAR *sub, size_t n,
		    uint64_t id, DWORD access, HANDLE *out);
/* With rs_lock held: reg_key_get, the hive brought up to date, and the
 * key itself in *k (ERROR_KEY_DELETED when it went).  *rk is the
 * caller's to free, also on failure. */
LONG reg_open_read(HANDLE key, DWORD need, struct rt_key **rk,
		   struct rs_key **k);
/* The same for a change: on success the hive's change is begun
 * (rs_begin) and the caller ends it with rs_commit(reg_hive(*rk), ..). */
LONG reg_open_write(HANDLE key, DWORD need, struct rt_key **rk,
		    struct rs_key **k);
/* A subkey path as a program gives it, made canonical in a malloc'd
 * *out of *n units: empty names dropped, ERROR_BAD_PATHNAME when it
 * starts with '\\', ERROR_INVALID_PARAMETER for a name longer than
 * Windows allows.  NULL is "". */
LONG reg_subpath(const WCHAR *sub, WCHAR **out, size_t *n);

/* The exported function being called in this thread, which a refusal
 * names (--trace): each sets it first (REG_ENTRY). */
extern __thread const char *reg_fn;
#define REG_ENTRY() (reg_fn = __func__ + 4) /* the name without w32_ */
/* r; when it is ERROR_NOT_SUPPORTED, the function fn (which called
 * another that refused) says so under --trace too. */
LONG reg_refused(LONG r, const char *fn);

/* ---- regvalue.c, reggetvalue.c: values, for the A functions ----------- */

/* A name that is empty: the default value, or no subkey. */
extern const WCHAR reg_empty[1];
/* A copy of value name of key's subkey sub ("" for the key itself):
 * its type, bytes (malloc'd, NULL when none) and size.  *keyfound (when
 * not NULL) says whether the key was there.  The handle needs
 * KEY_QUERY_VALUE when sub is "". */
LONG reg_value_get(HANDLE key, const WCHAR *sub, const WCHAR *name, DWORD *type,
		   BYTE **data, DWORD *len, int *keyfound);
/* RegGetValue's flags for the 32-bit view of sub, as an access mask
 * (KEY_WOW64_32KEY or 0) for reg_value_get_view. */
LONG reg_value_get_view(HANDLE key, const WCHAR *sub, const WCHAR *name,
			DWORD view, DWORD *type, BYTE **data, DWORD *len,
			int *keyfound);
/* Sets value name of key's subkey sub (created when missing: the handle
 * needs KEY_CREATE_SUB_KEY then, and KEY_SET_VALUE when sub is ""). */
LONG reg_value_set(HANDLE key, const WCHAR *sub, const WCHAR *name, DWORD type,
		   const void *data, DWORD len);
/* Value or subkey i of key (values 1 or 0): its name (malloc'd, with its
 * NUL, *nl units without it); a value's type, bytes and size; a
 * subkey's last-write time. */
LONG reg_enum(HANDLE key, int values, DWORD i, WCHAR **name, size_t *nl,
	      DWORD *type, BYTE **data, DWORD *len, uint64_t *time);
/* What RegQueryInfoKey reports of a key. */
struct reg_info {
	DWORD subs, maxsub, vals, maxvname, maxvlen;
	uint64_t time;
};
LONG reg_info(HANDLE key, struct reg_info *in);
/* Stores what RegQueryInfoKey's outputs that are given receive. */
void reg_info_out(const struct reg_info *in, DWORD *subs, DWORD *maxsub,
		  DWORD *maxcls, DWORD *vals, DWORD *maxvname, DWORD *maxvlen,
		  DWORD *sd, FILETIME *ft);
/* The value src[0..len) in a caller's buffer data of *size bytes:
 * ERROR_MORE_DATA, data untouched, when it does not fit; *size (when
 * size is not NULL) becomes len. */
LONG reg_put_data(const void *src, DWORD len, BYTE *data, DWORD *size);
/* s[0..n) (up to a NUL) with its %VARIABLES% replaced by their values (those
 * that are not set stay as they are), malloc'd with a NUL, *outlen units
 * without it; NULL when out of memory. */
WCHAR *reg_expand(const WCHAR *s, size_t n, size_t *outlen);
/* RegGetValue's checks of flags and of the type found (reggetvalue.c):
 * ERROR_SUCCESS, ERROR_UNSUPPORTED_TYPE or ERROR_DATATYPE_MISMATCH. */
LONG reg_get_restrict(DWORD flags, DWORD type, DWORD len);
/* Whether RegGetValue's flags are refused before anything is read. */
LONG reg_get_flags(const void *data, const DWORD *size, DWORD flags);


/* ---- regansi.c: for the A functions --------------------------------- */

#define REG_ACP 0 /* CP_ACP */

/* Whether values of type t are strings (converted by the A functions). */
int reg_is_string_type(DWORD t);
/* s in UTF-16 (malloc'd); NULL for NULL, and *bad set when out of
 * memory. */
WCHAR *reg_to_w(const char *s, int *bad);
/* The UTF-16 units w[0..n) in the ANSI code page, malloc'd with a NUL
 * after them (*len bytes without it). */
char *reg_to_a(const WCHAR *w, size_t n, DWORD *len);
/* A value's bytes as an A function reports them: *v replaced by its
 * conversion for the string types. */
LONG reg_data_to_a(DWORD type, BYTE **v, DWORD *len);

/* An A function's start: names a and b in UTF-16 (wa, wb; NULL for NULL),
 * its result r; WDONE frees them and returns r. */
#define WNAMES(a, b)                                                           \
	REG_ENTRY();                                                           \
	int bad = 0;                                                           \
	WCHAR *wa = reg_to_w(a, &bad), *wb = reg_to_w(b, &bad);                        \
	LONG r;                                                                \
	if (bad) {                                                             \
		free(wa);                                                      \
		free(wb);                                                      \
		return ERROR_OUTOFMEMORY;                                      \
	}
#define WDONE()                                                                \
	free(wa);                                                              \
	free(wb);                                                              \
	return reg_refused(r, __func__ + 4)

#endif
